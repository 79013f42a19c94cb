/**
 * One random schedule, run and judged. A walk starts in the initial state and
 * expands each state it visits through the explorer's successor function
 * (src/explore/expand.ts): every candidate action is tried (a step that fails
 * is a violation), every successor goes through the state monitors (contract
 * monitors, invariants), then the data races and deadlock of the state itself.
 * Only then does the chooser pick one enabled action to move on. So a walk
 * reports exactly what the exhaustive search would report about the states it
 * passes through, and its counterexample is a list of action ids in the form the
 * explorer gives: for a step or state violation the last id is the failing
 * transition, for a race or deadlock the ids lead to the bad state.
 */
import type { Engine } from '../engine/semantics.js';
import type { Violation } from '../model/violation.js';
import type { Found } from '../explore/explorer.js';
import type { Finding } from '../../properties/monitor.js';
import { CHECK, Expander, STOPPED, type Answer, type Sink } from '../explore/expand.js';
import { checkDeterministic } from '../explore/determinism.js';

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

export class Walker<S> implements Sink<S> {
  private readonly x: Expander<S>;
  private readonly enabled: number[] = [];
  /** The successor of each enabled action of the state being expanded, by its position in `enabled` (buffers reused). */
  private readonly next: Int32Array[] = [];
  private readonly cur: Int32Array;
  private detChecks = DETERMINISM_CHECKS;
  /** Of the state being expanded: its decoded form, and what ended its expansion. */
  private state: S | null = null;
  private finding: Omit<Found, 'choices'> | null = null;
  private last = -1;

  /** `visit` sees every state a walk is in (the initial one, each one it moves to), as a reused vector. */
  constructor(readonly engine: Engine<S>, private readonly visit?: (vec: Int32Array) => void) {
    this.x = new Expander(engine);
    this.cur = new Int32Array(engine.sys.layout.width);
  }

  /** Runs one schedule of at most `maxSteps` steps. */
  run(chooser: Chooser, maxSteps: number): WalkResult {
    const { engine, x, enabled, cur } = this;
    const b = engine.backend;
    const path: number[] = [];
    const violated = (f: Omit<Found, 'choices'>, last?: number): WalkResult =>
      ({ found: { ...f, choices: last === undefined ? path.slice() : [...path, last] }, choices: last === undefined ? path.slice() : [...path, last], end: 'violation' });
    const init = engine.initial();
    cur.set(b.vector(init));
    const bad0 = x.check(init, cur);
    if (bad0) return violated({ ...bad0, kind: 'state' });
    for (let step = 0; ; step++) {
      this.visit?.(cur);
      const state = this.state = b.decode(cur);
      enabled.length = 0;
      this.finding = null;
      if (x.expand(state, cur, this) === STOPPED) {
        const f = this.finding!;
        return f.kind === 'step' || f.kind === 'state' ? violated(f, this.last) : violated(f);
      }
      if (enabled.length === 0) return { found: null, choices: path, end: 'finished' };
      const a = step < maxSteps ? chooser.choose(enabled, step) : -1;
      if (a < 0) return { found: null, choices: path, end: 'cut' };
      cur.set(this.next[enabled.indexOf(a)]);
      path.push(a);
      chooser.ran(a, step);
    }
  }

  /** @internal Sink: any failing step ends the walk, as it ends the search. */
  failed(a: number, v: Violation): boolean {
    this.finding = { property: v.property, message: v.message, kind: 'step' };
    this.last = a;
    return true;
  }

  /** @internal Sink: every successor is checked, as the explorer checks every new one. */
  successor(a: number, _next: S, vec: Int32Array): Answer {
    if (this.detChecks > 0) { this.detChecks--; checkDeterministic(this.x, this.state!, this.cur, a, vec); }
    return CHECK;
  }

  /** @internal Sink: a successor that passed the monitors is a choice; its vector is kept. */
  admit(a: number, _next: S, vec: Int32Array): void {
    const i = this.enabled.length;
    this.enabled.push(a);
    let buf = this.next[i];
    if (buf === undefined) buf = this.next[i] = new Int32Array(vec.length);
    buf.set(vec);
  }

  /** @internal Sink: a finding in a successor (the last step) or in the state (none). */
  found(f: Finding, a: number): void {
    this.finding = f;
    this.last = a;
  }
}
