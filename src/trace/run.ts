/**
 * Runs a schedule (a list of choices) on a compiled system and reports the first
 * property it violates, checking what the explorer checks along a path: a step
 * that fails as it runs, then the state it reaches (contract monitors and
 * invariants), then data races and deadlock in a state before the schedule leaves
 * it. Replay and the minimizer both go through here, so a trace the minimizer
 * accepts replays to the same verdict.
 *
 * Strict runs stop at the first choice that does not apply (replay: the model
 * changed); lenient runs skip it (the minimizer: after a step is removed, the
 * steps that depended on it drop out).
 *
 * With `stuck` (for a trace that ends in a deadlock), the last state is also
 * judged as the explorer's stuck-context check judges it: some context can never
 * move again while others cycle forever (explore/stuck.ts).
 */
import { APPLIED, DISABLED, type Engine } from '../engine/semantics.js';
import { checkInvariants } from '../explore/invariants.js';
import { RaceDetector, type Race } from '../explore/races.js';
import type { System } from '../engine/system.js';
import { endOfState } from '../explore/checks.js';
import { stuckFrom } from '../explore/stuck.js';
import { Property, type Violation } from '../model/violation.js';
import type { TraceViolation } from './format.js';

/** Picks the action for choice `i` among the candidates of the current state, or says why none fits. */
export type Pick = (i: number, candidates: readonly number[], vec: Int32Array) => number | { readonly miss: string };

export interface RunResult {
  /** Action ids that ran, up to and including a failing step. */
  readonly applied: readonly number[];
  readonly violation: TraceViolation | null;
  /** A strict run that could not go on: the 1-based choice and why. */
  readonly stuck?: { readonly index: number; readonly why: string };
  /** Choices a lenient run skipped. */
  readonly skipped: number;
}

export interface ExecuteOptions {
  /** Also look for contexts stuck forever in the last state (a deadlock a perpetual cycle hides). */
  readonly stuck?: boolean;
  /** The most states that look explores from the last state (default 1e6): more, and it finds nothing. */
  readonly stuckMaxStates?: number;
}

/** Runs `n` choices made by `pick`. */
export function execute<S>(engine: Engine<S>, n: number, pick: Pick, mode: 'strict' | 'lenient' = 'strict', opts: ExecuteOptions = {}): RunResult {
  const sys = engine.sys;
  const b = engine.backend;
  const races = engine.trackRaces ? new RaceDetector(sys) : null;
  const cands: number[] = [];
  let state = engine.initial();
  let vec = b.vector(state).slice();
  if (b.name === 'fast') state = vec as unknown as S;
  const applied: number[] = [];
  let skipped = 0;
  const done = (violation: TraceViolation | null, stuck?: RunResult['stuck']): RunResult => ({ applied, violation, skipped, ...(stuck ? { stuck } : {}) });

  const bad0 = checkInvariants(sys, b, state, vec);
  if (bad0) return done({ ...bad0, kind: 'state', step: 0 });
  for (let i = 0; i < n; i++) {
    engine.candidates(vec, cands);
    const got = pick(i, cands, vec);
    let why: string | null = null;
    if (typeof got !== 'number') why = got.miss;
    else if (!cands.includes(got)) why = 'is not a step its context can take here';
    let out: ReturnType<Engine<S>['apply']> = DISABLED;
    if (why === null) {
      // Trial-run every other candidate first, for race detection; the chosen one last, so its result is what commit() returns.
      races?.begin();
      const id = got as number;
      let chosen: ReturnType<Engine<S>['apply']> = DISABLED;
      for (const c of cands) {
        if (c === id) continue;
        const o = engine.apply(state, vec, c);
        if (o === APPLIED) races?.record(c, b.tracker);
      }
      chosen = engine.apply(state, vec, id);
      if (chosen === APPLIED) races?.record(id, b.tracker);
      out = chosen;
      if (out === DISABLED) why = 'is not enabled (its guard is false, or it would wait)';
    }
    if (why !== null) {
      if (mode === 'strict') return done(null, { index: i + 1, why });
      skipped++;
      continue;
    }
    const id = got as number;
    if (out !== APPLIED) {
      applied.push(id);
      const v = out as Violation;
      return done({ property: v.property, message: v.message, kind: 'step', step: applied.length });
    }
    // As the explorer does: a new state's invariants are checked when it is made,
    // the races of the state it came from once all of that state's steps were tried.
    const race = races?.conflict() ?? null;
    state = b.commit();
    const next = b.vector(state).slice();
    if (b.name === 'fast') state = next as unknown as S;
    vec = next;
    applied.push(id);
    const bad = checkInvariants(sys, b, state, vec);
    if (bad) return done({ ...bad, kind: 'state', step: applied.length });
    if (race) { applied.pop(); return done(raceViolation(sys, race, applied.length)); }
  }
  // The last state: races among its enabled steps, or nothing enabled at all.
  engine.candidates(vec, cands);
  races?.begin();
  let enabled = 0;
  for (const c of cands) {
    const o = engine.apply(state, vec, c);
    if (o === DISABLED) continue;
    enabled++;
    if (o === APPLIED) races?.record(c, b.tracker);
  }
  const end = endOfState(engine, races, vec, enabled);
  if (end?.race) return done(raceViolation(sys, end.race, applied.length));
  if (end) return done({ property: end.property, message: end.message, kind: end.kind, step: applied.length });
  if (opts.stuck && enabled > 0) {
    const message = stuckFrom(engine, vec, opts.stuckMaxStates);
    if (message !== null) return done({ property: Property.deadlock, message, kind: 'deadlock', step: applied.length });
  }
  return done(null);
}

function raceViolation(sys: System, race: Race, step: number): TraceViolation {
  return { property: Property.race, message: race.message, kind: 'race', step, race: { location: race.location, steps: [sys.actions[race.actions[0]].name, sys.actions[race.actions[1]].name] } };
}

/** Runs action ids as they are. */
export function executeIds<S>(engine: Engine<S>, ids: readonly number[], mode: 'strict' | 'lenient' = 'strict', opts: ExecuteOptions = {}): RunResult {
  return execute(engine, ids.length, (i) => ids[i], mode, opts);
}
