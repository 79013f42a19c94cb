/**
 * Compiles a model and one of its scenarios into a System: the contexts (OS
 * threads, the TDR thread, driver workers, the ISR, DPCs), the static table of
 * actions (every step alternative of every context, call starts, interrupts, DPC
 * dispatch, timer expiry, the adapter's own moves), and the schema of the whole
 * state with its slot layout. The explorer and both backends read only this.
 */
import { t, type Fields, type RecordType, type Type } from '../model/schema.js';
import { LOCK_BITS } from './tracker.js';
import { layout, type Layout } from '../model/layout.js';
import { MAX_OWNER, SPIN_LOCK } from '../model/kernel/spinlock.js';
import { FAST_MUTEX, KMUTEX } from '../model/kernel/mutex.js';
import { DIRQL, DISPATCH_LEVEL, MAX_IRQL, PASSIVE_LEVEL, irqlName } from '../model/kernel/irql.js';
import type { ContextInfo, ContextKind, SystemSlots } from '../model/kernel/core.js';
import type { AnyModel, Procedure, Scenario } from '../model/define.js';
import type { Catalog } from '../contract/index.js';
import type { CallKind } from '../os/calls.js';
import { OsEnvironment, PDEV_STATES, TDR_PHASES } from '../os/environment.js';
import type { Adapter } from '../adapter/adapter.js';
import { InputError } from '../errors.js';
import { planCalls, count, type Mode, type TdrScript } from './call-plan.js';
import { planEntryIrqls } from './entry-irql.js';
import { interruptBounds, planInterrupts, type InterruptPlan } from './interrupts.js';
import { IDLE_PC, NO_OP, procTable, type NormStep, type ProcInfo, type ProcSource, type ProcTable } from './procs.js';

export { IDLE_PC, DONE_PC, type NormStep, type ProcInfo } from './procs.js';

export type ActionKind = 'step' | 'call' | 'irq' | 'dpc' | 'timer' | 'detect' | 'device' | 'hang';
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

export interface LockInfo { readonly slot: number; readonly object: string; readonly path: string }

const LOCK_OBJECTS = new Set([SPIN_LOCK, KMUTEX, FAST_MUTEX]);

/** Finds every lock object in the schema; its owner is its first slot. */
function findLocks(schema: RecordType, lay: Layout): LockInfo[] {
  const out: LockInfo[] = [];
  let at = 0;
  const walk = (ty: Type): void => {
    if (ty.kind === 'record') {
      if (ty.object !== undefined && LOCK_OBJECTS.has(ty.object)) out.push({ slot: at, object: ty.object, path: lay.slots[at].path.replace(/\.owner$/, '') });
      for (const f of Object.values(ty.fields)) walk(f);
    } else if (ty.kind === 'array') for (let i = 0; i < ty.length; i++) walk(ty.of);
    else at++;
  };
  walk(schema);
  return out;
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Compiles `model` under scenario `scenarioName`. Throws InputError for bad models or scenarios. */
export function compile(model: AnyModel, scenarioName?: string): System {
  const m = model.name ?? '(unnamed model)';
  const scenarios = model.scenarios ?? {};
  const names = Object.keys(scenarios);
  if (names.length === 0) throw new InputError(`model ${m}`, 'declares no scenarios', 'add scenarios: { default: { ... } }');
  const scName = scenarioName ?? model.defaultScenario ?? (names.includes('default') ? 'default' : names[0]);
  const sc = scenarios[scName];
  if (!sc) throw new InputError(`model ${m}`, `has no scenario "${scName}"`, `known scenarios: ${names.join(', ')}`);
  const where = `model ${m}, scenario ${scName}`;

  const processes = count(sc.processes, `${where}: processes`, 1);
  const tpp = count(sc.threadsPerProcess, `${where}: threadsPerProcess`, 1);
  const sessions = count(sc.sessions, `${where}: sessions`, 1);
  const irqPlan = planInterrupts(sc, where, model.adapter !== undefined);
  const interrupts = irqPlan.count;
  const tdrs = count(sc.tdrs, `${where}: tdrs`, 0, 8);
  const pdevs = count(sc.pdevs, `${where}: pdevs`, 0, 8);
  const outputs = count(sc.outputs, `${where}: outputs`, 1, 8);
  const ddiDefs = model.ddis ?? {};
  const threadDefs = model.threads ?? {};
  const known = (kind: string, names: object) => `declared ${kind}: ${Object.keys(names).join(', ') || 'none'}`;
  for (const [f, v] of [['clients', sc.clients], ['dispatcher', sc.dispatcher]] as const) {
    if (v !== undefined && !(v in threadDefs)) throw new InputError(`${where}: ${f}`, `names thread procedure "${v}", which the model does not declare`, known('threads', threadDefs));
  }
  if (sc.clients !== undefined && sc.dispatcher !== undefined) throw new InputError(where, 'has both clients and dispatcher', 'clients run one fixed procedure; a dispatcher runs once per call: pick one');
  for (const w of Object.keys(sc.workers ?? {})) if (!(w in threadDefs)) throw new InputError(`${where}: workers`, `names thread procedure "${w}", which the model does not declare`, known('threads', threadDefs));
  if (interrupts > 0 && !model.isr) throw new InputError(`${where}: interrupts`, 'is set but the model has no isr', 'declare isr: { steps: { ... } } or drop interrupts');
  if (tdrs > 0 && !model.adapter) throw new InputError(`${where}: tdrs`, 'is set but the model has no adapter to hang', 'declare adapter: { queues: { ... } }');
  for (const [tn, td] of Object.entries(model.timers ?? {})) if (!(td.dpc in (model.dpcs ?? {}))) throw new InputError(`model ${m}: timer ${tn}`, `names DPC "${td.dpc}", which the model does not declare`);

  const { catalog, specs, perCall, callsPerThread, procSpecs, allSpecs, mode, policy, calls, kindsOf, adapter, tdrKinds, tdr } = planCalls(model, sc, { where, processes, tdrs });
  const viaProcedure = sc.dispatcher !== undefined || sc.clients !== undefined;
  // The OS's own TDR thread makes its calls straight into the model's handlers, in any mode.
  const irqls = planEntryIrqls(calls, (d) => ddiDefs[d] as Procedure<unknown> | undefined, null, where);
  const callIrqls = calls.map((k, i) => (viaProcedure && !tdrKinds.includes(i) ? [PASSIVE_LEVEL] : irqls.byKind[i]));
  if (sc.pointerIndependent !== undefined && typeof sc.pointerIndependent !== 'boolean') throw new InputError(`${where}: pointerIndependent`, `must be true or false, got ${JSON.stringify(sc.pointerIndependent)}`);
  const pointerIndependent = sc.pointerIndependent ?? policy === 'driver';
  const hasCalls = allSpecs.length > 0;
  const osThreads = hasCalls || sc.clients !== undefined;

  // Contexts and their procedures.
  interface Proto { info: ContextInfo; table: ProcTable; start: boolean; calls: number[]; procOfCall: Map<number, string> }
  const protos: Proto[] = [];
  const add = (name: string, kind: ContextKind, process: number, thread: number, session: number, index: number, sources: ProcSource[], start: boolean, callKinds: number[] = [], procOfCall = new Map<number, string>()): void => {
    // Contexts are keyed by name in the state: two with one name would share it.
    if (protos.some((p) => p.info.name === name)) throw new InputError(where, `has two contexts named ${name}`, 'rename a thread procedure or DPC: a worker is named procedure + index (a10 is worker 10 of a, and worker 0 of a1), and P<p>T<t>, TDR, ISR and DPC_<name> are taken');
    protos.push({ info: { id: protos.length, name, kind, process, thread, session, index }, table: procTable(sources), start, calls: callKinds, procOfCall });
  };
  const src = (key: string, kind: ProcSource['kind'], name: string, def: Procedure<unknown> | undefined, irql: number): ProcSource =>
    ({ key, kind, name, def: def as Procedure<unknown>, irql, where: `model ${m}: ${kind} ${name}` });
  if (osThreads) {
    for (let p = 0; p < processes; p++) for (let th = 0; th < tpp; th++) {
      const threadCalls = kindsOf(p);
      const procOfCall = new Map<number, string>();
      let sources: ProcSource[];
      if (sc.clients !== undefined) sources = [src(`thread:${sc.clients}`, 'thread', sc.clients, threadDefs[sc.clients] as Procedure<unknown>, PASSIVE_LEVEL)];
      else if (sc.dispatcher !== undefined) {
        sources = [src(`thread:${sc.dispatcher}`, 'thread', sc.dispatcher, threadDefs[sc.dispatcher] as Procedure<unknown>, PASSIVE_LEVEL)];
        for (const k of threadCalls) procOfCall.set(k, `thread:${sc.dispatcher}`);
      } else {
        const ddis = [...new Set(threadCalls.map((k) => calls[k].ddi))];
        sources = ddis.map((d) => src(`ddi:${d}`, 'ddi', d, ddiDefs[d] as Procedure<unknown>, PASSIVE_LEVEL));
        for (const k of threadCalls) procOfCall.set(k, `ddi:${calls[k].ddi}`);
      }
      add(`P${p}T${th}`, 'thread', p, th, p % sessions, p * tpp + th, sources, sc.clients !== undefined, sc.clients !== undefined ? [] : threadCalls, procOfCall);
    }
  }
  if (tdrKinds.length > 0) {
    const procOfCall = new Map<number, string>();
    const ddis = [...new Set(tdrKinds.map((k) => calls[k].ddi))];
    for (const k of tdrKinds) procOfCall.set(k, `ddi:${calls[k].ddi}`);
    add('TDR', 'thread', -1, 0, 0, 0, ddis.map((d) => src(`ddi:${d}`, 'ddi', d, (ddiDefs[d] as Procedure<unknown>) ?? NO_OP, PASSIVE_LEVEL)), false, [...tdrKinds], procOfCall);
  }
  for (const [w, n] of Object.entries(sc.workers ?? {})) {
    const k = count(n, `${where}: workers.${w}`);
    for (let i = 0; i < k; i++) add(`${w}${i}`, 'worker', -1, i, 0, i, [src(`thread:${w}`, 'thread', w, threadDefs[w] as Procedure<unknown>, PASSIVE_LEVEL)], true);
  }
  if (model.isr && interrupts > 0) add('ISR', 'isr', -1, 0, 0, 0, [src('isr', 'isr', 'ISR', model.isr as Procedure<unknown>, DIRQL)], false);
  for (const [d, def] of Object.entries(model.dpcs ?? {})) add(`DPC_${d}`, 'dpc', -1, 0, 0, 0, [src(`dpc:${d}`, 'dpc', d, def as Procedure<unknown>, DISPATCH_LEVEL)], false);
  if (protos.length === 0) throw new InputError(where, 'has no contexts: no OS threads, workers, interrupts or DPCs', 'give the scenario calls, clients or workers');
  if (protos.length >= MAX_OWNER) throw new InputError(where, `has ${protos.length} contexts; at most ${MAX_OWNER - 1} are supported`);

  // The system schema.
  const ctxFields: Fields = {};
  for (const p of protos) {
    const f: Fields = {
      pc: t.int(0, p.table.maxPc, p.start ? p.table.procs[0].entryPc : IDLE_PC),
      irql: t.int(0, MAX_IRQL, p.start ? p.table.procs[0].irql : PASSIVE_LEVEL),
    };
    if (p.calls.length > 0) {
      f.call = t.int(0, calls.length);
      if (p.calls.some((k) => callIrqls[k].length > 1)) f.entry = t.int(0, MAX_IRQL);
      if (p.info.name !== 'TDR') {
        if (perCall) {
          const left: Fields = {};
          specs.forEach((s, i) => { left[s as string] = t.int(0, perCall![i], perCall![i]); });
          f.left = t.record(left);
        } else f.made = t.int(0, callsPerThread);
      }
      if (mode === 'conformance' && p.info.name !== 'TDR') f.inDriver = t.bool();
    }
    if (p.info.kind === 'dpc') f.queued = t.bool();
    if (p.info.kind === 'isr' && irqPlan.messages > 1) f.message = t.int(0, irqPlan.messages - 1);
    ctxFields[p.info.name] = { kind: 'record', access: 'sync', fields: { ...f, local: { ...t.record(model.local ?? {}), access: 'data' } } } as RecordType;
  }
  const timerFields: Fields = {};
  for (const tn of Object.keys(model.timers ?? {})) timerFields[tn] = t.record({ armed: t.bool(), periodic: t.bool() });
  const osFields: Fields = {};
  // tdrStep: in the drain, the preamble calls made so far; in the cleanup period, the mask of cleanup calls made.
  if (tdr) {
    osFields.tdr = t.enum(TDR_PHASES);
    osFields.tdrStep = t.int(0, Math.max(tdr.preamble.length, (1 << tdr.cleanup.length) - 1));
  }
  if (pdevs > 0) {
    const start = sc.pdevStart ?? [];
    if (!Array.isArray(start) || start.length > pdevs || start.some((x) => !PDEV_STATES.includes(x))) {
      throw new InputError(`${where}: pdevStart`, `must list at most ${pdevs} states from ${PDEV_STATES.join(', ')}`);
    }
    const per: Fields = {};
    for (let i = 0; i < pdevs; i++) per[String(i)] = t.enum(PDEV_STATES, start[i] ?? 'none');
    osFields.pdev = t.record(per);
  }
  const root: Fields = {
    g: t.record(model.global ?? {}),
    sessions: t.array(sessions, t.record(model.session ?? {})),
    ctx: { kind: 'record', fields: ctxFields } as RecordType,
    env: { kind: 'record', access: 'sync', fields: { irqs: t.int(0, interrupts), ...(irqPlan.spurious > 0 ? { spurious: t.int(0, irqPlan.spurious) } : {}), timers: t.record(timerFields) } } as RecordType,
    os: { kind: 'record', access: 'sync', fields: osFields } as RecordType,
  };
  if (adapter) root.hw = adapter.schema;
  const schema = t.record(root);
  const lay = layout(schema);
  const slotOf = (path: string): number => {
    const s = lay.bySlotPath.get(path);
    if (s === undefined) throw new Error(`internal: no slot ${path}`);
    return s;
  };

  const locks = findLocks(schema, lay);

  // Actions.
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
      for (let msg = 0; msg < irqPlan.messages; msg++) actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: irqPlan.messages > 1 ? `interrupt (message ${msg})` : 'interrupt', proc: 'isr', message: msg }));
      if (irqPlan.spurious > 0) actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'irq', name: 'spurious interrupt (shared line)', proc: 'isr', message: 0, spurious: true }));
    }
    if (p.info.kind === 'dpc') actionsAt[IDLE_PC].push(push({ ctx: i, kind: 'dpc', name: `run DPC ${tab.procs[0].name}`, proc: tab.procs[0].key }));
    const leftSlot = new Map<number, number>();
    if (perCall && p.calls.length > 0 && cn !== 'TDR') specs.forEach((s, k) => leftSlot.set(k, slotOf(`ctx.${cn}.left.${s as string}`)));
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
  const tdrCtx = contexts.findIndex((c) => c.info.name === 'TDR');
  if (tdrCtx >= 0) (contexts[tdrCtx].actionsAt[IDLE_PC] as number[]).unshift(push({ ctx: tdrCtx, kind: 'detect', name: 'detect GPU timeout' }) as number);
  if (adapter) {
    for (const q of adapter.queues) {
      if (q.order === 'fifo') envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}`, queue: q.name, pos: 0 }));
      else for (let i = 0; i < q.depth; i++) envActions.push(push({ ctx: -1, kind: 'device', name: `device consumes ${q.name}[${i}]`, queue: q.name, pos: i }));
    }
    if (tdrs > 0) envActions.push(push({ ctx: -1, kind: 'hang', name: 'GPU hangs' }));
  }

  const dpcQueued = new Map<string, number>();
  const dpcContext = new Map<string, number>();
  contexts.forEach((c) => { if (c.info.kind === 'dpc') { const d = c.procs[0].name; dpcQueued.set(d, slotOf(`ctx.${c.info.name}.queued`)); dpcContext.set(d, c.info.id); } });
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
    idlePc: IDLE_PC,
    contextNames: contexts.map((c) => c.info.name),
  };

  const parts: string[] = [];
  if (osThreads) parts.push(`${processes} process${processes === 1 ? '' : 'es'} x ${plural(tpp, 'thread')}`);
  if (sessions > 1) parts.push(plural(sessions, 'session'));
  if (hasCalls) parts.push(perCall ? `calls ${specs.map((d, i) => `${d as string} x${perCall![i]}`).join(', ')}` : `${plural(callsPerThread, 'call')} per thread`);
  if (hasCalls && procSpecs.length > 0) {
    const who = (p: number): string => { const ks = kindsOf(p); return ks.length ? `process ${p} calls ${ks.map((k) => calls[k].key).join(', ')}` : `process ${p} makes no calls`; };
    parts.push(Array.from({ length: processes }, (_, p) => who(p)).join('; '));
  }
  const workers = Object.entries(sc.workers ?? {}).filter(([, n]) => n > 0);
  for (const [w, n] of workers) parts.push(`${n} ${w} thread${n === 1 ? '' : 's'}`);
  if (interrupts > 0) parts.push(interruptBounds(irqPlan, model.isr?.when !== undefined));
  if (tdrs > 0) parts.push(plural(tdrs, 'TDR'));
  if (pdevs > 0) parts.push(`${plural(pdevs, 'PDEV')} on ${plural(outputs, 'output')}`);
  if (mode === 'driver' && sc.policy !== undefined && sc.policy !== 'driver') parts.push(`policy ${sc.policy} (conflicting facts take the stronger guarantee)`);
  if (mode === 'driver' && !pointerIndependent && allSpecs.some((c) => (typeof c === 'string' ? c : c.ddi).startsWith('DxgkDdiSetPointer'))) parts.push('pointer DDIs kept out of level-2/3 calls (pointerIndependent: false)');
  if (!viaProcedure) parts.push(...irqls.notes);
  const sys: System = {
    model, scenarioName: scName, scenario: sc, mode, catalog, contexts, actions, envActions, schema, layout: lay, slots, calls,
    callsPerThread, irqSlot: slotOf('env.irqs'), irqBound: interrupts, spuriousSlot: lay.bySlotPath.get('env.spurious') ?? -1, timerDpc, adapter, tdrKinds, tdr, tdrContext: tdrCtx, pdevs, outputs,
    callIrqls, interrupts: irqPlan, pointerIndependent,
    env: null, bounds: parts.join(', ') || 'no bounds', races: model.races !== false,
    locks, lockBits: new Map(locks.slice(0, LOCK_BITS).map((l, i) => [l.slot, 1 << i])),
  };
  const env = mode === 'free' && !adapter && pdevs === 0 ? null : new OsEnvironment(sys);
  return { ...sys, env };
}
