/**
 * The stuck-context question asked from one state, for replaying and
 * minimizing a trace that ends in such a deadlock: is the state `vec` (one a
 * schedule reached) in a terminal component in which some busy context never
 * moves? A small exhaustive search from it, through the successor function with
 * no monitors (a failing step or a race there is not this finding), then the
 * same analysis and message as the explorer's check (properties/stuck.ts).
 */
import type { Engine } from '../engine/semantics.js';
import { DONE_PC, type System } from '../engine/system.js';
import type { Finding } from '../../properties/monitor.js';
import { StateGraph, sccs } from '../../properties/state-graph.js';
import { stuckContexts } from '../../properties/stuck.js';
import { stuckMessage } from '../../properties/deadlock.js';
import { ExactStore, seenId } from './store.js';
import { fingerprint } from './hash.js';
import { Expander, SKIP, STOP, STOPPED, type Answer, type Sink } from './expand.js';

/** Records the graph reachable from one state and which contexts move in it. */
class Reach<S> implements Sink<S> {
  readonly moved: Uint8Array;
  readonly env = new Set<number>();
  readonly store: ExactStore;
  readonly graph = new StateGraph();
  readonly queue: Int32Array[] = [];
  private readonly fp = new Uint32Array(2);
  /** Contexts busy in the start state that have not moved yet. */
  pending: number;
  /** More than `maxStates` states were reachable: no answer. */
  overflow = false;

  constructor(private readonly engine: Engine<S>, private readonly start: Int32Array, private readonly maxStates: number) {
    const sys = engine.sys;
    this.moved = new Uint8Array(sys.contexts.length);
    this.pending = stuckContexts(sys, start, this.moved).length;
    this.store = new ExactStore(sys.layout.width);
    fingerprint(start, this.fp);
    const id0 = this.store.add(start, this.fp);
    this.queue[id0] = start.slice();
    this.graph.state(id0, engine.busy(start));
  }

  // A step that fails leaves the component: not this kind of deadlock (the failure is the finding).
  failed(): boolean { return true; }

  successor(a: number, _next: S, vec: Int32Array): Answer {
    const { store, graph, fp, engine } = this;
    const sys: System = engine.sys;
    fingerprint(vec, fp);
    let id = store.add(vec, fp);
    if (id >= 0) {
      if (store.size > this.maxStates) { this.overflow = true; return STOP; }
      this.queue[id] = vec.slice();
      graph.state(id, engine.busy(vec));
    } else id = seenId(id);
    graph.add(id, a);
    const ctx = sys.actions[a].ctx;
    if (ctx < 0) this.env.add(a);
    else if (this.moved[ctx] === 0) {
      this.moved[ctx] = 1;
      const pc = this.start[sys.slots.pc[ctx]];
      // Every context busy in the start state moves: none is stuck.
      if (pc > DONE_PC && !sys.contexts[ctx].endAt[pc] && --this.pending === 0) return STOP;
    }
    return SKIP;
  }

  admit(): void {}
  found(_f: Finding): void {}
}

/**
 * Explores every state reachable from `vec` (at most `maxStates`; more, and the
 * answer is null, and `overflow` is called); they must all reach `vec` back. Returns the message the
 * explorer gives for that component, or null. Stops early once every context
 * busy in `vec` was seen to move.
 */
export function stuckFrom<S>(engine: Engine<S>, vec: Int32Array, maxStates = 1e6, overflow?: () => void): string | null {
  const sys = engine.sys;
  const r = new Reach(engine, vec, maxStates);
  if (r.pending === 0) return null;
  const x = new Expander(engine, []);
  const b = engine.backend;
  for (let id = 0; id < r.queue.length; id++) {
    const cur = r.queue[id];
    r.graph.begin(id);
    if (x.expand(b.decode(cur), cur, r) === STOPPED) { if (r.overflow) overflow?.(); return null; }
    r.graph.end(id);
  }
  if (r.graph.edges === 0) return null;
  // Every reachable state reaches vec back: one component.
  if (sccs(r.graph.view(r.store.size)).count !== 1) return null;
  const stuck = stuckContexts(sys, vec, r.moved);
  return stuck.length > 0 ? stuckMessage(sys, vec, stuck, r.moved, r.env) : null;
}
