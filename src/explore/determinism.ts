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

/** After the first transitions (each re-run at once), one transition in this many is sampled for a later re-run. */
const SAMPLE_EVERY = 1009;
/** Samples waiting for their re-run at most; more, and sampling waits. */
const MAX_PENDING = 4096;

/**
 * The determinism check out of order: transitions sampled across the whole
 * search (every one of the first, then one in SAMPLE_EVERY) are run again
 * later, from the stored state, once other steps have run. A step that reads a
 * module-level variable another step writes gives the same result when re-run
 * at once, but not later: this is what catches it.
 */
export class DeterminismSampler<S> {
  private readonly from: Int32Array[] = [];
  private readonly to: Int32Array[] = [];
  private readonly action: number[] = [];
  private seen = 0;

  /** `first`: how many transitions at the start are all sampled (the ones also re-run at once). */
  constructor(private readonly x: Expander<S>, private readonly first: number) {}

  /**
   * Transition `a` from `cur` to `next` ran, and is one the sampler asked for:
   * keep it for a later re-run. Returns how many transitions on to offer the
   * next one (1 for each of the first, then SAMPLE_EVERY).
   */
  offer(cur: Int32Array, a: number, next: Int32Array): number {
    const n = this.seen++;
    if (this.action.length < MAX_PENDING) { this.from.push(cur.slice()); this.to.push(next.slice()); this.action.push(a); }
    if (n + 1 < this.first) return 1;
    this.seen = this.first;
    return SAMPLE_EVERY;
  }

  /** Re-runs every sample taken so far, from its stored state; throws InputError naming a step whose result changed. */
  recheck(): void {
    const { x, from, to, action } = this;
    const b = x.engine.backend;
    for (let i = 0; i < action.length; i++) {
      const again = x.successor(b.decode(from[i]), from[i], action[i]);
      let same = again instanceof Int32Array;
      if (again instanceof Int32Array) for (let j = 0; j < again.length; j++) if (again[j] !== to[i][j]) { same = false; break; }
      if (!same) {
        const sys = x.engine.sys;
        throw new InputError(`model ${sys.model.name}: step ${sys.actions[action[i]].name}`,
          'is not deterministic: run again later from the same state, it produced a different result (it depends on something outside the model state that another step changed)',
          'a step may depend only on s and k; it must not read Math.random(), Date, or variables outside the model state');
      }
    }
    from.length = 0; to.length = 0; action.length = 0;
  }
}
