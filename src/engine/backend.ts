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
import { FRAME, MAX_STACK_REF, type StackObject } from '../model/kernel/stack.js';
import type { Type } from '../model/schema.js';
import { InputError } from '../errors.js';
import { readOnlyError } from './inspect.js';

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
  /** A committed state that later transitions leave alone: the fast backend reuses one buffer, so it copies. */
  keep(state: S): S;
}

/** Context views over whatever state the machine currently reads (shared by both backends); read-only. */
export function contextViews(sys: System, m: Machine): ContextView[] {
  return Object.freeze(sys.contexts.map((c, i) => {
    const pcSlot = sys.slots.pc[i];
    const callSlot = sys.slots.call[i];
    const ro = (k: string) => () => { throw readOnlyError(`s.contexts[${i}].${k}`); };
    return Object.freeze({
      name: c.info.name, kind: c.info.kind, process: c.info.process, session: c.info.session,
      get at() { const pc = m.get(pcSlot); return pc === IDLE_PC ? null : pc === DONE_PC ? 'done' : c.pcLabel[pc]; },
      set at(_v: string | null) { ro('at')(); },
      get call() { if (callSlot < 0) return null; const v = m.get(callSlot); return v === 0 ? null : sys.calls[v - 1].key; },
      set call(_v: string | null) { ro('call')(); },
      get irql() { return m.get(sys.slots.irql[i]); },
      set irql(_v: number) { ro('irql')(); },
    });
  })) as ContextView[];
}

/** The stack objects of a system (reference r is entry r - 1), and a lookup from first slot to reference. */
export interface StackTable { readonly objects: readonly StackObject[]; readonly refOfBase: ReadonlyMap<number, number> }

/**
 * Lists every context's stack objects (top-level `local` fields declared with
 * stackEvent or stackRecord), numbering them as references; `view` gives the step
 * view of one (shared by both backends).
 */
export function stackTable(sys: System, view: (ctx: number, field: string) => object): StackTable {
  const fields = Object.entries((sys.model.local ?? {}) as Record<string, Type>).filter(([, ty]) => ty.kind === 'record' && ty.stack === true).map(([f]) => f);
  const objects: StackObject[] = [];
  const refOfBase = new Map<number, number>();
  if (fields.length === 0) return { objects, refOfBase };
  const first = new Map<string, number>();
  for (const sl of sys.layout.slots) {
    const m = /^(ctx\.[^.]+\.local\.[^.[]+)[.[]/.exec(sl.path);
    if (m && !first.has(m[1])) first.set(m[1], sl.index);
  }
  sys.contexts.forEach((c, ctx) => {
    for (const field of fields) {
      const at = `ctx.${c.info.name}.local.${field}`;
      const base = first.get(at)!;
      const frame = sys.layout.bySlotPath.get(`${at}.${FRAME}`)!;
      objects.push({ owner: ctx, field, base, frame, view: () => view(ctx, field) });
      refOfBase.set(base, objects.length);
    }
  });
  if (objects.length > MAX_STACK_REF) throw new InputError(`model ${sys.model.name}, scenario ${sys.scenarioName}`, `has ${objects.length} stack objects (contexts x stack fields of local); at most ${MAX_STACK_REF} are supported`);
  return { objects, refOfBase };
}
