/**
 * Breadth-first search on worker threads. The states are partitioned by
 * fingerprint owner: each worker (shard.ts) keeps the visited set and frontier
 * of its own states, and successors owned elsewhere travel to their owner in
 * batches over shared-memory rings. Levels end at a barrier kept here, by the
 * coordinator, which then has every worker rank the new level's states in the
 * order the one-thread search would have stored them (keys, protocol.ts).
 * So ids, parent links, the violation reported (the smallest key of its
 * level), the counts at which it stops and the counterexample are those of
 * the sequential `Search`, for any number of workers.
 *
 * Like `Search`, `run(ms)` works for about `ms` milliseconds and returns the
 * result, or null to be called again; the coordinator sleeps on a shared
 * counter while the workers work, and between naps it polls Ctrl-C and the
 * time budget, reports progress and mirrors the longest-running step into a
 * watchdog's block. For the stuck-context check the workers log the edges
 * into their states, and after a complete search the coordinator lays them
 * out as the one-thread search records them (graph.ts).
 */
import type { Engine } from '../../engine/semantics.js';
import { Expander } from '../expand.js';
import { Codec } from '../frontier.js';
import { collisionProbability, fingerprint } from '../hash.js';
import { checkSymmetric, makeCanonicalizer, type Canonicalizer } from '../symmetry/index.js';
import type { SymmetryStats } from '../search-types.js';
import { defaultMemoryMB } from '../memory.js';
import { STUCK_CHECK_MAX_TRANSITIONS, type ExploreOptions, type ExploreResult, type Found, type Stats } from '../search-types.js';
import { vectorAfter } from '../path.js';
import { Property } from '../../property-ids.js';
import { findStuck } from '../../../properties/stuck.js';
import { buildGraph, sharedGraph, type SharedGraph } from './graph.js';
import { Ring } from './ring.js';
import { Crew } from './crew.js';
import { neverStarted } from './never-started.js';
import { RECORD_EXTRA, ownerOf, placeOfKey, type Candidate, type Reply } from './protocol.js';

/** Records a ring holds (a power of two): enough that a worker rarely waits for room. */
const RING_CAPACITY = 1 << 14;

/** What a parallel search takes beside the explorer's options: where a worker finds the model, and how to build its engine. */
export interface ParallelOptions extends ExploreOptions {
  readonly workers: number;
  /** The model file a worker imports (it must export the model the engine was compiled from). */
  readonly file: string;
  readonly scenario?: string;
  readonly backend?: 'fast' | 'immer';
  /** For a watchdog on another thread: the longest-running step of any worker is mirrored here (see Engine.running). */
  readonly watch?: Int32Array;
}

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

export class ParallelSearch<S> {
  private readonly n: number;
  private readonly crew: Crew;
  private readonly gen: Generator<void, ExploreResult, void> | null = null;
  private readonly t0 = performance.now();
  private readonly deadline: number;
  private readonly maxStates: number;
  private readonly maxDepth: number;
  /** Transitions the stuck-context check takes at most. */
  private readonly maxEdges: number;
  private result: ExploreResult | null = null;
  private stopReason: string | null = null;
  private lastProgress = this.t0;
  private depth = 0;
  /** What the verdict says about symmetry (undefined: the group is trivial). */
  private readonly symmetry: Omit<SymmetryStats, 'unreducedStates'> | undefined;
  /** The canonical form the workers key states by (symmetry), or null. */
  private readonly canon: Canonicalizer | null = null;

  constructor(private readonly engine: Engine<S>, private readonly opts: ParallelOptions) {
    const sys = engine.sys;
    // Symmetry is decided here, once, as the one-thread search decides it; every worker then keys and
    // partitions states by the same canonical fingerprint.
    const c = makeCanonicalizer(sys);
    if (c && opts.symmetry === false) this.symmetry = { applied: false, group: c.group.description, order: c.group.order, why: 'turned off (--no-symmetry)' };
    else if (c) {
      const refusal = checkSymmetric(new Expander(engine), c);
      this.symmetry = refusal ? { applied: false, group: c.group.description, order: c.group.order, why: refusal.message } : { applied: true, group: c.group.description, order: c.group.order };
      if (!refusal) this.canon = c;
    }
    const n = this.n = opts.workers;
    this.maxStates = opts.maxStates ?? Infinity;
    this.maxDepth = opts.maxDepth ?? Infinity;
    this.maxEdges = opts.stuckCheckMaxTransitions ?? STUCK_CHECK_MAX_TRANSITIONS;
    this.deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
    this.crew = new Crew(n);
    const init = engine.initial();
    const initVec = engine.backend.vector(init).slice();
    const bad0 = new Expander(engine).check(init, initVec);
    if (bad0) {
      this.result = { verdict: 'violated', stats: this.stats(1, 0, 0), found: { ...bad0, kind: 'state', choices: [] } };
      return;
    }
    const stride = new Codec(sys.layout.slots).words + RECORD_EXTRA;
    const rings = Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? null : new SharedArrayBuffer(Ring.bytes(stride, RING_CAPACITY))));
    const memoryMB = Math.max(1, Math.floor((opts.memoryMB ?? defaultMemoryMB()) / n));
    this.crew.start({
      file: opts.file, model: sys.model.name, scenario: opts.scenario, backend: opts.backend ?? 'fast', exact: opts.store === 'exact',
      rings, ringCapacity: RING_CAPACITY, determinismChecks: opts.determinismChecks ?? 2000, memoryMB,
      graphEdges: opts.stuckCheck === false ? 0 : this.maxEdges, symmetry: this.canon !== null,
    });
    this.gen = this.drive(initVec);
  }

  run(ms = Infinity): ExploreResult | null {
    if (this.result) return this.result;
    const until = ms === Infinity ? Infinity : performance.now() + ms;
    for (;;) {
      this.tick();
      let step: IteratorResult<void, ExploreResult>;
      try {
        step = this.gen!.next();
      } catch (e) {
        this.crew.close();
        throw e;
      }
      if (step.done) {
        this.result = step.value;
        this.crew.close(true);
        return this.result;
      }
      const now = performance.now();
      if (now >= until) return null;
      this.crew.sleep(Math.min(50, until - now));
    }
  }

  /** Stops the search now as inconclusive (Ctrl-C, an outer budget). */
  stop(reason: string): ExploreResult {
    if (this.result) return this.result;
    this.requestStop(reason);
    this.result = this.partial(reason);
    this.crew.close();
    return this.result;
  }

  /** Between naps: the time budget, Ctrl-C, progress, the watchdog's view. */
  private tick(): void {
    const { opts } = this;
    if (Date.now() > this.deadline) this.requestStop(`time budget of ${opts.seconds} s ran out`);
    if (opts.interrupted?.()) this.requestStop('interrupted');
    const now = performance.now();
    if (opts.progress && now - this.lastProgress > 1000) {
      this.lastProgress = now;
      const p = this.crew.sums();
      opts.progress({ states: p.states, transitions: p.transitions, depth: this.depth, queued: p.queued, seconds: (now - this.t0) / 1000 });
    }
    if (opts.watch) this.crew.mirrorRunning(opts.watch, now);
  }

  private requestStop(reason: string): void {
    this.stopReason ??= reason;
    this.crew.stop();
  }

  /** The levels, one after another, until a verdict. */
  private *drive(initVec: Int32Array): Generator<void, ExploreResult, void> {
    yield* this.crew.gather('ready');
    const fp = new Uint32Array(2);
    if (this.canon) this.canon.fingerprint(initVec, fp); else fingerprint(initVec, fp);
    this.crew.broadcast({ kind: 'seed', vec: initVec, owner: ownerOf(fp[0], this.n) });
    yield* this.crew.gather('seeded');
    // Through the level before the one being expanded: states stored, transitions taken, the deepest state.
    let states = 1;
    let transitions = 0;
    let deepest = 0;
    for (let depth = 0; ; depth++) {
      this.depth = depth;
      if (this.stopReason !== null) return this.partial(this.stopReason);
      const probe = depth >= this.maxDepth;
      this.crew.broadcast({ kind: 'expand', depth, probe });
      const replies = yield* this.crew.gather('expanded', 'stopped');
      const stopped = replies.filter((r): r is Of<'stopped'> => r.kind === 'stopped');
      // The worker that ran out of memory says why; the others only saw the flag.
      if (stopped.length > 0) return this.partial(this.stopReason ?? stopped.find((r) => r.reason !== null)?.reason ?? 'stopped');
      const ex = replies as Of<'expanded'>[];
      const fresh = ex.reduce((a, r) => a + r.fresh, 0);
      let best: Candidate | null = null;
      for (const r of ex) if (r.best && (best === null || r.best.key < best.key)) best = r.best;
      if (probe) {
        if (best) return yield* this.violated(best, states, transitions, deepest, depth);
        if (ex.some((r) => r.cut)) return yield* this.ended({ verdict: 'inconclusive', reason: `depth budget of ${this.maxDepth} steps cut the search` }, states, transitions, deepest);
        break;
      }
      const over = states + fresh > this.maxStates;
      let budgetKey = -1;
      if (fresh > 0 && (best === null || over)) {
        // The new level in the one-thread search's order: every worker ranks its states against everyone's keys.
        this.crew.broadcast({ kind: 'sort' });
        const keys = (yield* this.crew.gather('sorted')).map((r) => (r as Of<'sorted'>).keys);
        this.crew.broadcast({ kind: 'rank', keys, base: states, budgetAt: over ? this.maxStates : -1 });
        for (const r of yield* this.crew.gather('ranked')) budgetKey = Math.max(budgetKey, (r as Of<'ranked'>).budgetKey);
      }
      if (over && (best === null || budgetKey <= best.key)) {
        // The one-thread search stops at the state one past the budget, having taken the transition that found it.
        const c = yield* this.countAt(budgetKey);
        const deep = this.maxStates > states ? depth + 1 : deepest;
        return yield* this.ended({ verdict: 'inconclusive', reason: `state budget of ${this.maxStates} distinct states ran out` }, this.maxStates, transitions + c.enabled + placeOfKey(budgetKey) + 1, deep);
      }
      if (best) return yield* this.violated(best, states, transitions, deepest, depth);
      // A level may find nothing new and still take transitions (back to states seen before).
      transitions += ex.reduce((a, r) => a + r.transitions, 0);
      if (fresh === 0) break;
      states += fresh;
      deepest = depth + 1;
    }
    return yield* this.ended({ verdict: 'holds' }, states, transitions, deepest);
  }

  /** The violation of smallest key in level `depth`, with the counts the one-thread search had when it met it. */
  private *violated(best: Candidate, states: number, transitions: number, deepest: number, depth: number): Generator<void, ExploreResult, void> {
    const c = yield* this.countAt(best.key);
    const choices: number[] = [];
    let w = best.worker;
    let id = best.id;
    while (w >= 0) {
      this.crew.send(w, { kind: 'path', id });
      const p = (yield* this.crew.gatherFrom(w)) as Of<'path'>;
      choices.push(...p.actions);
      w = p.owner;
      id = p.id;
    }
    choices.reverse();
    if (best.action >= 0) choices.push(best.action);
    const found: Found = { property: best.property, message: best.message, choices, kind: best.kind, ...(best.race ? { race: best.race } : {}) };
    return yield* this.ended({ verdict: 'violated', found }, states + c.below, transitions + c.enabled + best.within, c.below > 0 ? depth + 1 : deepest);
  }

  /** The search is over: gathers what the workers kept, adds the notes, and builds the result. */
  private *ended(v: { verdict: 'holds' } | { verdict: 'violated'; found: Found } | { verdict: 'inconclusive'; reason: string }, states: number, transitions: number, deepest: number): Generator<void, ExploreResult, void> {
    this.crew.broadcast({ kind: 'finish' });
    const fin = (yield* this.crew.gather('finished')) as Of<'finished'>[];
    const stats = this.stats(states, transitions, deepest, fin);
    if (v.verdict === 'violated') return { verdict: 'violated', stats, found: v.found };
    if (v.verdict === 'inconclusive') return { verdict: 'inconclusive', stats, reason: v.reason };
    const sys = this.engine.sys;
    const started = new Uint8Array(sys.calls.length);
    for (const f of fin) for (let k = 0; k < started.length; k++) started[k] |= f.started[k];
    const notes: string[] = [];
    if (this.opts.stuckCheck === false) notes.push('stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for');
    else {
      const stuck = yield* this.stuckCheck(states, fin, notes);
      if (stuck) return { verdict: 'violated', stats, found: stuck };
    }
    const never = neverStarted(sys, started);
    if (never) notes.push(never);
    return { verdict: 'holds', stats, notes };
  }

  /**
   * After a complete search: the stuck-context check over the graph the
   * workers logged, laid out as the one-thread search records it. Null when
   * nothing is stuck, or when the graph could not be kept (then a note says so).
   */
  private *stuckCheck(states: number, fin: readonly Of<'finished'>[], notes: string[]): Generator<void, Found | null, void> {
    const total = fin.reduce((a, f) => a + f.edges, 0);
    const failure = fin.find((f) => f.edgeFailure !== null)?.edgeFailure ?? (total > this.maxEdges ? `more than ${this.maxEdges.toLocaleString('en-US')} transitions` : null);
    const skipped = (why: string): null => { notes.push(`stuck-context check skipped: ${why} (contexts that can never move again while others cycle forever were not looked for)`); return null; };
    if (failure !== null) return skipped(failure);
    let shared: SharedGraph;
    try { shared = sharedGraph(states, total); } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return skipped(`memory ran out for the state graph at ${total.toLocaleString('en-US')} transitions`);
    }
    let offset = 0;
    for (let w = 0; w < this.n; w++) {
      this.crew.send(w, { kind: 'graph', graph: shared, offset });
      offset += fin[w].edges;
    }
    yield* this.crew.gather('graphed');
    const x = new Expander(this.engine);
    const stuck = findStuck(this.engine.sys, buildGraph(shared, states), states, 0, (choices) => vectorAfter(x, choices));
    return stuck ? { property: Property.deadlock, message: stuck.message, choices: stuck.choices, kind: 'deadlock' } : null;
  }

  /** Sums every worker's counts for key `key` of the level just expanded. */
  private *countAt(key: number): Generator<void, { below: number; enabled: number }, void> {
    this.crew.broadcast({ kind: 'count', key });
    let below = 0;
    let enabled = 0;
    for (const r of (yield* this.crew.gather('counted')) as Of<'counted'>[]) { below += r.below; enabled += r.enabled; }
    return { below, enabled };
  }

  /** A stopped search's result: what the workers had counted. */
  private partial(reason: string): ExploreResult {
    const p = this.crew.sums();
    return { verdict: 'inconclusive', stats: this.stats(p.states, p.transitions, this.depth), reason };
  }

  private stats(n: number, transitions: number, maxDepth: number, fin: readonly Of<'finished'>[] = []): Stats {
    const seconds = (performance.now() - this.t0) / 1000;
    const bytes = fin.reduce((a, f) => a + f.bytes, 0);
    const exact = this.opts.store === 'exact';
    return {
      distinctStates: n, transitions, maxDepth, seconds,
      statesPerSecond: seconds > 0 ? n / seconds : 0, transitionsPerSecond: seconds > 0 ? transitions / seconds : 0,
      bytesPerState: n > 0 ? bytes / n : 0,
      peakFrontier: fin.reduce((a, f) => a + f.peak, 0),
      collisions: fin.reduce((a, f) => a + f.collisions, 0), collisionProbability: exact ? 0 : collisionProbability(n),
      ...(this.symmetry ? { symmetry: this.symmetry } : {}),
    };
  }
}
