/**
 * The stuck-context check: deadlocks that a perpetual cycle elsewhere hides.
 *
 * The search reports a deadlock only in a state where no action at all can run.
 * A periodic timer (vsync) whose DPC can always run keeps every state "moving",
 * so two workers blocked on each other forever would go unreported. After an
 * exhaustive search, this module looks at the reachable state graph instead:
 * its terminal strongly connected components (SCCs no edge leaves) are where
 * every run ends up and stays. A context that is inside a procedure (busy, and
 * not parked at an `end` step) in such a component, and takes no step on any
 * edge inside it, can never move again: a deadlock.
 *
 * The explorer records the graph while it searches (`StateGraph`: per state its
 * outgoing edges as target id and action id, 8 bytes per transition, plus 9
 * bytes per state, and 4 per slot of the visited set for state ids); `findStuck` analyses it once the search has ended (Tarjan's
 * algorithm without recursion: graphs have millions of states). `stuckFrom`
 * decides the same question from one state by exploring what is reachable from
 * it, for replaying and minimizing a trace that ends in such a deadlock.
 */
import type { Engine } from '../engine/semantics.js';
import { APPLIED, DISABLED } from '../engine/semantics.js';
import { DONE_PC, type System } from '../engine/system.js';
import { ExactStore } from './store.js';
import { fingerprint } from './hash.js';

/** A stuck deadlock: the message and the shortest path (action ids) to a state of the stuck component. */
export interface StuckFinding {
  readonly message: string;
  readonly choices: number[];
}

/**
 * The state graph recorded during a search. The edges of one state are added
 * while it is expanded, so they are contiguous: `starts[id]` to `ends[id]`.
 * States never expanded (none, after a complete search) have no edges.
 */
export class StateGraph {
  /** Edges in chunks (growing without copying), made contiguous once, for the analysis. */
  private tChunks: Int32Array[] = [];
  private aChunks: Int32Array[] = [];
  private curT: Int32Array = new Int32Array(0);
  private curA: Int32Array = new Int32Array(0);
  private fill = 0;
  private starts = new Int32Array(1 << 12);
  private ends = new Int32Array(1 << 12);
  private busyFlags = new Uint8Array(1 << 12);
  edges = 0;
  /** Why the graph was given up (too many transitions, memory), if it was. */
  failure: string | null = null;

  constructor(private readonly maxEdges = Infinity) {}

  /** A new state `id`: whether some context is busy in it (inside a procedure, not at an `end` step). */
  state(id: number, busy: boolean): void {
    if (id >= this.starts.length) this.growStates(id);
    this.busyFlags[id] = busy ? 1 : 0;
  }

  /** The expansion of state `id` begins: its edges follow. */
  begin(id: number): void { this.starts[id] = this.edges; }
  /** The expansion of state `id` has ended. */
  end(id: number): void { this.ends[id] = this.edges; }

  /** Records an edge to state `target` by action `action`; false when the graph cannot hold it (then `failure` says why). */
  add(target: number, action: number): boolean {
    let f = this.fill;
    if (f === this.curT.length) { if (!this.chunk()) return false; f = 0; }
    this.curT[f] = target;
    this.curA[f] = action;
    this.fill = f + 1;
    this.edges++;
    return true;
  }

  /** A new chunk, twice the last one up to 2^20 edges (4 MiB an array), within the edge limit. */
  private chunk(): boolean {
    const len = Math.min(this.curT.length === 0 ? 1 << 12 : Math.min(this.curT.length * 2, 1 << 20), this.maxEdges - this.edges);
    if (len <= 0) { this.failure = `more than ${this.maxEdges.toLocaleString('en-US')} transitions`; return false; }
    try {
      const t = new Int32Array(len);
      const a = new Int32Array(len);
      this.tChunks.push(t); this.aChunks.push(a);
      this.curT = t; this.curA = a; this.fill = 0;
      return true;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.failure = `memory ran out for the state graph at ${this.edges.toLocaleString('en-US')} transitions`;
      return false;
    }
  }

  private growStates(id: number): void {
    let len = this.starts.length;
    while (len <= id) len *= 2;
    const s = new Int32Array(len); s.set(this.starts); this.starts = s;
    const e = new Int32Array(len); e.set(this.ends); this.ends = e;
    const b = new Uint8Array(len); b.set(this.busyFlags); this.busyFlags = b;
  }

  /** Lets go of the arrays (the graph was given up). */
  release(): void {
    this.tChunks = []; this.aChunks = []; this.curT = new Int32Array(0); this.curA = new Int32Array(0); this.fill = 0;
    this.starts = new Int32Array(0); this.ends = new Int32Array(0); this.busyFlags = new Uint8Array(0);
  }

  bytes(): number {
    let n = this.starts.byteLength + this.ends.byteLength + this.busyFlags.byteLength;
    for (const c of this.tChunks) n += 2 * c.byteLength;
    return n;
  }

  /** The graph over states 0..n-1, for the analysis; the edges become one contiguous chunk (the others are let go). */
  view(n: number): Graph {
    const targets = flatten(this.tChunks, this.edges);
    const actions = flatten(this.aChunks, this.edges);
    this.tChunks = [targets]; this.aChunks = [actions];
    this.curT = targets; this.curA = actions; this.fill = this.edges;
    return { n, starts: this.starts, ends: this.ends, targets, actions, busy: this.busyFlags };
  }
}

/** The first `n` values of `chunks`, in one array; empties `chunks` as it goes so each can be collected. */
function flatten(chunks: Int32Array[], n: number): Int32Array {
  if (chunks.length === 1 && chunks[0].length === n) return chunks.pop()!;
  const out = new Int32Array(n);
  let at = 0;
  while (chunks.length > 0 && at < n) {
    const c = chunks.shift()!;
    const k = Math.min(c.length, n - at);
    out.set(k === c.length ? c : c.subarray(0, k), at);
    at += k;
  }
  chunks.length = 0;
  return out;
}

/** A state graph over states 0..n-1: the edges of `u` are `starts[u]` to `ends[u]`. */
export interface Graph {
  readonly n: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly targets: Int32Array;
  readonly actions: Int32Array;
  readonly busy: Uint8Array;
}

/**
 * Strongly connected components, by Tarjan's algorithm with an explicit call
 * stack (no recursion). `comp[u]` is the component of `u`, numbered 0.. in the
 * order they complete.
 */
export function sccs(g: Graph): { comp: Int32Array; count: number } {
  const { n, starts, ends, targets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let csp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    callNode[csp] = root; callEdge[csp] = starts[root]; csp++;
    while (csp > 0) {
      const v = callNode[csp - 1];
      const e = callEdge[csp - 1];
      if (e < ends[v]) {
        callEdge[csp - 1] = e + 1;
        const w = targets[e];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          callNode[csp] = w; callEdge[csp] = starts[w]; csp++;
        } else if (comp[w] < 0 && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        let w: number;
        do { w = stack[--sp]; comp[w] = count; } while (w !== v);
        count++;
      }
      if (csp > 0) { const u = callNode[csp - 1]; if (low[v] < low[u]) low[u] = low[v]; }
    }
  }
  return { comp, count };
}

/**
 * After a complete search: the nearest terminal component in which some busy
 * context can never move again, or null. Components are tried nearest first
 * (by the length of the shortest path from the initial state, then by the
 * lowest state id), so the result does not depend on luck; the counterexample
 * is a shortest path to the component, whatever order the search took.
 */
export function findStuck<S>(engine: Engine<S>, graph: StateGraph, n: number): StuckFinding | null {
  const g = graph.view(n);
  const { starts, ends, targets, busy } = g;
  const { comp, count } = sccs(g);
  // Candidates: terminal components with an edge inside (a single state with
  // none is a plain deadlock or a finished system, judged during the search) in
  // which every state is busy (a context that never moves keeps its pc, so if it
  // is busy in one state of the component, it is busy in all).
  const terminal = new Uint8Array(count).fill(1);
  const inner = new Uint8Array(count);
  const allBusy = new Uint8Array(count).fill(1);
  for (let u = 0; u < n; u++) {
    const c = comp[u];
    if (busy[u] === 0) allBusy[c] = 0;
    for (let e = starts[u]; e < ends[u]; e++) {
      if (comp[targets[e]] !== c) terminal[c] = 0;
      else inner[c] = 1;
    }
  }
  const isCandidate = new Uint8Array(count);
  let candidates = 0;
  for (let c = 0; c < count; c++) if (terminal[c] && inner[c] && allBusy[c]) { isCandidate[c] = 1; candidates++; }
  if (candidates === 0) return null;

  // Shortest paths from the initial state (breadth-first over the recorded edges).
  const { dist, parent, via } = shortestPaths(g);
  // Per candidate: its nearest state (then the lowest id), and its members.
  const nearest = new Int32Array(count).fill(-1);
  const size = new Int32Array(count + 1);
  for (let u = 0; u < n; u++) {
    const c = comp[u];
    if (!isCandidate[c]) continue;
    size[c + 1]++;
    const best = nearest[c];
    if (best < 0 || dist[u] < dist[best]) nearest[c] = u;
  }
  for (let c = 0; c < count; c++) size[c + 1] += size[c];
  const members = new Int32Array(size[count]);
  const fill = size.slice(0, count);
  for (let u = 0; u < n; u++) if (isCandidate[comp[u]]) members[fill[comp[u]]++] = u;
  const order: number[] = [];
  for (let c = 0; c < count; c++) if (isCandidate[c]) order.push(c);
  order.sort((a, b) => dist[nearest[a]] - dist[nearest[b]] || nearest[a] - nearest[b]);

  const sys = engine.sys;
  for (const c of order) {
    const moved = new Uint8Array(sys.contexts.length);
    const env = new Set<number>();
    for (let k = size[c]; k < size[c + 1]; k++) {
      const u = members[k];
      for (let e = starts[u]; e < ends[u]; e++) {
        if (comp[targets[e]] !== c) continue;
        const a = g.actions[e];
        const ctx = sys.actions[a].ctx;
        if (ctx >= 0) moved[ctx] = 1; else env.add(a);
      }
    }
    const choices: number[] = [];
    for (let u = nearest[c]; u > 0; u = parent[u]) choices.push(via[u]);
    choices.reverse();
    const vec = vectorAfter(engine, choices);
    const stuck = stuckContexts(sys, vec, moved);
    if (stuck.length > 0) return { message: stuckMessage(sys, vec, stuck, moved, env), choices };
  }
  return null;
}

/** Breadth-first from state 0: distance, parent and the action from the parent, per state. */
function shortestPaths(g: Graph): { dist: Int32Array; parent: Int32Array; via: Int32Array } {
  const { n, starts, ends, targets, actions } = g;
  const dist = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  if (n > 0) { dist[0] = 0; queue[tail++] = 0; }
  while (head < tail) {
    const u = queue[head++];
    for (let e = starts[u]; e < ends[u]; e++) {
      const w = targets[e];
      if (dist[w] >= 0) continue;
      dist[w] = dist[u] + 1; parent[w] = u; via[w] = actions[e];
      queue[tail++] = w;
    }
  }
  return { dist, parent, via };
}

/** The canonical vector after running `choices` from the initial state (each must apply). */
function vectorAfter<S>(engine: Engine<S>, choices: readonly number[]): Int32Array {
  const b = engine.backend;
  let state = engine.initial();
  let vec = b.vector(state).slice();
  for (const a of choices) {
    if (engine.apply(state, vec, a) !== APPLIED) throw new Error(`internal: action ${engine.sys.actions[a].name} of a recorded path does not apply`);
    state = b.commit();
    vec = b.vector(state).slice();
    if (b.name === 'fast') state = vec as unknown as S;
  }
  return vec;
}

/** Contexts busy in `vec` (inside a procedure, not at an `end` step) that never move (`moved[i]` is 0). */
function stuckContexts(sys: System, vec: Int32Array, moved: Uint8Array): number[] {
  const out: number[] = [];
  sys.contexts.forEach((c, i) => {
    const pc = vec[sys.slots.pc[i]];
    if (pc > DONE_PC && !c.endAt[pc] && moved[i] === 0) out.push(i);
  });
  return out;
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * "worker0 at worker/second and worker1 at worker/first can never move again,
 * while DPC_tickDpc and timer tick keep running".
 */
export function stuckMessage(sys: System, vec: Int32Array, stuck: readonly number[], moved: Uint8Array, env: ReadonlySet<number>): string {
  const at = stuck.map((i) => {
    const pc = vec[sys.slots.pc[i]];
    return `${sys.contexts[i].info.name} at ${sys.contexts[i].pcProc[pc]!.name}/${sys.contexts[i].pcLabel[pc]}`;
  });
  const movers: string[] = [];
  sys.contexts.forEach((c, i) => { if (moved[i]) movers.push(c.info.name); });
  for (const a of [...env].sort((x, y) => x - y)) {
    const act = sys.actions[a];
    const who = act.kind === 'timer' ? `timer ${act.timer}` : act.kind === 'device' || act.kind === 'hang' ? 'the GPU' : act.name;
    if (!movers.includes(who)) movers.push(who);
  }
  const tail = movers.length === 0 ? '' : `, while ${list(movers)} ${movers.length === 1 ? 'keeps' : 'keep'} running`;
  return `${list(at)} can never move again${tail}`;
}

/**
 * From the state `vec` (one a schedule reached): is it in a terminal component
 * in which some busy context never moves? Explores every state reachable from
 * it (at most `maxStates`; more, and the answer is null); they must all reach
 * `vec` back. Returns the message the explorer gives for that component, or null.
 * Stops early once every context busy in `vec` was seen to move.
 */
export function stuckFrom<S>(engine: Engine<S>, vec: Int32Array, maxStates = 1e6): string | null {
  const sys = engine.sys;
  const b = engine.backend;
  const moved = new Uint8Array(sys.contexts.length);
  let pending = stuckContexts(sys, vec, moved).length;
  if (pending === 0) return null;
  const env = new Set<number>();
  const store = new ExactStore(sys.layout.width);
  const graph = new StateGraph();
  const fp = new Uint32Array(2);
  const cands: number[] = [];
  const queue: Int32Array[] = [vec.slice()];
  fingerprint(queue[0], fp);
  store.add(queue[0], fp);
  graph.state(0, engine.busy(queue[0]));
  for (let id = 0; id < queue.length; id++) {
    const cur = queue[id];
    const state = b.decode(cur);
    engine.candidates(cur, cands);
    graph.begin(id);
    for (const a of cands) {
      const out = engine.apply(state, cur, a);
      if (out === DISABLED) continue;
      // A step that fails leaves the component: not this kind of deadlock (the failure is the finding).
      if (out !== APPLIED) return null;
      const next = b.vector(b.commit());
      fingerprint(next, fp);
      if (store.add(next, fp)) {
        if (store.size > maxStates) return null;
        queue.push(next.slice());
        graph.state(store.id, engine.busy(next));
      }
      graph.add(store.id, a);
      const ctx = sys.actions[a].ctx;
      if (ctx < 0) env.add(a);
      else if (moved[ctx] === 0) {
        moved[ctx] = 1;
        const pc = vec[sys.slots.pc[ctx]];
        if (pc > DONE_PC && !sys.contexts[ctx].endAt[pc] && --pending === 0) return null;
      }
    }
    graph.end(id);
  }
  if (graph.edges === 0) return null;
  // Every reachable state reaches vec back: one component.
  if (sccs(graph.view(store.size)).count !== 1) return null;
  const stuck = stuckContexts(sys, vec, moved);
  return stuck.length > 0 ? stuckMessage(sys, vec, stuck, moved, env) : null;
}
