/**
 * Following a path of action ids from the initial state, without checks: what
 * the stuck-context analysis needs to name the state a path leads to.
 */
import type { Expander } from './expand.js';

/** The canonical vector after running `choices` from the initial state (each must apply). */
export function vectorAfter<S>(x: Expander<S>, choices: readonly number[]): Int32Array {
  const engine = x.engine;
  const b = engine.backend;
  let state = b.keep(engine.initial());
  let vec = b.vector(state).slice();
  for (const a of choices) {
    const next = x.successor(state, vec, a);
    if (!(next instanceof Int32Array)) throw new Error(`internal: action ${engine.sys.actions[a].name} of a recorded path does not apply`);
    vec = next.slice();
    state = b.keep(x.lastState!);
  }
  return vec;
}
