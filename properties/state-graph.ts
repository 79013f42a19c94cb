/**
 * The state graph a search records for the stuck-context check (stuck.ts): per
 * state its outgoing edges as target id and action id (8 bytes per
 * transition), and whether some context is busy in it (9 bytes per state with
 * the edge bounds), plus strongly connected components over it (Tarjan's
 * algorithm without recursion: graphs have millions of states).
 */

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

/** A graph's components and, per component, whether it is terminal (no edge out), has an edge inside, and has every state busy. */
export interface Components { comp: Int32Array; count: number; terminal: Uint8Array; inner: Uint8Array; allBusy: Uint8Array }

/** The strongly connected components of `g` and what the stuck-context check asks of each (terminal, an inner edge, all busy). */
export function components(g: Graph & { readonly busy: Uint8Array }, n: number): Components {
  const { starts, ends, targets, busy } = g;
  const { comp, count } = sccs(g);
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
  return { comp, count, terminal, inner, allBusy };
}
