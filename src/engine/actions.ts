/**
 * The static table of actions: every step alternative of every context, call
 * starts (one per entry IRQL), interrupts (one per MSI message, and the
 * shared line's spurious call), DPC dispatch, timer expiry, TDR detection, and
 * the adapter's own moves; and each context's view of its slots and actions.
 */
import type { AnyModel } from '../model/define.js';
import type { Layout } from '../model/layout.js';
import { irqlName } from '../model/kernel/irql.js';
import { IDLE_PC } from './procs.js';
import type { CallPlan } from './call-plan.js';
import type { ContextProto } from './contexts.js';
import type { ScenarioPlan } from './scenario.js';
import type { ContextInfo } from '../model/kernel/core.js';
import type { NormStep, ProcInfo } from './procs.js';

export type ActionKind = 'step' | 'call' | 'irq' | 'dpc' | 'timer' | 'detect' | 'device' | 'hang' | 'halt';
export interface Action {
  readonly id: number;
  /** The context that moves, or -1 for the adapter and timers. */
  readonly ctx: number;
  readonly kind: ActionKind;
  /** Display name: `DxgkDdiPresent/lock`, `call DxgkDdiPresent`, `interrupt`. */
  readonly name: string;
  readonly proc?: string;
  readonly label?: string;
  readonly step?: NormStep;
  /** Call kind index, for call actions. */
  readonly call?: number;
  readonly timer?: string;
  readonly queue?: string;
  readonly pos?: number;
  /** Call actions: the IRQL the call starts at. */
  readonly irql?: number;
  /** Interrupt actions: the MSI message number. */
  readonly message?: number;
  /** Interrupt actions: a call of a line-based ISR while the device raised nothing. */
  readonly spurious?: boolean;
}

export interface Context {
  readonly info: ContextInfo;
  readonly procs: readonly ProcInfo[];
  /** Per pc: the procedure and label there (index 0 and 1 unused). */
  readonly pcProc: readonly (ProcInfo | undefined)[];
  readonly pcLabel: readonly string[];
  /** Per pc: candidate action ids. */
  readonly actionsAt: readonly (readonly number[])[];
  readonly initialPc: number;
  /** Slots of this context's locals (reset at each procedure start). */
  readonly localSlots: readonly number[];
  /** Call kind -> slot of its remaining-call counter (per-DDI budgets). */
  readonly leftSlot: ReadonlyMap<number, number>;
  /** Slot of the total-call counter, or -1. */
  readonly madeSlot: number;
  /** Conformance mode: slot of the "this call is in the driver" flag, or -1. */
  readonly inDriverSlot: number;
  /** Call kind -> key of the procedure that runs it. */
  readonly procOfCall: ReadonlyMap<number, string>;
  /** Per pc: true where waiting forever is a valid end (a step there is marked `end`). */
  readonly endAt: readonly boolean[];
  /** Slot of the IRQL the current call started at, where its calls may start at several; else -1. */
  readonly entrySlot: number;
}

export type { Mode } from './call-plan.js';

export interface ActionTable {
  readonly contexts: Context[];
  readonly actions: Action[];
  /** Actions not tied to a context's pc (timers, the adapter), tried in every state. */
  readonly envActions: number[];
  readonly timerDpc: Map<string, string>;
  readonly tdrContext: number;
}

export function buildActions(model: AnyModel, plan: ScenarioPlan, cp: CallPlan, protos: readonly ContextProto[], lay: Layout, callIrqls: readonly (readonly number[])[]): ActionTable {
  const { calls, perCall, specs, adapter } = cp;
  const irq = plan.interrupts;
  const slotOf = (path: string): number => {
    const s = lay.bySlotPath.get(path);
    if (s === undefined) throw new Error(`internal: no slot ${path}`);
    return s;
  };
  const actions: Action[] = [];
  const push = (a: Omit<Action, 'id'>): number => { actions.push({ ...a, id: actions.length }); return actions.length - 1; };
  const contexts: Context[] = protos.map((p, i) => {
    const tab = p.table;
    const cn = p.info.name;
    const actionsAt: number[][] = [[], []];
    for (let pc = 2; pc <= tab.maxPc; pc++) {
      const proc = tab.pcProc[pc]!;
      actionsAt.push(tab.steps[pc].map((st) => push({ ctx: i, kind: 'step', name: `${proc.name}/${st.name}`, proc: proc.key, label: tab.pcLabel[pc], step: st })));
    }
    for (const k of p.calls) {
      const levels = callIrqls[k];
      for (const irql of levels) {
        const name = levels.length > 1 ? `call ${calls[k].key} at ${irqlName(irql)}` : `call ${calls[k].key}`;
        actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'call', name, call: k, proc: p.procOfCall.get(k), irql }));
      }
    }
    if (p.info.kind === 'isr') {
      for (let msg = 0; msg < irq.messages; msg++) actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: irq.messages > 1 ? `interrupt (message ${msg})` : 'interrupt', proc: 'isr', message: msg }));
      if (irq.spurious > 0) actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: 'spurious interrupt (shared line)', proc: 'isr', message: 0, spurious: true }));
    }
    if (p.info.kind === 'dpc') actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'dpc', name: `run DPC ${tab.procs[0].name}`, proc: tab.procs[0].key }));
    const leftSlot = new Map<number, number>();
    if (perCall && p.calls.length > 0 && p.info.process >= 0) specs.forEach((s, k) => leftSlot.set(k, slotOf(`ctx.${cn}.left.${s as string}`)));
    return {
      info: p.info, procs: tab.procs, pcProc: tab.pcProc, pcLabel: tab.pcLabel, actionsAt,
      initialPc: p.start ? tab.procs[0].entryPc : IDLE_PC,
      localSlots: lay.slots.filter((s) => s.path.startsWith(`ctx.${cn}.local.`)).map((s) => s.index),
      leftSlot, madeSlot: lay.bySlotPath.get(`ctx.${cn}.made`) ?? -1, inDriverSlot: lay.bySlotPath.get(`ctx.${cn}.inDriver`) ?? -1,
      procOfCall: p.procOfCall,
      endAt: tab.steps.map((alts) => alts.some((st) => st.end === true)),
      entrySlot: lay.bySlotPath.get(`ctx.${cn}.entry`) ?? -1,
    };
  });
  const envActions: number[] = [];
  const timerDpc = new Map<string, string>();
  for (const [tn, td] of Object.entries(model.timers ?? {})) { timerDpc.set(tn, td.dpc); envActions.push(push({ ctx: -1, kind: 'timer', name: `timer ${tn} expires`, timer: tn })); }
  const tdrContext = contexts.findIndex((c) => c.info.name === 'TDR');
  if (tdrContext >= 0) (contexts[tdrContext].actionsAt[IDLE_PC] as number[]).unshift(push({ ctx: tdrContext, kind: 'detect', name: 'detect GPU timeout' }));
  if (adapter) {
    for (const q of adapter.queues) {
      if (q.order === 'fifo') envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}`, queue: q.name, pos: 0 }));
      else for (let i = 0; i < q.depth; i++) envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}[${i}]`, queue: q.name, pos: i }));
    }
    if (plan.tdrs > 0) envActions.push(push({ ctx: -1, kind: 'hang', name: 'GPU hangs' }));
  }
  // The bugcheck: the system may halt in any state (bugcheck.ts); the engine then moves only the BUGCHECK context.
  if (cp.bugcheck) envActions.push(push({ ctx: -1, kind: 'halt', name: 'the system halts (bugcheck)' }));
  return { contexts, actions, envActions, timerDpc, tdrContext };
}
