/**
 * Runs a schedule (a list of choices) on a compiled system and reports the first
 * property it violates, checking what the explorer checks along a path, through
 * the same successor function (src/explore/expand.ts): a step that fails as it
 * runs, then the state it reaches (contract monitors and invariants), then data
 * races and deadlock in a state before the schedule leaves it. Only the chosen
 * step's failure and successor count; the other enabled steps run for the race
 * check alone. Replay and the minimizer both go through here, so a trace the minimizer
 * accepts replays to the same verdict.
 *
 * Strict runs stop at the first choice that does not apply (replay: the model
 * changed); lenient runs skip it (the minimizer: after a step is removed, the
 * steps that depended on it drop out).
 *
 * With `stuck` (for a trace that ends in a deadlock), the last state is also
 * judged as the explorer's stuck-context check judges it: some context can never
 * move again while others cycle forever (src/explore/stuck-from.ts).
 */
import type { Engine } from '../engine/semantics.js';
import type { System } from '../engine/system.js';
import type { Violation } from '../model/violation.js';
import { Property } from '../property-ids.js';
import type { Finding, Race } from '../../properties/monitor.js';
import { CHECK, Expander, SKIP, type Answer, type Sink } from '../explore/expand.js';
import { stuckFrom } from '../explore/stuck-from.js';
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

/**
 * The sink of one choice: only the chosen action's failure and successor count
 * (it is checked; the others are tried for the race check alone).
 */
class Chosen<S> implements Sink<S> {
  chosen = -1;
  /** Whether the chosen action could run. */
  ran = false;
  failure: Violation | null = null;
  finding: Finding | null = null;
  next: S | null = null;
  vec: Int32Array | null = null;
  constructor(private readonly keep: (state: S) => S) {}
  reset(chosen: number): void { this.chosen = chosen; this.ran = false; this.failure = null; this.finding = null; this.next = null; this.vec = null; }
  failed(a: number, v: Violation): boolean {
    if (a !== this.chosen) return false;
    this.ran = true; this.failure = v;
    return true;
  }
  successor(a: number): Answer {
    if (a !== this.chosen) return SKIP;
    this.ran = true;
    return CHECK;
  }
  admit(_a: number, next: S, vec: Int32Array): void {
    this.vec = vec.slice();
    this.next = this.keep(next);
  }
  found(f: Finding): void { this.finding = f; }
}

/** Runs `n` choices made by `pick`. */
export function execute<S>(engine: Engine<S>, n: number, pick: Pick, mode: 'strict' | 'lenient' = 'strict', opts: ExecuteOptions = {}): RunResult {
  const sys = engine.sys;
  const b = engine.backend;
  const x = new Expander(engine);
  const sink = new Chosen<S>((s) => b.keep(s));
  let state = b.keep(engine.initial());
  let vec: Int32Array = b.vector(state).slice();
  const applied: number[] = [];
  let skipped = 0;
  const done = (violation: TraceViolation | null, stuck?: RunResult['stuck']): RunResult => ({ applied, violation, skipped, ...(stuck ? { stuck } : {}) });
  const judged = (f: Finding, step: number): TraceViolation => (f.race ? raceViolation(sys, f.race, step) : { property: f.property, message: f.message, kind: f.kind, step });

  const bad0 = x.check(state, vec);
  if (bad0) return done({ property: bad0.property, message: bad0.message, kind: 'state', step: 0 });
  for (let i = 0; i < n; i++) {
    const cands = x.candidates(vec);
    const got = pick(i, cands, vec);
    let why: string | null = null;
    if (typeof got !== 'number') why = got.miss;
    else if (!cands.includes(got)) why = 'is not a step its context can take here';
    if (why === null) {
      sink.reset(got as number);
      x.expand(state, vec, sink);
      if (!sink.ran) why = 'is not enabled (its guard is false, or it would wait)';
    }
    if (why !== null) {
      if (mode === 'strict') return done(null, { index: i + 1, why });
      skipped++;
      continue;
    }
    const id = got as number;
    applied.push(id);
    if (sink.failure) return done({ property: sink.failure.property, message: sink.failure.message, kind: 'step', step: applied.length });
    // As the explorer does: a new state's monitors are checked when it is made,
    // the races of the state it came from once all of that state's steps were tried.
    const f = sink.finding;
    if (f?.kind === 'state') return done({ property: f.property, message: f.message, kind: 'state', step: applied.length });
    if (f?.race) { applied.pop(); return done(raceViolation(sys, f.race, applied.length)); }
    state = sink.next!;
    vec = sink.vec!;
  }
  // The last state: races among its enabled steps, or nothing enabled at all.
  sink.reset(-1);
  const enabled = x.expand(state, vec, sink);
  if (sink.finding) return done(judged(sink.finding, applied.length));
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
