/** Evaluates the model's invariants on a state. */
import type { Backend } from '../engine/backend.js';
import type { System } from '../engine/system.js';
import { Violation } from '../model/violation.js';
import { InputError } from '../errors.js';

export function checkInvariants<S>(sys: System, b: Backend<S>, state: S, vec?: Int32Array): { property: string; message: string } | null {
  // The contract monitors first: what is in the driver at once.
  if (sys.env) {
    const o = sys.env.monitor(vec ?? b.vector(state));
    if (o) return { property: o.rule, message: o.message };
  }
  const invs = sys.model.invariants;
  if (!invs) return null;
  let view;
  for (const name in invs) {
    view ??= b.inspect(state);
    let r: boolean | string;
    try { r = invs[name](view); } catch (e) {
      if (e instanceof Violation) return { property: name, message: e.message };
      throw new InputError(`model ${sys.model.name}: invariant ${name}`, `threw ${e instanceof Error ? e.message : String(e)}`, 'an invariant must only read state and return true, false or a message');
    }
    if (r === true) continue;
    if (r === false) return { property: name, message: `invariant ${name} does not hold` };
    if (typeof r === 'string') return { property: name, message: r };
    throw new InputError(`model ${sys.model.name}: invariant ${name}`, `returned ${JSON.stringify(r)}`, 'return true when it holds, false or a message when it does not');
  }
  return null;
}
