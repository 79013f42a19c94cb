/**
 * Rebuilds a counterexample for people by replaying its choices from the initial
 * state: per step, the context that moved, the call it belongs to, the step name
 * and the state changes (path, old value, new value). Replay is the only way a
 * trace is made, so what it shows is what the model does.
 */
import { decodeLeaf } from '../model/layout.js';
import { irqlName } from '../model/kernel/irql.js';
import { Violation } from '../model/violation.js';
import type { Engine } from '../engine/semantics.js';
import { Expander } from './expand.js';
import { DONE_PC, IDLE_PC, type System } from '../engine/system.js';
import { InputError } from '../errors.js';

export interface Change { readonly path: string; readonly old: string | number | boolean; readonly new: string | number | boolean }
export interface TraceContext { readonly name: string; readonly kind: string; readonly process: number; readonly thread: number; readonly session: number; readonly irql: string }
export interface TraceStep {
  /** 1-based position in the trace. */
  readonly index: number;
  readonly action: number;
  readonly kind: string;
  readonly context: TraceContext | null;
  /** The DDI call the step belongs to, with a call id (1-based per trace), if any. */
  readonly call: { readonly ddi: string; readonly id: number } | null;
  /** Display name: `DxgkDdiPresent/lock`, `call DxgkDdiPresent`, `interrupt`. */
  readonly step: string;
  readonly changes: readonly Change[];
  readonly violation?: { readonly property: string; readonly message: string };
}

/** The value of a slot as a person reads it (labels for pcs, names for IRQLs and calls). */
export function showSlot(sys: System, slot: number, v: number): string | number | boolean {
  const s = sys.layout.slots[slot];
  const ci = sys.slots.pc.indexOf(slot);
  if (ci >= 0) return v === IDLE_PC ? '(idle)' : v === DONE_PC ? '(done)' : `${sys.contexts[ci].pcProc[v]!.name}/${sys.contexts[ci].pcLabel[v]}`;
  if (sys.slots.irql.includes(slot)) return irqlName(v);
  if (sys.slots.call.includes(slot)) return v === 0 ? '(none)' : sys.calls[v - 1].key;
  return decodeLeaf(s.type, v);
}

/**
 * Replays `choices`; returns the steps and the violation the last step raised, if any.
 * Throws InputError naming the first choice that no longer applies.
 */
export function replay<S>(engine: Engine<S>, choices: readonly number[]): { steps: TraceStep[]; last: S; lastVec: Int32Array; violation?: Violation } {
  const sys = engine.sys;
  const b = engine.backend;
  let state = b.keep(engine.initial());
  let vec = b.vector(state).slice();
  const steps: TraceStep[] = [];
  const callIds = new Map<number, { ddi: string; id: number }>();
  // Only the path is followed (no monitors): the violation a trace ends in is judged by trace/run.ts.
  const x = new Expander(engine, []);
  let calls = 0;
  for (let i = 0; i < choices.length; i++) {
    const a = sys.actions[choices[i]];
    if (!a) throw new InputError(`trace step ${i + 1}`, `names action ${choices[i]}, which this model does not have`, 'the model changed since the trace was made: check it again to get a fresh trace');
    // apply() trusts its caller that the context is at this step: check it here.
    if (!x.candidates(vec).includes(a.id)) throw new InputError(`trace step ${i + 1} (${a.name})`, 'is not a step its context can take when replayed', 'the model changed since the trace was made: check it again to get a fresh trace');
    const ctx = a.ctx >= 0 ? sys.contexts[a.ctx].info : null;
    if (a.kind === 'call' && ctx) callIds.set(ctx.id, { ddi: sys.calls[a.call!].key, id: ++calls });
    const call = ctx ? callIds.get(ctx.id) ?? null : null;
    let context = ctx ? { name: ctx.name, kind: ctx.kind, process: ctx.process, thread: ctx.thread, session: ctx.session, irql: irqlName(vec[sys.slots.irql[ctx.id]]) } : null;
    const out = x.successor(state, vec, a.id);
    if (out === null) throw new InputError(`trace step ${i + 1} (${a.name})`, 'is not enabled when replayed', 'the model changed since the trace was made: check it again to get a fresh trace');
    if (out instanceof Violation) {
      steps.push({ index: i + 1, action: a.id, kind: a.kind, context, call, step: a.name, changes: [], violation: { property: out.property, message: out.message } });
      return { steps, last: state, lastVec: vec, violation: out };
    }
    state = b.keep(x.lastState!);
    const next = out.slice();
    // A step that starts a procedure (a call, an interrupt, a DPC) runs at the IRQL it enters at.
    if (ctx && context && (a.kind === 'call' || a.kind === 'irq' || a.kind === 'dpc' || a.kind === 'take')) context = { ...context, irql: irqlName(next[sys.slots.irql[ctx.id]]) };
    const changes: Change[] = [];
    for (let s = 0; s < next.length; s++) if (next[s] !== vec[s]) changes.push({ path: sys.layout.slots[s].path, old: showSlot(sys, s, vec[s]), new: showSlot(sys, s, next[s]) });
    steps.push({ index: i + 1, action: a.id, kind: a.kind, context, call, step: a.name, changes });
    if (ctx && vec[sys.slots.pc[ctx.id]] !== IDLE_PC && next[sys.slots.pc[ctx.id]] === IDLE_PC) callIds.delete(ctx.id);
    vec = next;
  }
  return { steps, last: state, lastVec: vec };
}
