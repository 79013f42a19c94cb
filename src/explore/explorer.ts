/**
 * Exhaustive search of the state graph. One transition is one atomic action of
 * one context. The loop reads like TLC's worker: pop a state, expand it (the
 * successor function, expand.ts, applies and checks every action), store each
 * successor, push the new ones. It knows no policy: the frontier (search order)
 * and the store (visited set) come from tables, budgets and progress sit outside
 * the loop. It stops at the first violation (a failing step, an invariant, a
 * contract monitor, a deadlock or a data race), records parent links compactly,
 * and rebuilds the counterexample as the list of choices from the initial state. With the stuck-context check on (the default),
 * it also records the state graph, and after a complete search finds contexts
 * that can never move again while others cycle forever (stuck.ts). With
 * symmetry reduction (on by default where the model passes the symmetry
 * check), the store keys states by their canonical form (symmetry/), so it
 * keeps one representative per orbit while the frontier keeps concrete states.
 */
import { Probe } from './probe.js';
import type { Engine } from '../engine/semantics.js';
import type { Violation } from '../model/violation.js';
import { Property } from '../property-ids.js';
import type { Finding } from '../../properties/monitor.js';
import { StateGraph } from '../../properties/state-graph.js';
import { findStuck } from '../../properties/stuck.js';
import { fingerprint, collisionProbability } from './hash.js';
import { frontiers } from './frontier.js';
import { seenId, stores } from './store.js';
import type { AmpleChooser } from './por/ample.js';
import { nextRound, reductionFor, reductionNotes } from './por/reduction.js';
import { CHECK, Expander, SKIP, STOP, STOPPED, type Answer, type Sink } from './expand.js';
import { checkDeterministic, DeterminismSampler } from './determinism.js';
import { vectorAfter } from './path.js';
import { defaultMemoryMB, memoryReason } from './memory.js';
import { Parents } from './parents.js';
import { SplitGate, type SplitInfo } from './split.js';
import { STUCK_CHECK_MAX_TRANSITIONS, type Relearn, type ExploreOptions, type ExploreResult, type Found, type Stats, type SymmetryStats } from './search-types.js';
import { checkSymmetric, makeCanonicalizer, type Canonicalizer } from './symmetry/index.js';
import { findStuckQuotient } from './symmetry/stuck.js';

export type { Budget, ExploreOptions, Progress, Stats, Found, ExploreResult, Relearn, SymmetryStats } from './search-types.js';
export { STUCK_CHECK_MAX_TRANSITIONS } from './search-types.js';


/**
 * A search in progress. `run(ms)` works for about `ms` milliseconds and returns
 * the result when the search has ended, or null to be called again: callers that
 * must stay responsive (Ctrl-C, progress) run it in slices.
 *
 * The search is the sink of its own expansions: `successor` stores a successor
 * and records its parent link and graph edge, `admit` pushes a new one that
 * passed the monitors, `failed` and `found` end the search with a violation.
 */
export class Search<S> implements Sink<S> {
  private readonly b;
  private readonly x: Expander<S>;
  private readonly store;
  private readonly frontier;
  private readonly parents = new Parents();
  /** The initial state's id. */
  private root = 0;
  /** The state graph, for the stuck-context check; null when the check is off or was given up. */
  private graph: StateGraph | null;
  private readonly notes: string[] = [];
  private readonly fp = new Uint32Array(2);
  private readonly cur: Int32Array;
  private readonly probe = new Probe();
  private readonly maxStates: number;
  private readonly maxDepth: number;
  private readonly deadline: number;
  private readonly memoryMB: number;
  private readonly memoryBytes: number;
  /** The store size at which to see whether the visited set's next growth fits (memoryFits). */
  private memoryCheckAt = 0;
  /** Transitions until the next is offered to the sampler (it decides which to keep); never 0 without one. */
  private sampleIn = -1;
  private detChecks: number;
  /** Transitions kept for a re-run later in the search (null: no determinism checks asked for). */
  private readonly sampler: DeterminismSampler<S> | null;
  private readonly t0 = performance.now();
  private transitions = 0;
  private deepest = 0;
  private cut = false;
  private lastProgress = this.t0;
  private result: ExploreResult | null = null;
  private overBudget = false;
  /** The state being expanded: its id, depth and decoded form (for the determinism re-run). */
  private id = 0;
  private depth = 0;
  private state: S | null = null;
  /** The id of the successor `successor` just stored as new. */
  private nid = 0;
  /** Per action: the call kind it starts, or -1; and which kinds some schedule started. */
  private readonly callOf: Int32Array;
  private readonly started: Uint8Array;
  /** The ample chooser of partial-order reduction, or null. */
  private readonly ample: AmpleChooser<S> | null;
  /** Breadth-first with ids: a seen state with a larger id than the one expanded still waits in the frontier. */
  private readonly queuedIsLater: boolean;
  /** Whether the last successor stored is still to be expanded (the cycle proviso). */
  private lastFresh = false;
  /** --split i/n: which frontier states at the boundary are this shard's (null: not split). */
  private readonly split: SplitGate | null;
  /** The canonical form states are stored by (symmetry reduction), or null. */
  private readonly canon: Canonicalizer | null = null;
  /** What the verdict says about symmetry (undefined: the group is trivial). */
  private readonly symmetry: Omit<SymmetryStats, 'unreducedStates'> | undefined;
  /** The concrete states the stored representatives stand for, when counted (`countOrbits`), else -1. */
  private unreduced = -1;

  constructor(private readonly engine: Engine<S>, private readonly opts: ExploreOptions = {}) {
    const sys = engine.sys;
    const width = sys.layout.width;
    this.b = engine.backend;
    this.x = new Expander(engine);
    // Symmetry: the group from the scenario, used only when the model's steps and monitors pass the sampled check.
    const c = makeCanonicalizer(sys);
    if (c && opts.symmetry === false) this.symmetry = { applied: false, group: c.group.description, order: c.group.order, why: 'turned off (--no-symmetry)' };
    else if (c) {
      const refusal = checkSymmetric(this.x, c);
      this.symmetry = refusal ? { applied: false, group: c.group.description, order: c.group.order, why: refusal.message } : { applied: true, group: c.group.description, order: c.group.order };
      if (!refusal) this.canon = c;
      if (!refusal && opts.countOrbits) this.unreduced = 0;
    }
    // Partial-order reduction: the stuck-context check does not survive it (its note says so). Under symmetry
    // it works on the quotient graph: the ample sets and the cycle proviso see orbit representatives' ids.
    this.x.ample = this.ample = reductionFor(engine, opts);
    const por = this.ample !== null;
    // A split search has part of the state graph only, so no stuck-context check (its note says so). Its
    // shards are cut by the same fingerprint the store keys states by (the canonical one under symmetry).
    const canon = this.canon;
    this.split = opts.split ? new SplitGate(opts.split, canon ? (v, out) => canon.fingerprint(v, out) : fingerprint) : null;
    this.graph = opts.stuckCheck === false || por || this.split ? null : new StateGraph(opts.stuckCheckMaxTransitions ?? STUCK_CHECK_MAX_TRANSITIONS);
    if (!this.graph && !por && !this.split) this.notes.push('stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for');
    // The breadth-first cycle proviso asks whether a state already seen still waits in the frontier: ids of seen states.
    this.queuedIsLater = por && (opts.order ?? 'bfs') === 'bfs';
    this.store = stores[opts.store ?? 'fingerprint'](width, this.graph !== null || this.queuedIsLater);
    this.frontier = frontiers[opts.order ?? 'bfs'](sys.layout.slots);
    this.cur = new Int32Array(width);
    this.callOf = Int32Array.from(sys.actions, (a) => (a.kind === 'call' ? a.call! : -1));
    this.started = new Uint8Array(sys.calls.length);
    this.maxStates = opts.maxStates ?? Infinity;
    this.maxDepth = opts.maxDepth ?? Infinity;
    this.deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
    this.memoryMB = opts.memoryMB ?? defaultMemoryMB();
    this.memoryBytes = this.memoryMB * 1024 * 1024;
    this.detChecks = opts.determinismChecks ?? 2000;
    this.sampler = this.detChecks > 0 ? new DeterminismSampler(this.x, this.detChecks) : null;
    if (this.sampler) this.sampleIn = 1;
    // The initial state.
    const init = this.engine.initial();
    const initVec = this.b.vector(init).slice();
    const key0 = this.canon ? this.canon.canonical(initVec) : initVec;
    fingerprint(key0, this.fp);
    const id0 = this.id = this.root = this.store.add(key0, this.fp);
    if (this.unreduced >= 0) this.unreduced += this.canon!.orbitSize(initVec);
    this.parents.set(id0, -1, -1);
    this.graph?.state(id0, engine.busy(initVec));
    const bad0 = this.x.check(init, initVec);
    if (bad0) this.result = this.violated({ ...bad0, kind: 'state', choices: [] });
    else this.frontier.push(initVec, id0, 0);
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
      ...(this.symmetry ? { symmetry: { ...this.symmetry, ...(this.unreduced >= 0 && !this.overBudget ? { unreducedStates: this.unreduced } : {}) } } : {}),
    };
  }

  private violated(found: Found): ExploreResult { return { verdict: 'violated', stats: this.stats(), found, ...this.reductionNotes() }; }
  private inconclusive(reason: string): ExploreResult { return { verdict: 'inconclusive', stats: this.stats(), reason, ...this.reductionNotes() }; }
  /** What a reduction did, for every verdict (a violation or an inconclusive end must say it too). */
  private reductionNotes(): { notes?: readonly string[] } { return this.ample ? { notes: reductionNotes(this.ample, this.opts) } : {}; }

  /**
   * Set when a transaction search stopped because a step broke the lock
   * discipline it relied on: run the search again with this (check.ts does).
   */
  restart: Relearn | null = null;

  /** --split: where the boundary fell and how much of it this shard expanded; null when not split. */
  splitInfo(): SplitInfo | null { return this.split?.info() ?? null; }

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

  /** Pop, expand, store, push; the budgets and progress between states. */
  private loop(until: number): ExploreResult | null {
    const { b, x, frontier, cur } = this;
    let expanded = 0;
    for (;;) {
      if ((++expanded & 1023) === 0) {
        const r = this.between(until);
        if (r !== undefined) return r;
      }
      if (!frontier.pop(cur)) { this.sampler?.recheck(); break; }
      this.id = frontier.id;
      this.depth = frontier.depth;
      if (this.split?.skip(this.depth, frontier.length, cur)) continue;
      const state = this.state = b.decode(cur);
      if (this.depth >= this.maxDepth) {
        // Not expanded; but a state with no move loses nothing (and may be a deadlock).
        const p = this.probe;
        p.moved = false; p.finding = null;
        if (x.expand(state, cur, p as Sink<S>) === STOPPED && this.ample?.locks?.broken) return this.relearn();
        if (p.moved) { this.cut = true; continue; }
        const f = p.finding as Finding | null;
        if (f?.kind === 'deadlock') return this.violated({ ...f, choices: this.parents.path(this.id) });
        continue;
      }
      this.graph?.begin(this.id);
      if (x.expand(state, cur, this) === STOPPED) return this.result ?? this.relearn();
      this.graph?.end(this.id);
    }
    if (this.cut) return this.inconclusive(`depth budget of ${this.maxDepth} steps cut the search`);
    if (this.graph !== null) {
      const stuck = this.findStuck();
      if (stuck) return this.violated({ property: Property.deadlock, message: stuck.message, choices: stuck.choices, kind: 'deadlock' });
    }
    // A shard's part may miss a call another shard starts: only the merged run could tell.
    const unstarted = this.split ? null : this.neverStarted();
    if (unstarted) this.notes.push(unstarted);
    if (this.ample) this.notes.push(...reductionNotes(this.ample, this.opts));
    return { verdict: 'holds', stats: this.stats(), ...(this.notes.length > 0 ? { notes: [...this.notes] } : {}) };
  }

  /** Ends a transaction search whose lock discipline broke: inconclusive, with `restart` for the next round. */
  private relearn(): ExploreResult {
    const { relearn, reason } = nextRound(this.ample!, this.opts);
    this.restart = relearn;
    return this.inconclusive(reason);
  }

  /** The stuck-context check: on the recorded graph, or under symmetry on the quotient graph and concrete closures. */
  private findStuck(): { message: string; choices: number[] } | null {
    const { x, engine } = this;
    const after = (choices: readonly number[]): Int32Array => vectorAfter(x, choices);
    if (!this.canon) return findStuck(engine.sys, this.graph!, this.store.size, this.root, after);
    const r = findStuckQuotient(engine, this.graph!, this.store.size, this.root, (id) => this.parents.path(id), after);
    if (r.found === null && r.note) this.notes.push(r.note);
    return r.found;
  }

  /** Between states, every 1024: the time budget, Ctrl-C, progress, the end of a slice (null). Undefined: go on. */
  private between(until: number): ExploreResult | null | undefined {
    const { opts } = this;
    const now = performance.now();
    this.sampler?.recheck();
    if (Date.now() > this.deadline) return this.inconclusive(`time budget of ${opts.seconds} s ran out`);
    if (opts.interrupted?.()) return this.inconclusive('interrupted');
    // The frontier doubles when it is full: that must fit too.
    const inUse = this.bytesInUse();
    if (inUse + this.frontier.bytes() > this.memoryBytes) return this.inconclusive(memoryReason(this.memoryMB, 'the frontier', inUse, this.frontier.bytes(), this.store.size, this.frontier.length));
    if (opts.progress && now - this.lastProgress > 1000) {
      this.lastProgress = now;
      opts.progress({ states: this.store.size, transitions: this.transitions, depth: this.deepest, queued: this.frontier.length, seconds: (now - this.t0) / 1000 });
    }
    if (now > until) return null;
    return undefined;
  }

  /** @internal Sink: an enabled step failed; the search ends with it. */
  failed(a: number, v: Violation): boolean {
    this.transitions++;
    this.result = this.violated({ property: v.property, message: v.message, choices: [...this.parents.path(this.id), a], kind: 'step' });
    return true;
  }

  /** @internal Sink: stores a successor; CHECK when it is new. */
  successor(a: number, _next: S, vec: Int32Array): Answer {
    this.transitions++;
    const k = this.callOf[a];
    if (k >= 0) this.started[k] = 1;
    if (this.detChecks > 0) { this.detChecks--; checkDeterministic(this.x, this.state!, this.cur, a, vec); }
    if (--this.sampleIn === 0) this.sampleIn = this.sampler!.offer(this.cur, a, vec);
    const { store, fp } = this;
    if (store.size + 1 >= this.memoryCheckAt && (this.memoryCheckAt = this.memoryFits()) < 0) return STOP;
    const key = this.canon ? this.canon.canonical(vec) : vec;
    fingerprint(key, fp);
    const id = store.add(key, fp);
    if (this.graph !== null && !this.graph.add(id >= 0 ? id : seenId(id), a)) this.dropGraph();
    this.lastFresh = id >= 0 || (this.queuedIsLater && seenId(id) > this.id);
    if (id < 0) return SKIP;
    // One state more than the budget: the space is larger than the budget allows.
    if (store.size > this.maxStates) { this.overBudget = true; this.result = this.inconclusive(`state budget of ${this.maxStates} distinct states ran out`); return STOP; }
    if (this.unreduced >= 0) this.unreduced += this.canon!.orbitSize(vec);
    const nid = this.nid = id;
    this.parents.set(nid, this.id, a);
    this.graph?.state(nid, this.engine.busy(vec));
    if (this.depth + 1 > this.deepest) this.deepest = this.depth + 1;
    return CHECK;
  }

  /** @internal Sink: whether the last successor is new or still waits in the frontier (partial-order reduction's cycle proviso). */
  fresh(): boolean { return this.lastFresh; }

  /** @internal Sink: a new successor passed the monitors: it waits in the frontier. */
  admit(_a: number, next: S): void {
    this.frontier.push(this.b.vector(next), this.nid, this.depth + 1);
  }

  /** @internal Sink: a monitor found a violation in a new successor or in the state expanded. */
  found(f: Finding, a: number): void {
    this.result = this.violated({ ...f, choices: this.parents.path(a >= 0 ? this.nid : this.id) });
  }

  /**
   * Called when the store is about to take the state it grows at: whether its
   * growth fits the memory budget. Returns the store size to call again at
   * (past the growth, to find the next one), or -1 after ending the search.
   */
  private memoryFits(): number {
    const { store } = this;
    const at = store.growsAt;
    if (store.size + 1 < at) return at;
    const inUse = this.bytesInUse();
    const growth = store.growthBytes();
    if (inUse + growth <= this.memoryBytes) return at + 1;
    this.result = this.inconclusive(memoryReason(this.memoryMB, 'the visited set', inUse, growth, store.size, this.frontier.length));
    return -1;
  }

  /**
   * After a complete search: the scenario calls no schedule ever started (their
   * contract preconditions never held, or the model never lets them in), which
   * a verdict that holds says nothing about. The OS's own TDR calls are left out.
   */
  private neverStarted(): string | null {
    const sys = this.engine.sys;
    const kinds = new Set<number>();
    for (const c of sys.contexts) if (c.info.id !== sys.tdrContext) for (const k of c.procOfCall.keys()) kinds.add(k);
    const never = [...kinds].filter((k) => this.started[k] === 0).map((k) => sys.calls[k].key);
    return never.length === 0 ? null
      : `never started in any schedule: ${never.join(', ')} (the contract never let ${never.length === 1 ? 'it' : 'them'} in within these bounds, so the verdict covers no state with ${never.length === 1 ? 'it' : 'them'} in the driver)`;
  }

  /** Bytes the search's tables hold now. */
  private bytesInUse(): number {
    return this.store.bytes() + this.parents.bytes() + (this.graph?.bytes() ?? 0) + this.frontier.bytes();
  }

  /** Gives up the state graph (too many transitions, or no memory for it): the stuck-context check is skipped. */
  private dropGraph(): void {
    const g = this.graph!;
    this.notes.push(`stuck-context check skipped: ${g.failure ?? 'the state graph could not be kept'} (contexts that can never move again while others cycle forever were not looked for)`);
    g.release();
    this.graph = null;
  }
}
