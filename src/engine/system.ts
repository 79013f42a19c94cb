/**
 * Compiles a model and one of its scenarios into a System: the list of contexts
 * (OS threads, workers, the ISR, DPCs), the static table of actions (every step
 * alternative of every context, plus call starts, interrupts, DPC dispatch and
 * timer expiry), and the schema of the whole state with its slot layout. The
 * explorer and both backends read only this table.
 */
import { t, type Fields, type RecordType, type Type } from '../model/schema.js';
import { layout, type Layout } from '../model/layout.js';
import { MAX_OWNER } from '../model/kernel/spinlock.js';
import { DIRQL, DISPATCH_LEVEL, MAX_IRQL, PASSIVE_LEVEL, irqlValue } from '../model/kernel/irql.js';
import type { ContextInfo, ContextKind, SystemSlots } from '../model/kernel/core.js';
import { RETURN, type AnyModel, type Procedure, type Scenario, type StepDef, type StepSpec } from '../model/define.js';
import { InputError } from '../errors.js';

export const IDLE_PC = 0;
export const DONE_PC = 1;

/** A step alternative after normalisation. */
export interface NormStep { readonly name: string; readonly guard?: StepDef<unknown>['guard']; readonly do?: StepDef<unknown>['do']; readonly next?: string }

export type ActionKind = 'step' | 'call' | 'irq' | 'dpc' | 'timer';
export interface Action {
  readonly id: number;
  readonly ctx: number;
  readonly kind: ActionKind;
  /** Display name: `DxgkDdiPresent/lock`, `call DxgkDdiPresent`, `interrupt`. */
  readonly name: string;
  readonly proc?: string;
  readonly label?: string;
  readonly step?: NormStep;
  readonly ddi?: number;
  readonly timer?: string;
}

/** A procedure a context can run, with its labels numbered as pcs. */
export interface ProcInfo { readonly key: string; readonly kind: 'ddi' | 'thread' | 'isr' | 'dpc'; readonly name: string; readonly entryPc: number; readonly irql: number; readonly pcs: ReadonlyMap<string, number> }

export interface Context {
  readonly info: ContextInfo;
  readonly procs: readonly ProcInfo[];
  /** Per pc: the procedure and label there (index 0 and 1 unused). */
  readonly pcProc: readonly (ProcInfo | undefined)[];
  readonly pcLabel: readonly string[];
  /** Per pc: enabled-candidate action ids. */
  readonly actionsAt: readonly (readonly number[])[];
  readonly initialPc: number;
  /** Slots of this context's locals (reset at each procedure start). */
  readonly localSlots: readonly number[];
  /** DDI index -> slot of the remaining-call counter, for OS threads calling DDIs. */
  readonly leftSlot: ReadonlyMap<number, number>;
  /** Slot of the total-call counter, or -1. */
  readonly madeSlot: number;
}

export interface System {
  readonly model: AnyModel;
  readonly scenarioName: string;
  readonly scenario: Scenario;
  readonly contexts: readonly Context[];
  readonly actions: readonly Action[];
  readonly schema: RecordType;
  readonly layout: Layout;
  readonly slots: SystemSlots;
  readonly ddiNames: readonly string[];
  readonly callsPerThread: number;
  readonly irqSlot: number;
  readonly irqBound: number;
  readonly timerDpc: ReadonlyMap<string, string>;
  /** Human bounds: "2 processes x 1 thread, 2 calls per thread, 2 interrupts". */
  readonly bounds: string;
  readonly races: boolean;
}

function normalise(spec: StepSpec<unknown>, where: string): NormStep[] {
  const label = where.split('/').pop()!;
  if (typeof spec === 'function') return [{ name: label, do: spec }];
  const list = Array.isArray(spec) ? spec : [spec as StepDef<unknown>];
  if (list.length === 0) throw new InputError(`step ${where}`, 'has an empty list of alternatives', 'give at least one { do, next } alternative');
  return list.map((d, i) => {
    if (typeof d !== 'object' || d === null) throw new InputError(`step ${where}`, 'is neither a function nor a { guard, do, next } object');
    if (d.do !== undefined && typeof d.do !== 'function') throw new InputError(`step ${where}`, '"do" must be a function');
    if (d.guard !== undefined && typeof d.guard !== 'function') throw new InputError(`step ${where}`, '"guard" must be a function');
    if (d.do === undefined && d.next === undefined) throw new InputError(`step ${where}`, 'has neither "do" nor "next"', 'a step must say where control goes next');
    return { name: d.name ?? (list.length > 1 ? `${label}#${i + 1}` : label), guard: d.guard, do: d.do, next: d.next };
  });
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

function callBudget(sc: Scenario): { ddis: string[]; perDdi: Map<string, number> | null; total: number } {
  if (sc.calls === undefined) return { ddis: [], perDdi: null, total: 0 };
  if (Array.isArray(sc.calls)) return { ddis: [...sc.calls], perDdi: null, total: sc.callsPerThread ?? 1 };
  const rec = sc.calls as Record<string, number>;
  return { ddis: Object.keys(rec), perDdi: new Map(Object.entries(rec)), total: sc.callsPerThread ?? Object.values(rec).reduce((a, b) => a + b, 0) };
}

function count(v: unknown, what: string, min = 0): number {
  if (v === undefined) return min;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 64) throw new InputError(what, `must be an integer from ${min} to 64, got ${JSON.stringify(v)}`);
  return v;
}

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
  const interrupts = count(sc.interrupts, `${where}: interrupts`);
  const ddiDefs = model.ddis ?? {};
  const threadDefs = model.threads ?? {};
  const budget = callBudget(sc);
  for (const d of budget.ddis) if (!(d in ddiDefs)) throw new InputError(`${where}: calls`, `names DDI "${d}", which the model does not declare`, `declared DDIs: ${Object.keys(ddiDefs).join(', ') || 'none'}`);
  if (sc.clients !== undefined && !(sc.clients in threadDefs)) throw new InputError(`${where}: clients`, `names thread procedure "${sc.clients}", which the model does not declare`, `declared threads: ${Object.keys(threadDefs).join(', ') || 'none'}`);
  for (const w of Object.keys(sc.workers ?? {})) if (!(w in threadDefs)) throw new InputError(`${where}: workers`, `names thread procedure "${w}", which the model does not declare`, `declared threads: ${Object.keys(threadDefs).join(', ') || 'none'}`);
  if (interrupts > 0 && !model.isr) throw new InputError(`${where}: interrupts`, 'is set but the model has no isr', 'declare isr: { steps: { ... } } or drop interrupts');
  for (const [tn, td] of Object.entries(model.timers ?? {})) if (!(td.dpc in (model.dpcs ?? {}))) throw new InputError(`model ${m}: timer ${tn}`, `names DPC "${td.dpc}", which the model does not declare`);

  const ddiNames = Object.keys(ddiDefs);
  const hasCalls = budget.ddis.length > 0;
  const osThreads = hasCalls || sc.clients !== undefined;

  // Contexts and their procedures.
  interface Proto { info: ContextInfo; procs: [string, 'ddi' | 'thread' | 'isr' | 'dpc', string, Procedure<unknown>][]; start?: string }
  const protos: Proto[] = [];
  const add = (name: string, kind: ContextKind, process: number, thread: number, session: number, index: number, procs: Proto['procs'], start?: string): void => {
    protos.push({ info: { id: protos.length, name, kind, process, thread, session, index }, procs, start });
  };
  if (osThreads) {
    for (let p = 0; p < processes; p++) for (let th = 0; th < tpp; th++) {
      const procs: Proto['procs'] = sc.clients !== undefined
        ? [[`thread:${sc.clients}`, 'thread', sc.clients, threadDefs[sc.clients] as Procedure<unknown>]]
        : budget.ddis.map((d) => [`ddi:${d}`, 'ddi', d, ddiDefs[d] as Procedure<unknown>]);
      add(`P${p}T${th}`, 'thread', p, th, p % sessions, p * tpp + th, procs, sc.clients !== undefined ? `thread:${sc.clients}` : undefined);
    }
  }
  for (const [w, n] of Object.entries(sc.workers ?? {})) {
    const k = count(n, `${where}: workers.${w}`);
    for (let i = 0; i < k; i++) add(`${w}${i}`, 'worker', -1, i, 0, i, [[`thread:${w}`, 'thread', w, threadDefs[w] as Procedure<unknown>]], `thread:${w}`);
  }
  if (model.isr && interrupts > 0) add('ISR', 'isr', -1, 0, 0, 0, [['isr', 'isr', 'ISR', model.isr as Procedure<unknown>]]);
  for (const [d, def] of Object.entries(model.dpcs ?? {})) add(`DPC_${d}`, 'dpc', -1, 0, 0, 0, [[`dpc:${d}`, 'dpc', d, def as Procedure<unknown>]]);
  if (protos.length === 0) throw new InputError(where, 'has no contexts: no OS threads, workers, interrupts or DPCs', 'give the scenario calls, clients or workers');
  if (protos.length >= MAX_OWNER) throw new InputError(where, `has ${protos.length} contexts; at most ${MAX_OWNER - 1} are supported`);

  // Procedure tables (pc numbering) per context.
  const defaultIrql = { ddi: PASSIVE_LEVEL, thread: PASSIVE_LEVEL, isr: DIRQL, dpc: DISPATCH_LEVEL } as const;
  const procTables = protos.map((p) => {
    let pc = 2;
    const procs: ProcInfo[] = [];
    const pcProc: (ProcInfo | undefined)[] = [undefined, undefined];
    const pcLabel: string[] = ['(idle)', '(done)'];
    const steps: NormStep[][] = [[], []];
    for (const [key, kind, name, def] of p.procs) {
      const pw = `model ${m}: ${kind === 'ddi' ? 'ddi' : kind === 'thread' ? 'thread' : kind} ${name}`;
      if (!def || typeof def !== 'object' || typeof def.steps !== 'object' || def.steps === null) throw new InputError(pw, 'has no steps', 'write { steps: { first: (s, k) => "next", ... } }');
      const labels = Object.keys(def.steps);
      if (labels.length === 0) throw new InputError(pw, 'has no steps');
      if (labels.includes(RETURN)) throw new InputError(pw, `uses the reserved label "${RETURN}"`, 'rename it: return ends the procedure');
      const pcs = new Map<string, number>();
      labels.forEach((l, i) => pcs.set(l, pc + i));
      let irql: number = defaultIrql[kind];
      if (def.irql !== undefined) {
        try { irql = irqlValue(def.irql); } catch { throw new InputError(pw, `has unknown irql "${def.irql}"`); }
        if (irql === undefined) throw new InputError(pw, `has unknown irql "${def.irql}"`, 'use PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL or HIGH_LEVEL');
      }
      const info: ProcInfo = { key, kind, name, entryPc: pc, irql, pcs };
      procs.push(info);
      for (const l of labels) {
        const norm = normalise(def.steps[l] as StepSpec<unknown>, `${name}/${l}`);
        for (const st of norm) if (st.next !== undefined && st.next !== RETURN && !pcs.has(st.next)) {
          throw new InputError(`${pw}, step ${l}`, `goes to unknown label "${st.next}"`, `labels of ${name}: ${labels.join(', ')}, or "${RETURN}"`);
        }
        pcProc.push(info); pcLabel.push(l); steps.push(norm);
      }
      pc += labels.length;
    }
    return { procs, pcProc, pcLabel, steps, maxPc: pc - 1 };
  });

  // The system schema.
  const ctxFields: Fields = {};
  protos.forEach((p, i) => {
    const f: Fields = { pc: t.int(0, procTables[i].maxPc, p.start ? procTables[i].procs[0].entryPc : IDLE_PC), irql: t.int(0, MAX_IRQL) };
    if (p.info.kind === 'thread' && hasCalls && sc.clients === undefined) {
      f.call = t.int(0, ddiNames.length);
      if (budget.perDdi) {
        const left: Fields = {};
        for (const [d, n] of budget.perDdi) left[d] = t.int(0, n, n);
        f.left = t.record(left);
      } else f.made = t.int(0, budget.total);
    }
    if (p.info.kind === 'dpc') f.queued = t.bool();
    ctxFields[p.info.name] = { kind: 'record', access: 'sync', fields: { ...f, local: t.record(model.local ?? {}) } } as Type;
    // Locals are data even though the control record is sync.
    (ctxFields[p.info.name] as RecordType).fields.local = { ...t.record(model.local ?? {}), access: 'data' };
  });
  // Entry irql of a started worker.
  protos.forEach((p, i) => {
    if (p.start) {
      const rec = ctxFields[p.info.name] as RecordType;
      (rec.fields as Fields).irql = t.int(0, MAX_IRQL, procTables[i].procs[0].irql);
    }
  });
  const timerFields: Fields = {};
  for (const tn of Object.keys(model.timers ?? {})) timerFields[tn] = t.record({ armed: t.bool(), periodic: t.bool() });
  const schema = t.record({
    g: t.record(model.global ?? {}),
    sessions: t.array(sessions, t.record(model.session ?? {})),
    ctx: { kind: 'record', fields: ctxFields } as RecordType,
    env: { kind: 'record', access: 'sync', fields: { irqs: t.int(0, interrupts), timers: t.record(timerFields) } } as RecordType,
  });
  const lay = layout(schema);
  const slotOf = (path: string): number => {
    const s = lay.bySlotPath.get(path);
    if (s === undefined) throw new Error(`internal: no slot ${path}`);
    return s;
  };

  // Actions.
  const actions: Action[] = [];
  const contexts: Context[] = protos.map((p, i) => {
    const tab = procTables[i];
    const cn = p.info.name;
    const actionsAt: number[][] = [[], []];
    for (let pc = 2; pc <= tab.maxPc; pc++) {
      const proc = tab.pcProc[pc]!;
      const ids: number[] = [];
      for (const st of tab.steps[pc]) {
        ids.push(actions.length);
        actions.push({ id: actions.length, ctx: i, kind: 'step', name: `${proc.name}/${st.name}`, proc: proc.key, label: tab.pcLabel[pc], step: st });
      }
      actionsAt.push(ids);
    }
    if (p.info.kind === 'thread' && hasCalls && sc.clients === undefined) {
      for (const d of budget.ddis) {
        actionsAt[IDLE_PC].push(actions.length);
        actions.push({ id: actions.length, ctx: i, kind: 'call', name: `call ${d}`, ddi: ddiNames.indexOf(d), proc: `ddi:${d}` });
      }
    } else if (p.info.kind === 'isr') {
      actionsAt[IDLE_PC].push(actions.length);
      actions.push({ id: actions.length, ctx: i, kind: 'irq', name: 'interrupt', proc: 'isr' });
    } else if (p.info.kind === 'dpc') {
      actionsAt[IDLE_PC].push(actions.length);
      actions.push({ id: actions.length, ctx: i, kind: 'dpc', name: `run DPC ${tab.procs[0].name}`, proc: tab.procs[0].key });
    }
    const localSlots = lay.slots.filter((s) => s.path.startsWith(`ctx.${cn}.local.`)).map((s) => s.index);
    const leftSlot = new Map<number, number>();
    if (budget.perDdi && p.info.kind === 'thread' && sc.clients === undefined) for (const d of budget.ddis) leftSlot.set(ddiNames.indexOf(d), slotOf(`ctx.${cn}.left.${d}`));
    const madeSlot = lay.bySlotPath.get(`ctx.${cn}.made`) ?? -1;
    return { info: p.info, procs: tab.procs, pcProc: tab.pcProc, pcLabel: tab.pcLabel, actionsAt, initialPc: p.start ? tab.procs[0].entryPc : IDLE_PC, localSlots, leftSlot, madeSlot };
  });
  const timerDpc = new Map<string, string>();
  for (const [tn, td] of Object.entries(model.timers ?? {})) {
    timerDpc.set(tn, td.dpc);
    actions.push({ id: actions.length, ctx: -1, kind: 'timer', name: `timer ${tn} expires`, timer: tn });
  }

  const dpcQueued = new Map<string, number>();
  const dpcContext = new Map<string, number>();
  contexts.forEach((c) => { if (c.info.kind === 'dpc') { const d = c.procs[0].name; dpcQueued.set(d, slotOf(`ctx.${c.info.name}.queued`)); dpcContext.set(d, c.info.id); } });
  const slots: SystemSlots = {
    pc: contexts.map((c) => slotOf(`ctx.${c.info.name}.pc`)),
    irql: contexts.map((c) => slotOf(`ctx.${c.info.name}.irql`)),
    call: contexts.map((c) => lay.bySlotPath.get(`ctx.${c.info.name}.call`) ?? -1),
    ddiNames,
    dpcQueued, dpcContext,
    timerArmed: new Map([...timerDpc.keys()].map((tn) => [tn, slotOf(`env.timers.${tn}.armed`)])),
    timerPeriodic: new Map([...timerDpc.keys()].map((tn) => [tn, slotOf(`env.timers.${tn}.periodic`)])),
    isrContext: contexts.findIndex((c) => c.info.kind === 'isr'),
    idlePc: IDLE_PC,
  };

  const parts: string[] = [];
  if (osThreads) parts.push(`${processes} process${processes === 1 ? '' : 'es'} x ${plural(tpp, 'thread')}`);
  if (sessions > 1) parts.push(plural(sessions, 'session'));
  if (hasCalls && sc.clients === undefined) parts.push(budget.perDdi ? `calls ${[...budget.perDdi].map(([d, n]) => `${d} x${n}`).join(', ')}` : `${plural(budget.total, 'call')} per thread`);
  for (const [w, n] of Object.entries(sc.workers ?? {})) if (n > 0) parts.push(`${n} ${w} worker${n === 1 ? "" : "s"}`);
  if (interrupts > 0) parts.push(plural(interrupts, 'interrupt'));
  return {
    model, scenarioName: scName, scenario: sc, contexts, actions, schema, layout: lay, slots, ddiNames,
    callsPerThread: budget.total, irqSlot: slotOf('env.irqs'), irqBound: interrupts, timerDpc,
    bounds: parts.join(', ') || 'no bounds', races: model.races !== false,
  };
}
