/**
 * The stuck-context check: deadlocks that a perpetual cycle elsewhere hides.
 *
 * The search reports a deadlock only in a state where no action at all can run.
 * A periodic timer (vsync) whose DPC can always run keeps every state "moving",
 * so two workers blocked on each other forever would go unreported. After an
 * exhaustive search, this module looks at the reachable state graph instead
 * (state-graph.ts): its terminal strongly connected components (SCCs no edge
 * leaves) are where every run ends up and stays. A context that is inside a
 * procedure (busy, and not parked at an `end` step) in such a component, and
 * takes no step on any edge inside it, can never move again: a deadlock.
 */
import { DONE_PC, type System } from '../src/engine/system.js';
import { components, type Graph, type StateGraph } from './state-graph.js';
import { stuckMessage } from './deadlock.js';

/** A stuck deadlock: the message and the shortest path (action ids) to a state of the stuck component. */
export interface StuckFinding {
  readonly message: string;
  readonly choices: number[];
}

/**
 * After a complete search: the nearest terminal component in which some busy
 * context can never move again, or null. Components are tried nearest first
 * (by the length of the shortest path from the initial state, then by the
 * lowest state id), so the result does not depend on luck; the counterexample
 * is a shortest path to the component, whatever order the search took.
 * `root` is the initial state's id; `vectorAfter` gives the state a path of action ids leads to (the caller
 * replays it: this module computes no successors).
 */
export function findStuck(sys: System, graph: StateGraph, n: number, root: number, vectorAfter: (choices: readonly number[]) => Int32Array): StuckFinding | null {
  const g = graph.view(n);
  const { starts, ends, targets } = g;
  // Candidates: terminal components with an edge inside (a single state with
  // none is a plain deadlock or a finished system, judged during the search) in
  // which every state is busy (a context that never moves keeps its pc, so if it
  // is busy in one state of the component, it is busy in all).
  const { comp, count, terminal, inner, allBusy } = components(g, n);
  const isCandidate = new Uint8Array(count);
  let candidates = 0;
  for (let c = 0; c < count; c++) if (terminal[c] && inner[c] && allBusy[c]) { isCandidate[c] = 1; candidates++; }
  if (candidates === 0) return null;

  // Shortest paths from the initial state (breadth-first over the recorded edges).
  const { dist, parent, via } = shortestPaths(g, root);
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
    for (let u = nearest[c]; u !== root; u = parent[u]) choices.push(via[u]);
    choices.reverse();
    const vec = vectorAfter(choices);
    const stuck = stuckContexts(sys, vec, moved);
    if (stuck.length > 0) return { message: stuckMessage(sys, vec, stuck, moved, env), choices };
  }
  return null;
}

/** Breadth-first from state `root`: distance, parent and the action from the parent, per state. */
function shortestPaths(g: Graph, root: number): { dist: Int32Array; parent: Int32Array; via: Int32Array } {
  const { n, starts, ends, targets, actions } = g;
  const dist = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  if (n > 0) { dist[root] = 0; queue[tail++] = root; }
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

/** Contexts busy in `vec` (inside a procedure, not at an `end` step) that never move (`moved[i]` is 0). */
export function stuckContexts(sys: System, vec: Int32Array, moved: Uint8Array): number[] {
  const out: number[] = [];
  sys.contexts.forEach((c, i) => {
    const pc = vec[sys.slots.pc[i]];
    if (pc > DONE_PC && !c.endAt[pc] && moved[i] === 0) out.push(i);
  });
  return out;
}
