/**
 * Checks that end the expansion of one state, shared by the exhaustive search
 * (explorer.ts) and the random schedules (src/fastcheck): after every candidate
 * of a state was applied, a data race (two enabled steps conflict) and a
 * deadlock (nothing enabled, yet some context is inside a procedure). Also the
 * determinism check both run on their first transitions. One definition, so a
 * random walk judges a state exactly as the explorer does.
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED } from '../engine/semantics.js';
import { Property } from '../model/violation.js';
import { InputError } from '../errors.js';
import type { RaceDetector, Race } from './races.js';

/** What the end of a state's expansion found. */
export interface StateFinding {
  readonly property: string;
  readonly message: string;
  readonly kind: 'race' | 'deadlock';
  readonly race?: Race;
}

/**
 * The checks after all candidates of state `vec` were applied (`enabled` of them
 * were enabled, each recorded in `races`): a data race first, then a deadlock.
 */
export function endOfState<S>(engine: Engine<S>, races: RaceDetector | null, vec: Int32Array, enabled: number): StateFinding | null {
  const race = races?.conflict();
  if (race) return { property: Property.race, message: race.message, kind: 'race', race };
  if (enabled === 0 && engine.busy(vec)) return { property: Property.deadlock, message: deadlockMessage(engine, vec), kind: 'deadlock' };
  return null;
}

/**
 * Re-runs action `a` from `state` and compares with `first` (its result the
 * first time); throws InputError naming the step when they differ. Leaves the
 * backend holding the first result again.
 */
export function checkDeterministic<S>(engine: Engine<S>, state: S, cur: Int32Array, a: number, first: Int32Array): void {
  const keep = first.slice();
  const again = engine.apply(state, cur, a);
  const vec = again === APPLIED ? engine.backend.vector(engine.backend.commit()) : null;
  let same = vec !== null;
  if (vec) for (let i = 0; i < keep.length; i++) if (vec[i] !== keep[i]) { same = false; break; }
  if (!same) {
    const act = engine.sys.actions[a];
    throw new InputError(`model ${engine.sys.model.name}: step ${act.name}`, 'is not deterministic: from the same state it produced a different result the second time',
      'a step may depend only on s and k; it must not read Math.random(), Date, or variables outside the model state');
  }
  // Leave the backend holding the first result again.
  engine.apply(state, cur, a);
}

/** "no context can move, yet P0T0 at DxgkDdiPresent/lock has not finished". */
export function deadlockMessage<S>(engine: Engine<S>, vec: Int32Array): string {
  const sys = engine.sys;
  const stuck = sys.contexts
    .filter((c, i) => vec[sys.slots.pc[i]] > 1)
    .map((c) => `${c.info.name} at ${c.pcProc[vec[sys.slots.pc[c.info.id]]]!.name}/${c.pcLabel[vec[sys.slots.pc[c.info.id]]]}`);
  const env = sys.env;
  const draining = env && env.phase >= 0 && vec[env.phase] === 1;
  const tdr = draining ? '; the GPU is hung and TDR is draining: DxgkDdiResetFromTimeout waits for every call in the driver to return' : '';
  return `no context can move, yet ${stuck.join(', ')} ${stuck.length === 1 ? 'has' : 'have'} not finished${tdr}`;
}
