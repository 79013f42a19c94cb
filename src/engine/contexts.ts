/**
 * The contexts of a system and the procedures each may run: the OS threads of
 * the scenario's processes (their DDI handlers, or a client or dispatcher
 * procedure), the OS's TDR thread, the driver's workers, the ISR, one context
 * per DPC and adapter, and one per queue that declares a device procedure.
 * Each gets its procedure table (labels numbered as pcs).
 */
import type { AnyModel, Procedure } from '../model/define.js';
import type { ContextInfo, ContextKind } from '../model/kernel/core.js';
import { MAX_OWNER } from '../model/kernel/spinlock.js';
import { DIRQL, DISPATCH_LEVEL, PASSIVE_LEVEL } from '../model/kernel/irql.js';
import { InputError } from '../errors.js';
import { NO_OP, procTable, type ProcSource, type ProcTable } from './procs.js';
import type { CallPlan } from './call-plan.js';
import type { ScenarioPlan } from './scenario.js';
import { t, type Fields } from '../model/schema.js';
import { dpcInstance, planAdapters } from './adapters.js';
import { BUGCHECK_CONTEXT } from '../os/bugcheck.js';

/** A context before its slots and actions exist. */
export interface ContextProto {
  readonly info: ContextInfo;
  readonly table: ProcTable;
  /** Runs its first procedure from the initial state (workers, free clients). */
  readonly start: boolean;
  /** Call kinds it may start. */
  readonly calls: readonly number[];
  /** Call kind -> key of the procedure that runs it. */
  readonly procOfCall: ReadonlyMap<number, string>;
  /** Fields of its own in its state record beyond the common ones (the ISR's adapter). */
  readonly fields?: Fields;
}

/** What a context has beyond the common arguments of `add`. */
interface Extra { readonly adapter?: number; readonly queue?: string; readonly fields?: Fields }

/** Builds the contexts of `model` under the scenario and call plan; throws InputError for clashes. */
export function buildContexts(model: AnyModel, plan: ScenarioPlan, calls: CallPlan): ContextProto[] {
  const m = model.name ?? '(unnamed model)';
  const { sc, where } = plan;
  const ddiDefs = model.ddis ?? {};
  const threadDefs = model.threads ?? {};
  const protos: ContextProto[] = [];
  const add = (name: string, kind: ContextKind, process: number, thread: number, session: number, index: number, sources: ProcSource[], start: boolean, callKinds: number[] = [], procOfCall = new Map<number, string>(), extra: Extra = {}): void => {
    // Contexts are keyed by name in the state: two with one name would share it.
    if (protos.some((p) => p.info.name === name)) throw new InputError(where, `has two contexts named ${name}`, 'rename a thread procedure or DPC: a worker is named procedure + index (a10 is worker 10 of a, and worker 0 of a1), and P<p>T<t>, TDR, ISR, DPC_<name> and DEVICE_<queue> are taken');
    const info: ContextInfo = { id: protos.length, name, kind, process, thread, session, index, ...(extra.adapter !== undefined ? { adapter: extra.adapter } : {}), ...(extra.queue !== undefined ? { queue: extra.queue } : {}) };
    protos.push({ info, table: procTable(sources), start, calls: callKinds, procOfCall, ...(extra.fields ? { fields: extra.fields } : {}) });
  };
  const src = (key: string, kind: ProcSource['kind'], name: string, def: Procedure<unknown> | undefined, irql: number): ProcSource =>
    ({ key, kind, name, def: def as Procedure<unknown>, irql, where: `model ${m}: ${kind} ${name}` });
  if (calls.allSpecs.length > 0 || sc.clients !== undefined) {
    for (let p = 0; p < plan.processes; p++) for (let th = 0; th < plan.threadsPerProcess; th++) {
      const threadCalls = calls.kindsOf(p);
      const procOfCall = new Map<number, string>();
      let sources: ProcSource[];
      if (sc.clients !== undefined) sources = [src(`thread:${sc.clients}`, 'thread', sc.clients, threadDefs[sc.clients] as Procedure<unknown>, PASSIVE_LEVEL)];
      else if (sc.dispatcher !== undefined) {
        sources = [src(`thread:${sc.dispatcher}`, 'thread', sc.dispatcher, threadDefs[sc.dispatcher] as Procedure<unknown>, PASSIVE_LEVEL)];
        for (const k of threadCalls) procOfCall.set(k, `thread:${sc.dispatcher}`);
      } else {
        const ddis = [...new Set(threadCalls.map((k) => calls.calls[k].ddi))];
        sources = ddis.map((d) => src(`ddi:${d}`, 'ddi', d, ddiDefs[d] as Procedure<unknown>, PASSIVE_LEVEL));
        for (const k of threadCalls) procOfCall.set(k, `ddi:${calls.calls[k].ddi}`);
      }
      add(`P${p}T${th}`, 'thread', p, th, p % plan.sessions, p * plan.threadsPerProcess + th, sources, sc.clients !== undefined, sc.clients !== undefined ? [] : threadCalls, procOfCall);
    }
  }
  // The OS's own threads: TDR, the PnP thread (lifecycle) and the bugcheck display path.
  for (const [name, osKinds] of [['TDR', calls.tdrKinds], ['PnP', calls.pnpKinds], [BUGCHECK_CONTEXT, calls.bugcheckKinds]] as const) {
    if (osKinds.length === 0) continue;
    const procOfCall = new Map<number, string>();
    const ddis = [...new Set(osKinds.map((k) => calls.calls[k].ddi))];
    for (const k of osKinds) procOfCall.set(k, `ddi:${calls.calls[k].ddi}`);
    // A call of the OS's own that the model does not handle returns at once.
    add(name, 'thread', -1, 0, 0, 0, ddis.map((d) => src(`ddi:${d}`, 'ddi', d, (ddiDefs[d] as Procedure<unknown>) ?? NO_OP, PASSIVE_LEVEL)), false, [...osKinds], procOfCall);
  }
  for (const [w, n] of plan.workers) {
    for (let i = 0; i < n; i++) add(`${w}${i}`, 'worker', -1, i, 0, i, [src(`thread:${w}`, 'thread', w, threadDefs[w] as Procedure<unknown>, PASSIVE_LEVEL)], true);
  }
  const adapters = planAdapters(sc, where);
  // With several adapters the ISR records whose interrupt it serves, so that k.queueDpc queues that adapter's DPC.
  const isrFields = adapters > 1 ? { adapter: t.int(0, adapters - 1) } : undefined;
  if (model.isr && plan.interrupts.count > 0) add('ISR', 'isr', -1, 0, 0, 0, [src('isr', 'isr', 'ISR', model.isr as Procedure<unknown>, DIRQL)], false, [], new Map(), { fields: isrFields });
  for (const [d, def] of Object.entries(model.dpcs ?? {})) {
    for (let a = 0; a < adapters; a++) {
      add(`DPC_${dpcInstance(d, a)}`, 'dpc', -1, 0, 0, a, [src(`dpc:${d}`, 'dpc', d, def as Procedure<unknown>, DISPATCH_LEVEL)], false, [], new Map(), adapters > 1 ? { adapter: a } : {});
    }
  }
  // A queue's device procedure: the host or GPU side, a context of its own that is never symmetric with another.
  for (const [q, qc] of Object.entries(model.adapter?.queues ?? {})) {
    if (qc.device === undefined) continue;
    const def = qc.device as Procedure<unknown>;
    add(`DEVICE_${q}`, 'device', -1, 0, 0, 0, [{ key: `device:${q}`, kind: 'thread', name: `device ${q}`, def, irql: PASSIVE_LEVEL, where: `model ${m}: adapter queue ${q}: device` }], false, [], new Map(), { queue: q });
  }
  if (protos.length === 0) throw new InputError(where, 'has no contexts: no OS threads, workers, interrupts or DPCs', 'give the scenario calls, clients or workers');
  if (protos.length >= MAX_OWNER) throw new InputError(where, `has ${protos.length} contexts; at most ${MAX_OWNER - 1} are supported`);
  return protos;
}
