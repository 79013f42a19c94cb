/**
 * The monitors one search runs, made for its engine from the families that
 * have one. Their order is the order findings are looked for: on a state, the
 * contract monitors before the model's invariants; after an expansion, data
 * races before deadlock.
 */
import type { Engine } from '../src/engine/semantics.js';
import type { Monitor } from './monitor.js';
import { contractMonitor } from './contract.js';
import { invariantMonitor } from './invariants.js';
import { raceMonitor, type Trial } from './races.js';
import { deadlockMonitor } from './deadlock.js';

/**
 * The monitors for `engine`: those that apply to its system (no OS environment,
 * no invariants, races off: none of that kind). `trial` runs two steps in a row
 * for the race monitor (see races.ts).
 */
export function monitorsFor<S>(engine: Engine<S>, trial: Trial | null): Monitor<S>[] {
  const all: (Monitor<S> | null)[] = [contractMonitor(engine), invariantMonitor(engine), raceMonitor(engine, trial) as Monitor<S> | null, deadlockMonitor(engine)];
  return all.filter((m): m is Monitor<S> => m !== null);
}
