/**
 * The determinism check: a step may depend only on `s` and `k`, so running a
 * transition again from the same state must give the same successor. A step
 * that reads Math.random(), Date or a variable outside the model state fails it,
 * and gets a clear message naming the step instead of a wrong verdict.
 */
import { InputError } from '../errors.js';
import type { Expander } from './expand.js';

/**
 * Re-runs action `a` from `state` (vector `cur`) and compares with `first`, its
 * successor the first time; throws InputError naming the step when they differ.
 * Leaves the backend holding the first result again.
 */
export function checkDeterministic<S>(x: Expander<S>, state: S, cur: Int32Array, a: number, first: Int32Array): void {
  const keep = first.slice();
  const again = x.successor(state, cur, a);
  let same = again instanceof Int32Array;
  if (again instanceof Int32Array) for (let i = 0; i < keep.length; i++) if (again[i] !== keep[i]) { same = false; break; }
  if (!same) {
    const sys = x.engine.sys;
    const act = sys.actions[a];
    throw new InputError(`model ${sys.model.name}: step ${act.name}`, 'is not deterministic: from the same state it produced a different result the second time',
      'a step may depend only on s and k; it must not read Math.random(), Date, or variables outside the model state');
  }
  // Leave the backend holding the first result again.
  x.successor(state, cur, a);
}
