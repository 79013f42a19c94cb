/**
 * Invariants and assertions: the model's own properties. An invariant is a
 * function of a whole state, checked on every state reached; an assertion
 * (`k.assert`, `k.fail`) fails inside a step, so the step itself is the
 * violation (the kernel raises it; this family only names it).
 */
import type { Engine } from '../src/engine/semantics.js';
import { Violation } from '../src/model/violation.js';
import { InputError } from '../src/errors.js';
import type { Family, Monitor, Finding } from './monitor.js';
import { Property } from '../src/property-ids.js';

export const invariants: Family = {
  name: 'invariants and assertions',
  properties: [
    { id: Property.assertion, summary: 'A step assertion failed.' },
    { id: Property.invariant, summary: "A model invariant does not hold (reported under the invariant's own name)." },
  ],
  help: 'The model states its own properties: invariants over the whole state, checked on every reachable state, and assertions inside steps. '
    + 'docs/models.md: "invariants: { name: (s) => true | false | \'message\' } over s.g, s.sessions, s.contexts", and "k.assert(cond, message, property?)" fails the step it runs in. '
    + 'A failing invariant is reported under its own name, with its message, or "invariant NAME does not hold" when it returns false.',
};

/** The message of an invariant that returned false. */
export const invariantFailed = (name: string): string => `invariant ${name} does not hold`;

/** The model's invariants, on every state reached, in declaration order. Null when the model declares none. */
export function invariantMonitor<S>(engine: Engine<S>): Monitor<S> | null {
  const sys = engine.sys;
  const invs = sys.model.invariants;
  if (!invs || Object.keys(invs).length === 0) return null;
  const names = Object.keys(invs);
  const b = engine.backend;
  return {
    name: invariants.name,
    needsAllEnabled: false,
    onState(state: S): Finding | null {
      const view = b.inspect(state);
      for (const name of names) {
        let r: boolean | string;
        try { r = invs[name](view); } catch (e) {
          if (e instanceof Violation) return { property: name, message: e.message, kind: 'state' };
          throw new InputError(`model ${sys.model.name}: invariant ${name}`, `threw ${e instanceof Error ? e.message : String(e)}`, 'an invariant must only read state and return true, false or a message');
        }
        if (r === true) continue;
        if (r === false) return { property: name, message: invariantFailed(name), kind: 'state' };
        if (typeof r === 'string') return { property: name, message: r, kind: 'state' };
        throw new InputError(`model ${sys.model.name}: invariant ${name}`, `returned ${JSON.stringify(r)}`, 'return true when it holds, false or a message when it does not');
      }
      return null;
    },
  };
}
