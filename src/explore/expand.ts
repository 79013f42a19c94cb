/**
 * The successor function: the one place a state's successors are computed and
 * checked. `expand` applies every candidate action of a state in candidate
 * order and, for each one that can run, tells the sink; the monitors
 * (properties/) see the state's expansion begin, every transition, every new
 * state the sink wants checked, and the end of the expansion. The explorer,
 * random walks, trace runs and the stuck-context look are sinks over it, so
 * they all judge a state the same way and in the same order:
 *
 *   1. a step that fails as it runs (a Violation) is the sink's to judge;
 *   2. a successor the sink asks to check goes through the state monitors
 *      (contract monitors, then invariants): a finding ends the expansion;
 *   3. after every candidate was tried, the expansion monitors (data races,
 *      then deadlock) judge the state itself.
 *
 * `successor` is the other entry: one action's successor, unchecked, for
 * drivers that follow a given path (trace replay, the determinism re-run,
 * rebuilding the state a path leads to).
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED, DISABLED } from '../engine/semantics.js';
import type { Violation } from '../model/violation.js';
import type { Accesses } from '../engine/tracker.js';
import type { Finding, Monitor } from '../../properties/monitor.js';
import { monitorsFor } from '../../properties/monitors.js';
import type { AmpleChooser } from './por/ample.js';

/** `Sink.successor` answers: do not check this successor. */
export const SKIP = 0;
/** `Sink.successor` answers: run the state monitors on it, then `admit` it if they find nothing. */
export const CHECK = 1;
/** `Sink.successor` answers: end the expansion now (the sink has what it needs). */
export const STOP = 2;
export type Answer = typeof SKIP | typeof CHECK | typeof STOP;

/** `expand` returns this when the expansion was ended early (by the sink, or by a finding it was given). */
export const STOPPED = -1;

/** What a driver does with a state's successors. */
export interface Sink<S> {
  /** Enabled action `action` failed as it ran; true ends the expansion. */
  failed(action: number, v: Violation): boolean;
  /**
   * Enabled action `action` led to `next`, whose vector is `vec` (both valid
   * only until the next action runs: copy to keep).
   */
  successor(action: number, next: S, vec: Int32Array): Answer;
  /** A successor the sink asked to check passed every state monitor. */
  admit(action: number, next: S, vec: Int32Array): void;
  /**
   * A monitor found a violation: in the successor by `action` (kind `state`),
   * or, with `action` -1, in the state being expanded (`race`, `deadlock`).
   * The expansion ends.
   */
  found(f: Finding, action: number): void;
  /**
   * Whether the successor just given to `successor` is still to be expanded
   * (new, or waiting in the frontier): the cycle proviso of partial-order
   * reduction asks it. A sink without it counts every successor as such.
   */
  fresh?(): boolean;
}

export class Expander<S> {
  private readonly cands: number[] = [];
  private readonly onState: Monitor<S>[];
  private readonly onBegin: Monitor<S>[];
  private readonly onStep: Monitor<S>[];
  private readonly onEnd: Monitor<S>[];
  /** True when some monitor needs every enabled step of a state expanded (a reduction must not skip any). */
  readonly needsAllEnabled: boolean;

  constructor(readonly engine: Engine<S>, readonly monitors: readonly Monitor<S>[] = monitorsFor(engine, (vec, first, second) => accessesAfter(engine, vec, first, second))) {
    this.onState = monitors.filter((m) => m.onState !== undefined);
    this.onBegin = monitors.filter((m) => m.beginExpansion !== undefined);
    this.onStep = monitors.filter((m) => m.onSuccessor !== undefined);
    this.onEnd = monitors.filter((m) => m.afterExpansion !== undefined);
    this.needsAllEnabled = monitors.some((m) => m.needsAllEnabled);
  }

  /** The state monitors on a state reached (the initial state; `expand` runs them on successors): the first finding, or null. */
  check(state: S, vec: Int32Array): Finding | null {
    const ms = this.onState;
    for (let i = 0; i < ms.length; i++) {
      const f = ms[i].onState!(state, vec);
      if (f !== null) return f;
    }
    return null;
  }

  /**
   * Expands `state` (whose vector is `vec`): every candidate action, in
   * candidate order, through the sink and the monitors. Returns how many
   * candidates were enabled, or STOPPED.
   *
   * With an ample chooser (partial-order reduction), only the chosen context's
   * steps are expanded when the chooser finds one, and the rest only when the
   * cycle proviso asks: none of those successors is still to be expanded (the
   * sink's `fresh`), so no step can be put off forever around a cycle.
   * With transactions, a step that breaks the lock discipline a reduction
   * relied on ends the expansion (STOPPED, `ample.locks.broken` says why).
   */
  expand(state: S, vec: Int32Array, sink: Sink<S>): number {
    const { engine, cands } = this;
    engine.candidates(vec, cands);
    const begin = this.onBegin;
    for (let i = 0; i < begin.length; i++) begin[i].beginExpansion!(vec);
    const ample = this.ample;
    let enabled: number;
    const only = ample === null ? -1 : ample.choose(state, vec, cands);
    if (only < 0) enabled = this.each(state, vec, sink, -1, true);
    else {
      this.anyFresh = false;
      enabled = this.each(state, vec, sink, only, true);
      if (enabled === STOPPED) return STOPPED;
      if (!this.anyFresh) {
        ample!.givenUp();
        const more = this.each(state, vec, sink, only, false);
        if (more === STOPPED) return STOPPED;
        enabled += more;
      }
    }
    if (enabled === STOPPED) return STOPPED;
    const end = this.onEnd;
    for (let i = 0; i < end.length; i++) {
      const f = end[i].afterExpansion!(vec, enabled);
      if (f !== null) { sink.found(f, -1); return STOPPED; }
    }
    return enabled;
  }

  /** Set by `each`: whether some successor it gave the sink is still to be expanded (the cycle proviso). */
  private anyFresh = false;

  /**
   * Runs the candidates (all with `ctx` -1; else those of context `ctx` when
   * `inCtx`, the others when not) through the sink and the state monitors.
   * Returns how many were enabled, or STOPPED.
   */
  private each(state: S, vec: Int32Array, sink: Sink<S>, ctx: number, inCtx: boolean): number {
    const { engine, cands } = this;
    const b = engine.backend;
    const actions = engine.sys.actions;
    const step = this.onStep;
    const locks = this.ample?.locks ?? null;
    let enabled = 0;
    for (let c = 0; c < cands.length; c++) {
      const a = cands[c];
      if (ctx >= 0 && (actions[a].ctx === ctx) !== inCtx) continue;
      const out = engine.apply(state, vec, a);
      // Transactions: every step the search runs checks the lock discipline they rely on (its guard's reads too).
      if (locks !== null && actions[a].kind === 'step' && !locks.observe(a, b.tracker)) return STOPPED;
      if (out === DISABLED) continue;
      enabled++;
      if (out !== APPLIED) {
        if (sink.failed(a, out as Violation)) return STOPPED;
        continue;
      }
      for (let i = 0; i < step.length; i++) step[i].onSuccessor!(a, b.tracker);
      const next = b.commit();
      const nvec = b.vector(next);
      const r = sink.successor(a, next, nvec);
      if (ctx >= 0 && (sink.fresh === undefined || sink.fresh())) this.anyFresh = true;
      if (r === SKIP) continue;
      if (r === STOP) return STOPPED;
      const f = this.check(next, nvec);
      if (f !== null) { sink.found(f, a); return STOPPED; }
      sink.admit(a, next, nvec);
    }
    return enabled;
  }

  /**
   * The ample chooser of partial-order reduction (por/ample.ts), or null to
   * expand every state in full. Set by the explorer; the engine must watch
   * kernel reads (Engine.watchKernelReads).
   */
  ample: AmpleChooser<S> | null = null;

  /**
   * Action `a`'s successor of `state`, unchecked: the new state's vector (valid
   * until the next action runs), null when `a` cannot run, or the Violation it
   * raised. The backend then holds the new state (`engine.backend.commit()` was
   * called: the immer backend's result is `lastState`).
   */
  successor(state: S, vec: Int32Array, a: number): Int32Array | Violation | null {
    const b = this.engine.backend;
    const out = this.engine.apply(state, vec, a);
    if (out === DISABLED) return null;
    if (out !== APPLIED) return out as Violation;
    this.lastState = b.commit();
    return b.vector(this.lastState);
  }

  /** The state `successor` last produced. */
  lastState: S | null = null;

  private readonly listed: number[] = [];
  /** The candidate actions of `vec`, in candidate order (a reused array, not the one `expand` uses: copy to keep). */
  candidates(vec: Int32Array): readonly number[] { return this.engine.candidates(vec, this.listed); }
}

/**
 * The accesses of action `second` run from the state after action `first` ran
 * from `vec`, or null when either cannot run there (the race monitor's trial:
 * is a conflict still there when one step runs after the other?). Leaves the
 * backend's working copy changed: called only once an expansion is over.
 */
export function accessesAfter<S>(engine: Engine<S>, vec: Int32Array, first: number, second: number): Accesses | null {
  const b = engine.backend;
  if (engine.apply(b.decode(vec), vec, first) !== APPLIED) return null;
  const mid = b.vector(b.commit()).slice();
  if (engine.apply(b.decode(mid), mid, second) !== APPLIED) return null;
  return b.tracker.snapshot();
}
