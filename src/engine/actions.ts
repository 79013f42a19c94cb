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
import { planAdapters } from './adapters.js';
import { InputError } from '../errors.js';

/** `take`: a queue's device procedure takes an entry and starts serving it; `halt`: the system stops (bugcheck). */
export type ActionKind = 'step' | 'call' | 'irq' | 'dpc' | 'timer' | 'detect' | 'device' | 'hang' | 'take' | 'halt';
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
  /** Interrupt actions, with several adapters: whose interrupt it is. */
  readonly adapter?: number;
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
  // MSI message i is interrupt source i: with a status register the two lists must match.
  const nSources = adapter?.sources.length ?? 0;
  if (nSources > 0 && irq.messages > 1 && irq.messages !== nSources) {
    throw new InputError(`${plan.where}: interrupts.messages`, `is ${irq.messages}, but the adapter declares ${nSources} interrupt sources (${adapter!.sources.join(', ')}); MSI message i is source i`, `write messages: ${nSources}, or messages: 1 (one message for every source)`);
  }
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
      const adapters = p.fields?.adapter !== undefined ? planAdapters(plan.sc, plan.where) : 1;
      for (let a = 0; a < adapters; a++) {
        // "interrupt (message 1, adapter 0)": the notes in parentheses, joined.
        const named = (what: string, notes: string[]): string => { const n = notes.filter((x) => x !== ''); return n.length ? `${what} (${n.join(', ')})` : what; };
        const of = adapters > 1 ? `adapter ${a}` : '';
        const which = adapters > 1 ? { adapter: a } : {};
        for (let msg = 0; msg < irq.messages; msg++) {
          actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: named('interrupt', [irq.messages > 1 ? `message ${msg}` : '', of]), proc: 'isr', message: msg, ...which }));
        }
        if (irq.spurious > 0) actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: named('spurious interrupt', ['shared line', of]), proc: 'isr', message: 0, spurious: true, ...which }));
      }
    }
    if (p.info.kind === 'device') {
      const q = adapter!.queues.find((x) => x.name === p.info.queue)!;
      const take = (pos: number, what: string) => actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'take', name: `device takes ${what}`, proc: tab.procs[0].key, queue: q.name, pos }));
      if (q.order === 'fifo') take(0, q.name);
      else for (let pos = 0; pos < q.depth; pos++) take(pos, `${q.name}[${pos}]`);
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
      // A queue with a device procedure is served by its DEVICE_ context instead.
      if (q.device) continue;
      if (q.order === 'fifo') envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}`, queue: q.name, pos: 0 }));
      else for (let i = 0; i < q.depth; i++) envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}[${i}]`, queue: q.name, pos: i }));
    }
    if (plan.tdrs > 0) envActions.push(push({ ctx: -1, kind: 'hang', name: 'GPU hangs' }));
  }
  // The bugcheck: the system may halt in any state (bugcheck.ts); the engine then moves only the BUGCHECK context.
  if (cp.bugcheck) envActions.push(push({ ctx: -1, kind: 'halt', name: 'the system halts (bugcheck)' }));
  return { contexts, actions, envActions, timerDpc, tdrContext };
}
