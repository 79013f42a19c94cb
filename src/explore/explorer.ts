/**
 * Exhaustive search of the state graph. One transition is one atomic action of
 * one context. The loop knows no policy: the frontier (search order) and the
 * store (visited set) come from tables, and budgets only stop it. It finds the
 * first violation (a failing step, an invariant, a deadlock or a data race),
 * records parent links compactly, and rebuilds the counterexample as the list of
 * choices from the initial state. With the stuck-context check on (the default),
 * it also records the state graph, and after a complete search finds contexts
 * that can never move again while others cycle forever (stuck.ts).
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED, DISABLED } from '../engine/semantics.js';
import { Property, type Violation } from '../model/violation.js';
import { fingerprint, collisionProbability } from './hash.js';
import { frontiers, type SearchOrder } from './frontier.js';
import { stores, type StoreKind } from './store.js';
import { checkInvariants } from './invariants.js';
import { RaceDetector, type Race } from './races.js';
import { checkDeterministic, deadlockMessage, endOfState } from './checks.js';
import { StateGraph, findStuck } from './stuck.js';

export { deadlockMessage } from './checks.js';

export interface Budget {
  /** Stop (inconclusive) after this many distinct states. */
  readonly maxStates?: number;
  /** Do not expand states this many steps deep (inconclusive if one of them had a move). */
  readonly maxDepth?: number;
  /** Stop (inconclusive) after this many seconds. */
  readonly seconds?: number;
}

export interface ExploreOptions extends Budget {
  readonly order?: SearchOrder;
  readonly store?: StoreKind;
  /** Re-run each transition this many times at the start to catch nondeterministic steps. */
  readonly determinismChecks?: number;
  /** Called about once a second with progress. */
  readonly progress?: (p: Progress) => void;
  /** Polled: when it returns true the search stops as inconclusive (Ctrl-C). */
  readonly interrupted?: () => boolean;
  /**
   * After a complete search, look for contexts that can never move again while
   * others cycle forever (a deadlock a periodic timer hides). Default true; it
   * records the state graph (8 bytes per transition, 9 per state) and keeps
   * state ids in the visited set (4 bytes more per slot).
   */
  readonly stuckCheck?: boolean;
  /** Above this many transitions the stuck-context check is skipped, with a note (default 30 million). */
  readonly stuckCheckMaxTransitions?: number;
}

/** Transitions the stuck-context check records at most, by default (240 MB of edges). */
export const STUCK_CHECK_MAX_TRANSITIONS = 30_000_000;

export interface Progress { readonly states: number; readonly transitions: number; readonly depth: number; readonly queued: number; readonly seconds: number }

export interface Stats {
  distinctStates: number;
  transitions: number;
  maxDepth: number;
  seconds: number;
  statesPerSecond: number;
  transitionsPerSecond: number;
  /** Bytes held by the visited set, parent links and the recorded state graph, per distinct state. */
  bytesPerState: number;
  /** The most states waiting in the frontier at once (each takes the state vector bit-packed by slot ranges, plus 2 ints). */
  peakFrontier: number;
  collisions: number;
  /** Probability that a fingerprint collision hid a state (0 with an exact store). */
  collisionProbability: number;
}

export interface Found {
  readonly property: string;
  readonly message: string;
  /** Action ids from the initial state; for a step violation the last one is the failing step. */
  readonly choices: readonly number[];
  /** 'step': the last choice failed; 'state': the state after the choices violates; 'deadlock'/'race': in that state. */
  readonly kind: 'step' | 'state' | 'deadlock' | 'race';
  readonly race?: Race;
}

export type ExploreResult =
  /** `notes`: what the verdict does not cover (the stuck-context check was off or skipped). */
  | { readonly verdict: 'holds'; readonly stats: Stats; readonly notes?: readonly string[] }
  | { readonly verdict: 'violated'; readonly stats: Stats; readonly found: Found }
  | { readonly verdict: 'inconclusive'; readonly stats: Stats; readonly reason: string };

/** Growable parent links: for each state id, its parent id and the action that led to it. */
class Parents {
  parent = new Int32Array(1 << 12);
  action = new Int32Array(1 << 12);
  set(id: number, parent: number, action: number): void {
    if (id >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2); p.set(this.parent); this.parent = p;
      const a = new Int32Array(this.action.length * 2); a.set(this.action); this.action = a;
    }
    this.parent[id] = parent; this.action[id] = action;
  }
  path(id: number): number[] {
    const out: number[] = [];
    while (id > 0) { out.push(this.action[id]); id = this.parent[id]; }
    return out.reverse();
  }
  bytes(n: number): number { return n * 8; }
}

/**
 * A search in progress. `run(ms)` works for about `ms` milliseconds and returns
 * the result when the search has ended, or null to be called again: callers that
 * must stay responsive (Ctrl-C, progress) run it in slices.
 */
export class Search<S> {
  private readonly b;
  private readonly store;
  private readonly frontier;
  private readonly parents = new Parents();
  private readonly races;
  /** The state graph, for the stuck-context check; null when the check is off or was given up. */
  private graph: StateGraph | null;
  private readonly notes: string[] = [];
  private readonly fp = new Uint32Array(2);
  private readonly cur: Int32Array;
  private readonly cands: number[] = [];
  private readonly maxStates: number;
  private readonly maxDepth: number;
  private readonly deadline: number;
  private detChecks: number;
  private readonly t0 = performance.now();
  private transitions = 0;
  private deepest = 0;
  private cut = false;
  private lastProgress = this.t0;
  private result: ExploreResult | null = null;
  private overBudget = false;

  constructor(private readonly engine: Engine<S>, private readonly opts: ExploreOptions = {}) {
    const sys = engine.sys;
    const width = sys.layout.width;
    this.b = engine.backend;
    this.graph = opts.stuckCheck === false ? null : new StateGraph(opts.stuckCheckMaxTransitions ?? STUCK_CHECK_MAX_TRANSITIONS);
    if (!this.graph) this.notes.push('stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for');
    this.store = stores[opts.store ?? 'fingerprint'](width, this.graph !== null);
    this.frontier = frontiers[opts.order ?? 'bfs'](sys.layout.slots);
    this.races = engine.trackRaces ? new RaceDetector(sys) : null;
    this.cur = new Int32Array(width);
    this.maxStates = opts.maxStates ?? Infinity;
    this.maxDepth = opts.maxDepth ?? Infinity;
    this.deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
    this.detChecks = opts.determinismChecks ?? 2000;
    // The initial state.
    const init = this.engine.initial();
    const initVec = this.b.vector(init).slice();
    fingerprint(initVec, this.fp);
    this.store.add(initVec, this.fp);
    this.parents.set(0, -1, -1);
    this.graph?.state(0, engine.busy(initVec));
    const bad0 = checkInvariants(sys, this.b, init);
    if (bad0) this.result = this.violated({ ...bad0, choices: [], kind: 'state' });
    else this.frontier.push(initVec, 0, 0);
  }

  stats(): Stats {
    const seconds = (performance.now() - this.t0) / 1000;
    // A state found past the state budget is not counted: it was never explored.
    const n = this.store.size - (this.overBudget ? 1 : 0);
    return {
      distinctStates: n, transitions: this.transitions, maxDepth: this.deepest, seconds,
      statesPerSecond: seconds > 0 ? n / seconds : 0, transitionsPerSecond: seconds > 0 ? this.transitions / seconds : 0,
      bytesPerState: n > 0 ? (this.store.bytes() + this.parents.bytes(n) + (this.graph?.bytes() ?? 0)) / n : 0,
      peakFrontier: this.frontier.peak,
      collisions: this.store.collisions, collisionProbability: this.store.exact ? 0 : collisionProbability(n),
    };
  }

  private violated(found: Found): ExploreResult { return { verdict: 'violated', stats: this.stats(), found }; }
  private inconclusive(reason: string): ExploreResult { return { verdict: 'inconclusive', stats: this.stats(), reason }; }

  /** Stops the search now as inconclusive (Ctrl-C, an outer budget). */
  stop(reason: string): ExploreResult { this.result ??= this.inconclusive(reason); return this.result; }

  run(ms = Infinity): ExploreResult | null {
    if (this.result) return this.result;
    try {
      this.result = this.loop(ms === Infinity ? Infinity : performance.now() + ms);
    } catch (e) {
      // Steps, guards and invariants turn their own errors into InputErrors, so a
      // RangeError here is the frontier, store or parent links failing to grow.
      if (!(e instanceof RangeError)) throw e;
      this.result = this.inconclusive(`memory ran out with ${this.store.size} states stored and ${this.frontier.length} waiting (${e.message}): set a state budget, or search depth-first`);
    }
    return this.result;
  }

  private loop(until: number): ExploreResult | null {
    const { engine, b, store, frontier, parents, races, fp, cur, cands, opts } = this;
    const sys = engine.sys;
    let graph = this.graph;
    let expanded = 0;
    for (;;) {
      if ((++expanded & 1023) === 0) {
        const now = performance.now();
        if (Date.now() > this.deadline) return this.inconclusive(`time budget of ${opts.seconds} s ran out`);
        if (opts.interrupted?.()) return this.inconclusive('interrupted');
        if (opts.progress && now - this.lastProgress > 1000) {
          this.lastProgress = now;
          opts.progress({ states: store.size, transitions: this.transitions, depth: this.deepest, queued: frontier.length, seconds: (now - this.t0) / 1000 });
        }
        if (now > until) return null;
      }
      if (!frontier.pop(cur)) break;
      const id = frontier.id;
      const depth = frontier.depth;
      const state = b.decode(cur);
      engine.candidates(cur, cands);
      if (depth >= this.maxDepth) {
        // Not expanded; but a state with no move loses nothing (and may be a deadlock).
        if (cands.some((a) => engine.apply(state, cur, a) !== DISABLED)) { this.cut = true; continue; }
        if (engine.busy(cur)) return this.violated({ property: Property.deadlock, message: deadlockMessage(engine, cur), choices: parents.path(id), kind: 'deadlock' });
        continue;
      }
      races?.begin();
      if (graph !== null) graph.begin(id);
      let enabled = 0;
      for (let c = 0; c < cands.length; c++) {
        const a = cands[c];
        const out = engine.apply(state, cur, a);
        if (out === DISABLED) continue;
        enabled++;
        this.transitions++;
        if (out !== APPLIED) {
          const v = out as Violation;
          return this.violated({ property: v.property, message: v.message, choices: [...parents.path(id), a], kind: 'step' });
        }
        races?.record(a, b.tracker);
        const next = b.commit();
        const vec = b.vector(next);
        if (this.detChecks > 0) { this.detChecks--; checkDeterministic(engine, state, cur, a, vec); }
        fingerprint(vec, fp);
        const fresh = store.add(vec, fp);
        if (graph !== null && !graph.add(store.id, a)) { this.dropGraph(); graph = null; }
        if (!fresh) continue;
        // One state more than the budget: the space is larger than the budget allows.
        if (store.size > this.maxStates) { this.overBudget = true; return this.inconclusive(`state budget of ${this.maxStates} distinct states ran out`); }
        const nid = store.size - 1;
        parents.set(nid, id, a);
        if (graph !== null) graph.state(nid, engine.busy(vec));
        if (depth + 1 > this.deepest) this.deepest = depth + 1;
        const bad = checkInvariants(sys, b, next, vec);
        if (bad) return this.violated({ ...bad, choices: parents.path(nid), kind: 'state' });
        frontier.push(b.vector(next), nid, depth + 1);
      }
      if (graph !== null) graph.end(id);
      const end = endOfState(engine, races, cur, enabled);
      if (end) return this.violated({ ...end, choices: parents.path(id) });
    }
    if (this.cut) return this.inconclusive(`depth budget of ${this.maxDepth} steps cut the search`);
    if (graph !== null) {
      const stuck = findStuck(engine, graph, store.size);
      if (stuck) return this.violated({ property: Property.deadlock, message: stuck.message, choices: stuck.choices, kind: 'deadlock' });
    }
    return { verdict: 'holds', stats: this.stats(), ...(this.notes.length > 0 ? { notes: [...this.notes] } : {}) };
  }

  /** Gives up the state graph (too many transitions, or no memory for it): the stuck-context check is skipped. */
  private dropGraph(): void {
    const g = this.graph!;
    this.notes.push(`stuck-context check skipped: ${g.failure ?? 'the state graph could not be kept'} (contexts that can never move again while others cycle forever were not looked for)`);
    g.release();
    this.graph = null;
  }
}

/** Runs a whole search synchronously. */
export function explore<S>(engine: Engine<S>, opts: ExploreOptions = {}): ExploreResult {
  return new Search(engine, opts).run()!;
}
