/**
 * A compiled system: a model under one scenario. Its parts are built each by a
 * module of its own: the bounds (scenario.ts, bounds.ts), the call plan
 * (call-plan.ts, entry-irql.ts, interrupts.ts), the contexts (contexts.ts), the
 * state schema and layout (state-schema.ts) and the action table (actions.ts).
 * The explorer and both backends read only this.
 */
import type { RecordType } from '../model/schema.js';
import { LOCK_BITS } from './tracker.js';
import type { Layout } from '../model/layout.js';
import { PASSIVE_LEVEL } from '../model/kernel/irql.js';
import type { SystemSlots } from '../model/kernel/core.js';
import type { AnyModel, Procedure, Scenario } from '../model/define.js';
import type { Catalog } from '../contract/index.js';
import type { CallKind } from '../os/calls.js';
import { OsEnvironment } from '../os/environment.js';
import type { Adapter } from '../adapter/adapter.js';
import { planCalls, type BugcheckScript, type LifecycleScript, type Mode, type TdrScript } from './call-plan.js';
import { BUGCHECK_CONTEXT } from '../os/bugcheck.js';
import { planEntryIrqls } from './entry-irql.js';
import type { InterruptPlan } from './interrupts.js';
import { IDLE_PC } from './procs.js';
import { planScenario } from './scenario.js';
import { buildContexts } from './contexts.js';
import { buildStateSchema, type LockInfo } from './state-schema.js';
import { buildActions, type Action, type Context } from './actions.js';
import { boundsText } from './bounds.js';

export type { LockInfo } from './state-schema.js';
export { IDLE_PC, DONE_PC, type NormStep, type ProcInfo } from './procs.js';

export type { Action, ActionKind, Context } from './actions.js';

export interface System {
  readonly model: AnyModel;
  readonly scenarioName: string;
  readonly scenario: Scenario;
  readonly mode: Mode;
  readonly catalog: Catalog;
  readonly contexts: readonly Context[];
  readonly actions: readonly Action[];
  /** Actions not tied to a context's pc (timers, TDR detection, the adapter), tried in every state. */
  readonly envActions: readonly number[];
  readonly schema: RecordType;
  readonly layout: Layout;
  readonly slots: SystemSlots;
  readonly calls: readonly CallKind[];
  readonly callsPerThread: number;
  readonly irqSlot: number;
  readonly irqBound: number;
  /** Slot counting spurious ISR calls (a shared line), or -1. */
  readonly spuriousSlot: number;
  readonly timerDpc: ReadonlyMap<string, string>;
  readonly adapter: Adapter | null;
  /** TDR call kinds: preamble, reset, cleanup calls..., restart (empty without TDR). */
  readonly tdrKinds: readonly number[];
  /** The OS's TDR script (null without TDR). */
  readonly tdr: TdrScript | null;
  readonly tdrContext: number;
  /** The PnP thread's lifecycle script and context (null and -1 without a `lifecycle` key). */
  readonly lifecycle: LifecycleScript | null;
  readonly pnpContext: number;
  /** The bugcheck display path's script and the BUGCHECK context (null and -1 without a `bugcheck` key). */
  readonly bugcheck: BugcheckScript | null;
  readonly bugcheckContext: number;
  /** Per call kind: the IRQLs a call starts at (driver mode explores each). */
  readonly callIrqls: readonly (readonly number[])[];
  readonly interrupts: InterruptPlan;
  /** Whether the pointer DDIs may run beside level-2/3 calls (their pages' "independently of all other functions"). */
  readonly pointerIndependent: boolean;
  readonly pdevs: number;
  readonly outputs: number;
  /** The OS side (admission, monitors, TDR, adapter moves); null for a model without calls. */
  readonly env: OsEnvironment | null;
  /** Human bounds: "2 processes x 1 thread, 2 interrupts". */
  readonly bounds: string;
  readonly races: boolean;
  /** Lock objects (spin locks, mutexes) by owner slot, for lock discipline checks. */
  readonly locks: readonly LockInfo[];
  /** Lockset bit of each lock's owner slot, for race detection. */
  readonly lockBits: ReadonlyMap<number, number>;
}

/**
 * Compiles `model` under scenario `scenarioName`: the scenario's bounds, the
 * call plan, the contexts, the state schema, the action table, then the OS
 * environment over them. Throws InputError for bad models or scenarios.
 */
export function compile(model: AnyModel, scenarioName?: string): System {
  const plan = planScenario(model, scenarioName);
  const { sc, where } = plan;
  const cp = planCalls(model, sc, { where, processes: plan.processes, tdrs: plan.tdrs, lifecycle: plan.lifecycle, bugcheck: plan.bugcheck });
  const { calls, tdrKinds, adapter, mode } = cp;
  const viaProcedure = sc.dispatcher !== undefined || sc.clients !== undefined;
  // A dispatcher or client procedure runs its calls at its own IRQL; the OS's TDR thread calls the handlers directly, in any mode.
  const irqls = planEntryIrqls(calls, (d) => model.ddis?.[d] as Procedure<unknown> | undefined, null, where);
  const callIrqls = calls.map((_, i) => (viaProcedure && !tdrKinds.includes(i) ? [PASSIVE_LEVEL] : irqls.byKind[i]));
  const pointerIndependent = sc.pointerIndependent ?? cp.policy === 'driver';
  const protos = buildContexts(model, plan, cp);
  const { schema, layout: lay, locks } = buildStateSchema(model, plan, cp, protos, callIrqls);
  const { contexts, actions, envActions, timerDpc, tdrContext } = buildActions(model, plan, cp, protos, lay, callIrqls);
  const slotOf = (path: string): number => {
    const s = lay.bySlotPath.get(path);
    if (s === undefined) throw new Error(`internal: no slot ${path}`);
    return s;
  };
  const dpcQueued = new Map<string, number>();
  const dpcContext = new Map<string, number>();
  // Keyed by the context name without DPC_: the DPC's name, and name@a for adapter a > 0 (adapters.ts).
  contexts.forEach((c) => { if (c.info.kind === 'dpc') { const d = c.info.name.slice(4); dpcQueued.set(d, slotOf(`ctx.${c.info.name}.queued`)); dpcContext.set(d, c.info.id); } });
  const slots: SystemSlots = {
    pc: contexts.map((c) => slotOf(`ctx.${c.info.name}.pc`)),
    irql: contexts.map((c) => slotOf(`ctx.${c.info.name}.irql`)),
    call: contexts.map((c) => lay.bySlotPath.get(`ctx.${c.info.name}.call`) ?? -1),
    ddiNames: calls.map((k) => k.ddi),
    dpcQueued, dpcContext,
    timerArmed: new Map([...timerDpc.keys()].map((tn) => [tn, slotOf(`env.timers.${tn}.armed`)])),
    timerPeriodic: new Map([...timerDpc.keys()].map((tn) => [tn, slotOf(`env.timers.${tn}.periodic`)])),
    isrContext: contexts.findIndex((c) => c.info.kind === 'isr'),
    isrMessage: lay.bySlotPath.get('ctx.ISR.message') ?? -1,
    isrAdapter: lay.bySlotPath.get('ctx.ISR.adapter') ?? -1,
    idlePc: IDLE_PC,
    contextNames: contexts.map((c) => c.info.name),
  };
  const sys: System = {
    model, scenarioName: plan.name, scenario: sc, mode, catalog: cp.catalog, contexts, actions, envActions, schema, layout: lay, slots, calls,
    callsPerThread: cp.callsPerThread, irqSlot: slotOf('env.irqs'), irqBound: plan.interrupts.count, spuriousSlot: lay.bySlotPath.get('env.spurious') ?? -1,
    timerDpc, adapter, tdrKinds, tdr: cp.tdr, tdrContext, pdevs: plan.pdevs, outputs: plan.outputs,
    callIrqls, interrupts: plan.interrupts, pointerIndependent,
    lifecycle: cp.lifecycle, pnpContext: contexts.findIndex((c) => c.info.name === 'PnP'),
    bugcheck: cp.bugcheck, bugcheckContext: contexts.findIndex((c) => c.info.name === BUGCHECK_CONTEXT),
    env: null, bounds: boundsText({ model, plan, calls: cp, pointerIndependent, irqlNotes: irqls.notes }), races: model.races !== false,
    locks, lockBits: new Map(locks.slice(0, LOCK_BITS).map((l, i) => [l.slot, 1 << i])),
  };
  const env = mode === 'free' && !adapter && plan.pdevs === 0 && !cp.lifecycle && !cp.bugcheck ? null : new OsEnvironment(sys);
  return { ...sys, env };
}
