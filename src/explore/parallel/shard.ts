/**
 * One worker's part of a parallel breadth-first search: the states whose
 * fingerprint it owns, with their visited set, parent links and frontier. A
 * level is expanded by every worker at once; a successor owned elsewhere goes
 * to its owner over a ring, and the owner alone decides whether it is new,
 * keeps the smallest key among its discoverers as its parent link (so parent
 * links never depend on timing), and runs the state monitors on it. The
 * coordinator (search.ts) drives the levels and picks the result.
 */
import { Probe } from '../probe.js';
import type { Engine } from '../../engine/semantics.js';
import type { Violation } from '../../model/violation.js';
import type { Finding } from '../../../properties/monitor.js';
import { Expander, SKIP, STOP, type Answer, type Sink } from '../expand.js';
import { Codec, Fifo } from '../frontier.js';
import { seenId, stores, type StateStore } from '../store.js';
import { checkDeterministic, DeterminismSampler } from '../determinism.js';
import { memoryReason } from '../memory.js';
import { Mail } from './mail.js';
import { AFTER_EXPANSION, Ctl, KEY_SPAN, PROGRESS_SLOTS, keyOf, ownerOf, type Candidate, type Reply } from './protocol.js';
import { Links } from './links.js';
import { addCountsBelow, orderByKey } from './order.js';
import { EdgeLog, type SharedGraph } from './graph.js';

/** States between looks at the stop flag, the rings and the memory budget. */
const POLL = 255;

/** Writes a state's fingerprint (two 32-bit lanes) into out[0..1]: the plain hash, or a canonical one under symmetry. */
export type Fingerprint = (vec: Int32Array, out: Uint32Array) => void;


/** A state that failed a state monitor when it arrived: judged at the end of the level, by its final key. */
interface Bad { readonly id: number; readonly finding: Finding }

export interface ShardOptions {
  readonly index: number;
  readonly workers: number;
  readonly exact: boolean;
  readonly control: Int32Array;
  readonly progress: Float64Array;
  readonly rings: readonly (SharedArrayBuffer | null)[];
  readonly ringCapacity: number;
  readonly determinismChecks: number;
  readonly memoryMB: number;
  readonly fingerprint: Fingerprint;
  /** Under symmetry with an exact store: the canonical vector a state is stored as (a reused buffer). */
  readonly canonical?: (vec: Int32Array) => Int32Array;
  /** Edges to log at most for the stuck-context check (0: no log). */
  readonly graphEdges: number;
}

export class Shard<S> implements Sink<S> {
  private readonly x: Expander<S>;
  private readonly codec: Codec;
  private readonly store: StateStore;
  private readonly links = new Links();
  /** The edges into this worker's states, for the stuck-context check (null: the check is off). */
  private readonly edges: EdgeLog | null;
  private cur: Fifo;
  private next: Fifo;
  private readonly me: number;
  private readonly n: number;
  private readonly mail: Mail;
  private readonly ctl: Int32Array;
  private readonly fp: Fingerprint;
  private readonly fpOut = new Uint32Array(2);
  private readonly fpIn = new Uint32Array(2);
  private readonly vec: Int32Array;
  private readonly probe = new Probe();
  private readonly callOf: Int32Array;
  private readonly started: Uint8Array;
  private detChecks: number;
  private readonly sampler: DeterminismSampler<S> | null;
  private sampleIn = -1;
  private readonly memoryBytes: number;
  /** The first id of the level being found (the states new in this level are ids levelLo ..). */
  private levelLo = 0;
  private depth = 0;
  private transitions = 0;
  private levelTransitions = 0;
  private best: Candidate | null = null;
  private bad: Bad[] = [];
  /** Per state expanded in this level: its rank and how many of its candidates were enabled. */
  private expRank = new Float64Array(1 << 10);
  private expEnabled = new Int32Array(1 << 10);
  private expanded = 0;
  /** The state being expanded: its id, rank, decoded form, and the place of its next transition. */
  private id = 0;
  private rank = 0;
  private state: S | null = null;
  private place = 0;
  private peak = 0;
  /** The last level's new states in key order (indices from levelLo) and their keys, between sorting and ranking. */
  private order: Uint32Array = new Uint32Array(0);
  private sorted: Float64Array = new Float64Array(0);
  private stopReason: string | null = null;

  constructor(private readonly engine: Engine<S>, private readonly o: ShardOptions) {
    const sys = engine.sys;
    this.x = new Expander(engine);
    this.codec = new Codec(sys.layout.slots);
    this.store = stores[o.exact ? 'exact' : 'fingerprint'](sys.layout.width, true);
    this.cur = new Fifo(this.codec);
    this.next = new Fifo(this.codec);
    this.me = o.index;
    this.n = o.workers;
    this.ctl = o.control;
    this.fp = o.fingerprint;
    this.vec = new Int32Array(sys.layout.width);
    this.mail = new Mail(this.codec, sys.layout.width, { ...o, dedupe: o.graphEdges === 0 },
      (vec, fp, rank, place, from, parent, action) => this.arrive(vec, null, fp, keyOf(rank, place), from, parent, action));
    this.callOf = Int32Array.from(sys.actions, (a) => (a.kind === 'call' ? a.call! : -1));
    this.started = new Uint8Array(sys.calls.length);
    this.detChecks = o.determinismChecks;
    this.sampler = this.detChecks > 0 ? new DeterminismSampler(this.x, this.detChecks) : null;
    if (this.sampler) this.sampleIn = 1;
    this.memoryBytes = o.memoryMB * 1024 * 1024;
    this.edges = o.graphEdges > 0 ? new EdgeLog(o.graphEdges) : null;
  }

  /** The initial state, if this worker owns it: id 0 here, rank 0, waiting for level 0. */
  seed(vec: Int32Array, owner: number): Reply {
    if (owner !== this.me) return { kind: 'seeded' };
    this.fp(vec, this.fpIn);
    const id = this.store.add(this.o.canonical ? this.o.canonical(vec) : vec, this.fpIn);
    this.links.set(id, -1, -1, -1, 0);
    this.links.rank[id] = 0;
    this.links.busy[id] = this.engine.busy(vec) ? 1 : 0;
    this.next.push(vec, id, 0);
    return { kind: 'seeded' };
  }

  /** Expands every state of level `depth` this worker owns (or only probes them, at the depth budget), and takes in the next level. */
  expandLevel(depth: number, probing: boolean): Reply {
    [this.cur, this.next] = [this.next, this.cur];
    this.depth = depth;
    this.levelLo = this.store.size;
    this.levelTransitions = 0;
    this.best = null;
    this.bad = [];
    this.expanded = 0;
    this.mail.begin();
    let cut = false;
    const { x, cur, vec } = this;
    const b = this.engine.backend;
    let k = 0;
    while (cur.pop(vec)) {
      if ((++k & POLL) === 0 && !this.between()) return this.stopped();
      const id = this.id = cur.id;
      const rank = this.rank = this.links.rank[id];
      const state = this.state = b.decode(vec);
      if (probing) {
        const p = this.probe;
        p.moved = false; p.finding = null;
        x.expand(state, vec, p as Sink<S>);
        const f = p.finding as Finding | null;
        if (p.moved) cut = true;
        else if (f?.kind === 'deadlock') this.candidate(keyOf(rank, 0), 0, f, id, -1);
        continue;
      }
      this.place = 0;
      x.expand(state, vec, this);
      if (this.place >= AFTER_EXPANSION) throw new Error(`internal: a state with ${this.place} transitions is more than a parallel search can order`);
      this.noteExpanded(rank, this.place);
      if (this.stopReason !== null) return this.stopped();
    }
    if (this.sampler) this.sampler.recheck();
    // Tell every other worker this level is over, then take in what they send until each has said so.
    if (!this.mail.endLevel()) return this.stopped();
    for (const { id, finding } of this.bad) {
      const key = this.links.key[id];
      this.candidate(key, (key % KEY_SPAN) + 1, finding, id, -1);
    }
    this.progress();
    if (this.next.length > this.peak) this.peak = this.next.length;
    return { kind: 'expanded', fresh: this.store.size - this.levelLo, transitions: this.levelTransitions, cut, best: this.best };
  }

  /** The keys of the states new in the last level, sorted, in shared memory for the other workers to rank against. */
  sortKeys(): Reply {
    const n = this.store.size - this.levelLo;
    const order = this.order = orderByKey(this.links.key.subarray(this.levelLo, this.store.size));
    const sab = new SharedArrayBuffer(8 * n);
    const keys = this.sorted = new Float64Array(sab);
    const { key } = this.links;
    for (let j = 0; j < n; j++) keys[j] = key[this.levelLo + order[j]];
    return { kind: 'sorted', keys: sab };
  }

  /**
   * Gives each new state its rank, its id in the one-thread search: `base`
   * plus how many new states of the level, on every worker, have a smaller
   * key. Answers the key of the state ranked `budgetAt` (-1: none here).
   */
  rankLevel(all: readonly SharedArrayBuffer[], base: number, budgetAt: number): Reply {
    const own = this.sorted;
    const others = all.filter((_, w) => w !== this.me).map((s) => new Float64Array(s));
    const below = new Float64Array(own.length);
    addCountsBelow(own, others, below);
    const { rank } = this.links;
    let budgetKey = -1;
    for (let j = 0; j < own.length; j++) {
      const r = base + j + below[j];
      rank[this.levelLo + this.order[j]] = r;
      if (r === budgetAt) budgetKey = own[j];
    }
    return { kind: 'ranked', budgetKey };
  }

  /**
   * What the one-thread search had done when it met key `key` of this level:
   * the new states stored with a key up to it, and the transitions of the
   * states it had expanded before the one the key names.
   */
  count(key: number): Reply {
    const { key: keys } = this.links;
    let below = 0;
    for (let id = this.levelLo; id < this.store.size; id++) if (keys[id] <= key) below++;
    const r = Math.floor(key / KEY_SPAN);
    let enabled = 0;
    for (let i = 0; i < this.expanded; i++) if (this.expRank[i] < r) enabled += this.expEnabled[i];
    return { kind: 'counted', below, enabled };
  }

  /** The actions from state `id` back to its first ancestor on another worker (last action first), and that ancestor. */
  path(id: number): Reply {
    const { owner, parent, action } = this.links;
    const actions: number[] = [];
    for (;;) {
      const po = owner[id];
      if (po < 0) return { kind: 'path', actions, owner: -1, id: -1 };
      actions.push(action[id]);
      if (po !== this.me) return { kind: 'path', actions, owner: po, id: parent[id] };
      id = parent[id];
    }
  }

  /** What the coordinator sums when the search has ended. */
  finish(): Reply {
    return { kind: 'finished', started: this.started, bytes: this.bytesInUse(), peak: this.peak, collisions: this.store.collisions, stored: this.store.size, waitedLevelMs: this.mail.waitedLevel, waitedRoomMs: this.mail.waitedRoom,
      edges: this.edges?.count ?? 0, edgeFailure: this.edges?.failure ?? null };
  }

  /** After a complete search: writes the edge log at `offset` of the shared graph, and each state's busy flag at its rank. */
  writeGraph(g: SharedGraph, offset: number): Reply {
    const { rank, busy } = this.links;
    this.edges!.write(offset, new Int32Array(g.src), new Int32Array(g.tgt), new Uint32Array(g.pa), rank);
    const flags = new Uint8Array(g.busy);
    for (let id = 0; id < this.store.size; id++) flags[rank[id]] = busy[id];
    return { kind: 'graphed' };
  }

  /** @internal Sink: an enabled step failed; a candidate at its place, and the expansion ends. */
  failed(a: number, v: Violation): boolean {
    this.transitions++;
    this.levelTransitions++;
    const place = this.place++;
    this.candidate(keyOf(this.rank, place), place + 1, { property: v.property, message: v.message, kind: 'state' }, this.id, a);
    return true;
  }

  /** @internal Sink: a successor goes to its owner (this worker or another); the owner checks it. */
  successor(a: number, next: S, vec: Int32Array): Answer {
    this.transitions++;
    this.levelTransitions++;
    const k = this.callOf[a];
    if (k >= 0) this.started[k] = 1;
    if (this.detChecks > 0) { this.detChecks--; checkDeterministic(this.x, this.state!, this.vec, a, vec); }
    if (--this.sampleIn === 0) this.sampleIn = this.sampler!.offer(this.vec, a, vec);
    const place = this.place++;
    const fp = this.fpOut;
    this.fp(vec, fp);
    const owner = ownerOf(fp[0], this.n);
    if (owner === this.me) this.arrive(vec, next, fp, keyOf(this.rank, place), this.me, this.id, a);
    else if (!this.mail.send(owner, vec, fp, keyOf(this.rank, place), this.rank, place, this.id, a)) return STOP;
    return SKIP;
  }

  /** @internal Sink: never called (successors are checked where they arrive). */
  admit(): void {}

  /** @internal Sink: a race or deadlock in the state expanded: a candidate after all its transitions. */
  found(f: Finding, a: number): void {
    if (a >= 0) throw new Error('internal: a parallel shard never asks for a successor to be checked during the expansion');
    this.candidate(keyOf(this.rank, AFTER_EXPANSION), this.place, f, this.id, -1);
  }

  /** A successor this worker owns, found here or sent by another worker. */
  private arrive(vec: Int32Array, state: S | null, fp: Uint32Array, key: number, owner: number, parent: number, action: number): void {
    const { store, links } = this;
    const id = store.add(this.o.canonical ? this.o.canonical(vec) : vec, fp);
    this.edges?.add(Math.floor(key / KEY_SPAN), key % KEY_SPAN, action, id >= 0 ? id : seenId(id));
    if (id < 0) {
      // Seen before: if first found in this level, the smaller key is its parent.
      const old = seenId(id);
      if (old >= this.levelLo && key < links.key[old]) links.set(old, owner, parent, action, key);
      return;
    }
    links.set(id, owner, parent, action, key);
    if (this.edges !== null) links.busy[id] = this.engine.busy(vec) ? 1 : 0;
    const s = state ?? this.engine.backend.decode(vec);
    const f = this.x.check(s, vec);
    if (f !== null) this.bad.push({ id, finding: f });
    else this.next.push(vec, id, this.depth + 1);
  }

  /** Every POLL states: what others sent, the stop flag, the samples, the memory budget, progress. False: stop. */
  private between(): boolean {
    this.mail.poll();
    if (Atomics.load(this.ctl, Ctl.stop) === 1) return false;
    this.sampler?.recheck();
    this.progress();
    const inUse = this.bytesInUse();
    const store = this.store;
    const growth = store.size + 2 * (POLL + 1) * 16 >= store.growsAt ? store.growthBytes() : 0;
    if (inUse + Math.max(growth, this.next.bytes()) > this.memoryBytes) {
      this.stopReason = memoryReason(this.o.memoryMB, growth > 0 ? 'the visited set' : 'the frontier', inUse, Math.max(growth, this.next.bytes()), store.size, this.cur.length + this.next.length)
        .replace(/^memory budget of [\d.]+ MB/, `memory budget of ${this.o.memoryMB} MB (one worker's share)`);
      Atomics.store(this.ctl, Ctl.stop, 1);
      return false;
    }
    return true;
  }

  private stopped(): Reply {
    this.progress();
    return { kind: 'stopped', reason: this.stopReason };
  }

  private progress(): void {
    const at = this.me * PROGRESS_SLOTS;
    this.o.progress[at] = this.store.size;
    this.o.progress[at + 1] = this.transitions;
    this.o.progress[at + 2] = this.cur.length + this.next.length;
  }

  private noteExpanded(rank: number, enabled: number): void {
    const i = this.expanded++;
    if (i >= this.expRank.length) {
      const r = new Float64Array(this.expRank.length * 2); r.set(this.expRank); this.expRank = r;
      const e = new Int32Array(this.expEnabled.length * 2); e.set(this.expEnabled); this.expEnabled = e;
    }
    this.expRank[i] = rank;
    this.expEnabled[i] = enabled;
  }

  private candidate(key: number, within: number, f: Finding | { property: string; message: string; kind: 'state' }, id: number, action: number): void {
    if (this.best !== null && this.best.key <= key) return;
    const kind = action >= 0 ? 'step' : f.kind;
    this.best = { key, within, property: f.property, message: f.message, kind, ...('race' in f && f.race ? { race: f.race } : {}), worker: this.me, id, action };
  }

  private bytesInUse(): number {
    return this.store.bytes() + this.links.bytes() + (this.edges?.bytes() ?? 0) + this.cur.bytes() + this.next.bytes() + this.mail.bytes() + this.expRank.byteLength + this.expEnabled.byteLength;
  }
}
