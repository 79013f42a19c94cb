/**
 * One random schedule, run and judged. A walk starts in the initial state and, in
 * each state it visits, does what the explorer does when it expands a state:
 * tries every candidate action (a step that fails is a violation), checks the
 * invariants and contract monitors of every successor, then the data races and
 * deadlock of the state itself (src/explore/checks.ts, shared with the explorer).
 * Only then does the chooser pick one enabled action to move on. So a walk
 * reports exactly what the exhaustive search would report about the states it
 * passes through, and its counterexample is a list of action ids in the form the
 * explorer gives: for a step or state violation the last id is the failing
 * transition, for a race or deadlock the ids lead to the bad state.
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED, DISABLED } from '../engine/semantics.js';
import type { Violation } from '../model/violation.js';
import type { Found } from '../explore/explorer.js';
import { checkInvariants } from '../explore/invariants.js';
import { RaceDetector } from '../explore/races.js';
import { checkDeterministic, endOfState } from '../explore/checks.js';

/** Picks the next action of a walk. */
export interface Chooser {
  /**
   * One of `enabled` (never empty; action ids in candidate order: contexts in
   * order, then the adapter and timers), or -1 to end the run here. `step`
   * counts from 0.
   */
  choose(enabled: readonly number[], step: number): number;
  /** Told after action `action` ran as step `step`. */
  ran(action: number, step: number): void;
}

export interface WalkResult {
  /** The first violation, in the explorer's form; null when the walk ended without one. */
  readonly found: Found | null;
  /** Action ids the walk took (for a violation: `found.choices`). */
  readonly choices: readonly number[];
  /** Why it ended: a violation, no action enabled, or the step limit or the chooser cut it short. */
  readonly end: 'violation' | 'finished' | 'cut';
}

/** The same number of transitions the explorer re-runs to catch a nondeterministic step. */
const DETERMINISM_CHECKS = 2000;

export class Walker<S> {
  private readonly races: RaceDetector | null;
  private readonly cands: number[] = [];
  private readonly enabled: number[] = [];
  private readonly cur: Int32Array;
  private detChecks = DETERMINISM_CHECKS;

  /** `visit` sees every state a walk is in (the initial one, each one it moves to), as a reused vector. */
  constructor(readonly engine: Engine<S>, private readonly visit?: (vec: Int32Array) => void) {
    this.races = engine.trackRaces ? new RaceDetector(engine.sys) : null;
    this.cur = new Int32Array(engine.sys.layout.width);
  }

  /** Runs one schedule of at most `maxSteps` steps. */
  run(chooser: Chooser, maxSteps: number): WalkResult {
    const { engine, races, cands, enabled, cur } = this;
    const sys = engine.sys;
    const b = engine.backend;
    const path: number[] = [];
    const violated = (f: Omit<Found, 'choices'>, last?: number): WalkResult =>
      ({ found: { ...f, choices: last === undefined ? path.slice() : [...path, last] }, choices: last === undefined ? path.slice() : [...path, last], end: 'violation' });
    const init = engine.initial();
    cur.set(b.vector(init));
    const bad0 = checkInvariants(sys, b, init, cur);
    if (bad0) return violated({ ...bad0, kind: 'state' });
    for (let step = 0; ; step++) {
      this.visit?.(cur);
      const state = b.decode(cur);
      engine.candidates(cur, cands);
      races?.begin();
      enabled.length = 0;
      for (let c = 0; c < cands.length; c++) {
        const a = cands[c];
        const out = engine.apply(state, cur, a);
        if (out === DISABLED) continue;
        if (out !== APPLIED) {
          const v = out as Violation;
          return violated({ property: v.property, message: v.message, kind: 'step' }, a);
        }
        races?.record(a, b.tracker);
        const next = b.commit();
        const vec = b.vector(next);
        if (this.detChecks > 0) { this.detChecks--; checkDeterministic(engine, state, cur, a, vec); }
        const bad = checkInvariants(sys, b, next, vec);
        if (bad) return violated({ ...bad, kind: 'state' }, a);
        enabled.push(a);
      }
      const end = endOfState(engine, races, cur, enabled.length);
      if (end) return violated(end);
      if (enabled.length === 0) return { found: null, choices: path, end: 'finished' };
      const a = step < maxSteps ? chooser.choose(enabled, step) : -1;
      if (a < 0) return { found: null, choices: path, end: 'cut' };
      // Every candidate ran since; run the chosen one again to take its successor.
      engine.apply(state, cur, a);
      cur.set(b.vector(b.commit()));
      path.push(a);
      chooser.ran(a, step);
    }
  }
}
