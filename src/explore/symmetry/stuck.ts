/**
 * The stuck-context check under symmetry reduction, kept exact. The recorded
 * graph is the quotient: one node per orbit, an edge for each action from the
 * stored concrete state. A terminal component of the concrete graph maps onto
 * a terminal component of the quotient, and from any concrete state of a
 * terminal quotient component, everything reachable stays in that component's
 * orbits and reaches the state back (lift a quotient path back to it: some
 * image g·s is reached; repeating it, g^k·s = s), so its forward closure is one
 * concrete terminal component. Per terminal quotient component, nearest first,
 * the closure of its nearest concrete state is searched unreduced and its stuck
 * contexts judged there (stuck-from.ts), with real context names.
 *
 * Quotient edges do not chain into concrete paths (an edge's action applies to
 * the stored state of its source, and leads to some image of its target's), so
 * the path to a component is the search's own parent links, which do.
 */
import type { Engine } from '../../engine/semantics.js';
import { components, type StateGraph } from '../../../properties/state-graph.js';
import type { StuckFinding } from '../../../properties/stuck.js';
import { stuckFrom } from '../stuck-from.js';

/** States a terminal component's concrete closure may have before the check gives up (with a note). */
export const CLOSURE_MAX_STATES = 2_000_000;

/** What the check found: a stuck finding, nothing, or that a component was too large to judge. */
export type QuotientStuck = { readonly found: StuckFinding } | { readonly found: null; readonly note?: string };

/**
 * After a complete reduced search: the nearest terminal component with a
 * stuck context. `pathTo` gives the search's concrete path (action ids) to a
 * stored state; `vectorAfter` replays one.
 */
export function findStuckQuotient<S>(engine: Engine<S>, graph: StateGraph, n: number, root: number, pathTo: (id: number) => number[], vectorAfter: (choices: readonly number[]) => Int32Array): QuotientStuck {
  const g = graph.view(n);
  const { starts, ends, targets } = g;
  const { comp, count, terminal, inner, allBusy } = components(g, n);
  // Distances in the quotient are the concrete ones (every member of an orbit is equally far from the symmetric initial state).
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0, tail = 0;
  if (n > 0) { dist[root] = 0; queue[tail++] = root; }
  while (head < tail) {
    const u = queue[head++];
    for (let e = starts[u]; e < ends[u]; e++) { const w = targets[e]; if (dist[w] < 0) { dist[w] = dist[u] + 1; queue[tail++] = w; } }
  }
  const nearest = new Int32Array(count).fill(-1);
  for (let u = 0; u < n; u++) {
    const c = comp[u];
    if (!(terminal[c] && inner[c] && allBusy[c])) continue;
    if (nearest[c] < 0 || dist[u] < dist[nearest[c]]) nearest[c] = u;
  }
  const order: number[] = [];
  for (let c = 0; c < count; c++) if (nearest[c] >= 0) order.push(c);
  order.sort((a, b) => dist[nearest[a]] - dist[nearest[b]] || nearest[a] - nearest[b]);
  let note: string | undefined;
  for (const c of order) {
    const choices = pathTo(nearest[c]);
    const vec = vectorAfter(choices);
    let over = false;
    const message = stuckFrom(engine, vec, CLOSURE_MAX_STATES, () => { over = true; });
    if (message !== null) return { found: { message, choices } };
    if (over) note ??= `stuck-context check incomplete: a terminal component reached in ${choices.length} steps has more than ${CLOSURE_MAX_STATES.toLocaleString('en-US')} concrete states, so its contexts were not judged (search with --no-symmetry to judge it)`;
  }
  return note ? { found: null, note } : { found: null };
}
