/**
 * One step API, two backends. A backend owns the representation of a state and
 * the working copy a transition mutates: the fast backend an Int32Array with
 * prebuilt accessor views, the immer backend frozen plain objects and drafts.
 * The engine (semantics.ts) drives either through this interface.
 */
import type { Machine } from '../model/kernel/core.js';
import type { Scope, SystemView, ContextView, InitScope } from '../model/define.js';
import type { Tracker } from './tracker.js';
import { DONE_PC, IDLE_PC, type System } from './system.js';

export interface Backend<S> {
  readonly name: 'fast' | 'immer';
  readonly sys: System;
  readonly machine: Machine;
  readonly tracker: Tracker;
  initial(): S;
  /** Starts a transition: the working copy becomes a copy of `state`. */
  begin(state: S): void;
  /** Ends the transition; the result is the new state (the fast backend reuses one buffer: copy it to keep it). */
  commit(): S;
  /** What steps of context `ctx` see as `s`, over the working copy. */
  scope(ctx: number): Scope;
  /** What `init` sees, over the working copy: the global space and every session. */
  initScope(): InitScope;
  /** A read-only view of a whole state, for invariants and traces. */
  inspect(state: S): SystemView;
  /** The canonical integer encoding of a state. */
  encode(state: S, out: Int32Array): void;
  /** The canonical vector of a committed state: the fast backend's state itself, else an encoding into a reused buffer. */
  vector(state: S): Int32Array;
  decode(vec: Int32Array): S;
}

/** Context views over whatever state the machine currently reads (shared by both backends). */
export function contextViews(sys: System, m: Machine): ContextView[] {
  return sys.contexts.map((c, i) => {
    const pcSlot = sys.slots.pc[i];
    const callSlot = sys.slots.call[i];
    return {
      name: c.info.name, kind: c.info.kind, process: c.info.process, session: c.info.session,
      get at() { const pc = m.get(pcSlot); return pc === IDLE_PC ? null : pc === DONE_PC ? 'done' : c.pcLabel[pc]; },
      get call() { if (callSlot < 0) return null; const v = m.get(callSlot); return v === 0 ? null : sys.calls[v - 1].key; },
      get irql() { return m.get(sys.slots.irql[i]); },
    };
  });
}
