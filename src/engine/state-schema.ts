/**
 * The schema of a whole system state and its slot layout: the model's global
 * and per-session spaces, each context's record (pc, IRQL, the call it serves,
 * its call budget, its locals), the environment (interrupts taken, timers), the
 * OS's TDR phase and PDEV states, and the adapter. Also where the lock objects
 * are, for lock discipline and race detection.
 */
import { expandPerProcess, t, type Fields, type RecordType, type Type } from '../model/schema.js';
import { layout, type Layout } from '../model/layout.js';
import { SPIN_LOCK } from '../model/kernel/spinlock.js';
import { FAST_MUTEX, KMUTEX } from '../model/kernel/mutex.js';
import { MAX_IRQL, PASSIVE_LEVEL } from '../model/kernel/irql.js';
import type { AnyModel } from '../model/define.js';
import { TDR_PHASES } from '../os/tdr.js';
import { PDEV_STATES } from '../os/pdev.js';
import { LIFECYCLE_PHASES, initialPhase } from '../os/lifecycle.js';
import { IDLE_PC } from './procs.js';
import type { CallPlan } from './call-plan.js';
import type { ContextProto } from './contexts.js';
import type { ScenarioPlan } from './scenario.js';

export interface LockInfo { readonly slot: number; readonly object: string; readonly path: string }

export interface StateSchema {
  readonly schema: RecordType;
  readonly layout: Layout;
  /** Lock objects (spin locks, mutexes) by owner slot. */
  readonly locks: readonly LockInfo[];
}

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

/** The state schema of `protos` under the plans; `callIrqls` says which calls may start at several IRQLs. */
export function buildStateSchema(model: AnyModel, plan: ScenarioPlan, cp: CallPlan, protos: readonly ContextProto[], callIrqls: readonly (readonly number[])[]): StateSchema {
  const { perCall, specs, callsPerThread, mode, tdr, adapter } = cp;
  const irq = plan.interrupts;
  // Per-process arrays get one element per scenario process.
  const own = (f: Fields | undefined): RecordType => expandPerProcess(t.record(f ?? {}), plan.processes);
  const localType = own(model.local);
  const ctxFields: Fields = {};
  for (const p of protos) {
    const f: Fields = {
      pc: t.int(0, p.table.maxPc, p.start ? p.table.procs[0].entryPc : IDLE_PC),
      irql: t.int(0, MAX_IRQL, p.start ? p.table.procs[0].irql : PASSIVE_LEVEL),
    };
    if (p.calls.length > 0) {
      f.call = t.int(0, cp.calls.length);
      if (p.calls.some((k) => callIrqls[k].length > 1)) f.entry = t.int(0, MAX_IRQL);
      if (p.info.process >= 0) {
        if (perCall) {
          const left: Fields = {};
          specs.forEach((s, i) => { left[s as string] = t.int(0, perCall[i], perCall[i]); });
          f.left = t.record(left);
        } else f.made = t.int(0, callsPerThread);
      }
      if (mode === 'conformance' && p.info.process >= 0) f.inDriver = t.bool();
    }
    if (p.info.kind === 'dpc') f.queued = t.bool();
    if (p.info.kind === 'isr' && irq.messages > 1) f.message = t.int(0, irq.messages - 1);
    Object.assign(f, p.fields);
    ctxFields[p.info.name] = { kind: 'record', access: 'sync', fields: { ...f, local: { ...localType, access: 'data' } } } as RecordType;
  }
  const timerFields: Fields = {};
  for (const tn of Object.keys(model.timers ?? {})) timerFields[tn] = t.record({ armed: t.bool(), periodic: t.bool() });
  const osFields: Fields = {};
  // tdrStep: in the drain, the preamble calls made so far; in the cleanup period, the mask of cleanup calls made.
  if (tdr) {
    osFields.tdr = t.enum(TDR_PHASES);
    osFields.tdrStep = t.int(0, Math.max(tdr.preamble.length, (1 << tdr.cleanup.length) - 1));
  }
  if (cp.lifecycle) {
    osFields.life = t.enum(LIFECYCLE_PHASES, initialPhase(cp.lifecycle));
    // removed: 0 present, 1 gone (DxgkDdiNotifySurpriseRemoval entered), 2 notified (it returned).
    osFields.removed = t.int(0, 2);
  }
  // bugcheckStep: the BUGCHECK context's calls started (the enable, then the writes).
  if (cp.bugcheck) { osFields.halted = t.bool(); osFields.bugcheckStep = t.int(0, cp.bugcheck.writes + 1); }
  if (plan.pdevs > 0) {
    const per: Fields = {};
    for (let i = 0; i < plan.pdevs; i++) per[String(i)] = t.enum(PDEV_STATES, plan.pdevStart[i] ?? 'none');
    osFields.pdev = t.record(per);
  }
  const env: Fields = { irqs: t.int(0, irq.count), ...(irq.spurious > 0 ? { spurious: t.int(0, irq.spurious) } : {}), timers: t.record(timerFields) };
  const root: Fields = {
    g: own(model.global),
    sessions: t.array(plan.sessions, own(model.session)),
    ctx: { kind: 'record', fields: ctxFields } as RecordType,
    env: { kind: 'record', access: 'sync', fields: env } as RecordType,
    os: { kind: 'record', access: 'sync', fields: osFields } as RecordType,
  };
  if (adapter) root.hw = adapter.schema;
  const schema = t.record(root);
  const lay = layout(schema);
  return { schema, layout: lay, locks: findLocks(schema, lay) };
}
