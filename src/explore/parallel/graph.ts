/**
 * The state graph of a parallel search, for the stuck-context check. Each
 * worker logs the edges into the states it owns as they arrive: the source's
 * rank (its id in the one-thread search), the transition's place in the
 * source's expansion, the action and the target's local id. After a complete
 * search the workers write their logs, targets turned into ranks, into shared
 * arrays, and the coordinator lays them out by source and place: exactly the
 * graph the one-thread search records, so the check finds the same thing.
 */
import { StateGraph } from '../../../properties/state-graph.js';

/** Actions and places share one 32-bit word in the log: 16 bits each. */
const FIELD = 65536;

/** One worker's log of edges, in chunks (growing without copying). */
export class EdgeLog {
  private src: Int32Array[] = [];
  private tgt: Int32Array[] = [];
  private pa: Uint32Array[] = [];
  private fill = 0;
  count = 0;
  /** Why the log was given up, if it was. */
  failure: string | null = null;

  constructor(private readonly maxEdges: number) {}

  /** Logs the edge from the state ranked `srcRank`, at `place` of its expansion, by `action`, to local state `tgt`. */
  add(srcRank: number, place: number, action: number, tgt: number): void {
    if (this.failure !== null) return;
    if (action >= FIELD) { this.give(`a model of more than ${FIELD} actions`); return; }
    if (this.count >= this.maxEdges) { this.give(`more than ${this.maxEdges.toLocaleString('en-US')} transitions`); return; }
    let c = this.src.length - 1;
    if (c < 0 || this.fill === this.src[c].length) {
      const len = Math.min(1 << 20, c < 0 ? 1 << 12 : this.src[c].length * 2);
      try {
        this.src.push(new Int32Array(len)); this.tgt.push(new Int32Array(len)); this.pa.push(new Uint32Array(len));
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        this.give(`memory ran out for the state graph at ${this.count.toLocaleString('en-US')} transitions`);
        return;
      }
      c++;
      this.fill = 0;
    }
    const f = this.fill++;
    this.src[c][f] = srcRank;
    this.tgt[c][f] = tgt;
    this.pa[c][f] = place * FIELD + action;
    this.count++;
  }

  private give(why: string): void {
    this.failure = why;
    this.src = []; this.tgt = []; this.pa = [];
  }

  /** Writes the log at `offset` of the shared arrays, each target as its rank. */
  write(offset: number, src: Int32Array, tgt: Int32Array, pa: Uint32Array, rank: Int32Array): void {
    let at = offset;
    for (let c = 0; c < this.src.length; c++) {
      const n = c === this.src.length - 1 ? this.fill : this.src[c].length;
      const s = this.src[c]; const t = this.tgt[c]; const p = this.pa[c];
      for (let i = 0; i < n; i++, at++) { src[at] = s[i]; tgt[at] = rank[t[i]]; pa[at] = p[i]; }
    }
  }

  bytes(): number {
    let n = 0;
    for (const c of this.src) n += 3 * c.byteLength;
    return n;
  }
}

/** The shared arrays the workers write their logs and busy flags into. */
export interface SharedGraph {
  readonly src: SharedArrayBuffer;
  readonly tgt: SharedArrayBuffer;
  readonly pa: SharedArrayBuffer;
  readonly busy: SharedArrayBuffer;
}

export function sharedGraph(states: number, edges: number): SharedGraph {
  return { src: new SharedArrayBuffer(4 * edges), tgt: new SharedArrayBuffer(4 * edges), pa: new SharedArrayBuffer(4 * edges), busy: new SharedArrayBuffer(states) };
}

/** The state graph over `states` states from the shared arrays: each state's edges in the order of its expansion. */
export function buildGraph(g: SharedGraph, states: number): StateGraph {
  const src = new Int32Array(g.src);
  const tgt = new Int32Array(g.tgt);
  const pa = new Uint32Array(g.pa);
  const busy = new Uint8Array(g.busy);
  const e = src.length;
  // Counting sort by source, then by place within each source (a state has few edges).
  const start = new Int32Array(states + 1);
  for (let i = 0; i < e; i++) start[src[i] + 1]++;
  for (let u = 0; u < states; u++) start[u + 1] += start[u];
  const next = start.slice(0, states);
  const order = new Int32Array(e);
  for (let i = 0; i < e; i++) order[next[src[i]]++] = i;
  const graph = new StateGraph();
  for (let u = 0; u < states; u++) {
    const lo = start[u];
    const hi = start[u + 1];
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i];
      let j = i - 1;
      while (j >= lo && pa[order[j]] > pa[x]) { order[j + 1] = order[j]; j--; }
      order[j + 1] = x;
    }
    graph.state(u, busy[u] === 1);
    graph.begin(u);
    for (let i = lo; i < hi; i++) graph.add(tgt[order[i]], pa[order[i]] % FIELD);
    graph.end(u);
  }
  return graph;
}
