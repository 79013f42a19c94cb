/**
 * Procedure tables: each procedure a context may run, its labels numbered as
 * program counters (0 is idle, 1 is done), and its steps normalised into
 * alternatives with names. Static label errors are caught here, at compile time.
 */
import { RETURN, type Procedure, type StepDef, type StepSpec } from '../model/define.js';
import { irqlValue, type IrqlName } from '../model/kernel/irql.js';
import { InputError } from '../errors.js';
import { mayWaitWithTimeout, WAIT_COMPLETES, WAIT_TIMES_OUT, type TimedOutcome } from '../model/kernel/timeout.js';

export const IDLE_PC = 0;
export const DONE_PC = 1;

/** A step alternative after normalisation. */
export interface NormStep {
  readonly name: string; readonly guard?: StepDef<unknown>['guard']; readonly do?: StepDef<unknown>['do']; readonly next?: string; readonly end?: boolean;
  /** A step with a timed wait runs as two actions: the wait completes (WAIT_COMPLETES) or times out (WAIT_TIMES_OUT). */
  readonly timed?: TimedOutcome;
}

export type ProcKind = 'ddi' | 'thread' | 'isr' | 'dpc';
/** A procedure a context can run, with its labels numbered as pcs. */
export interface ProcInfo { readonly key: string; readonly kind: ProcKind; readonly name: string; readonly entryPc: number; readonly irql: number; readonly pcs: ReadonlyMap<string, number> }

/** What a context's procedures compile to. */
export interface ProcTable {
  readonly procs: ProcInfo[];
  readonly pcProc: (ProcInfo | undefined)[];
  readonly pcLabel: string[];
  readonly steps: NormStep[][];
  readonly maxPc: number;
}

/** A procedure to compile: key, kind, display name, definition, default IRQL, and where errors point. */
export interface ProcSource { readonly key: string; readonly kind: ProcKind; readonly name: string; readonly def: Procedure<unknown>; readonly irql: number; readonly where: string }

/** The procedure the OS uses for a TDR call the model does not handle: it returns at once. */
export const NO_OP: Procedure<unknown> = { steps: { returns: { next: RETURN } } };

function normalise(spec: StepSpec<unknown>, where: string, label: string): NormStep[] {
  const list = typeof spec === 'function' ? [{ do: spec }] : Array.isArray(spec) ? spec : [spec as StepDef<unknown>];
  if (list.length === 0) throw new InputError(where, 'has an empty list of alternatives', 'give at least one { do, next } alternative');
  return list.map((d, i) => {
    if (typeof d !== 'object' || d === null) throw new InputError(where, 'is neither a function nor a { guard, do, next } object');
    if (d.do !== undefined && typeof d.do !== 'function') throw new InputError(where, '"do" must be a function');
    if (d.guard !== undefined && typeof d.guard !== 'function') throw new InputError(where, '"guard" must be a function');
    if (d.do === undefined && d.next === undefined) throw new InputError(where, 'has neither "do" nor "next"', 'a step must say where control goes next');
    if (d.end !== undefined && typeof d.end !== 'boolean') throw new InputError(where, '"end" must be true or false');
    if (d.timeout !== undefined && typeof d.timeout !== 'boolean') throw new InputError(where, '"timeout" must be true or false');
    return { name: d.name ?? (list.length > 1 ? `${label}#${i + 1}` : label), guard: d.guard, do: d.do, next: d.next, end: d.end };
  }).flatMap((st, i) => {
    // A timed wait's STATUS_TIMEOUT is a second outcome of the same step: a twin action.
    if (!mayWaitWithTimeout(list[i] as StepDef<unknown>)) return [st];
    return [{ ...st, timed: WAIT_COMPLETES }, { ...st, name: `${st.name} (timeout)`, timed: WAIT_TIMES_OUT }];
  });
}

/** Numbers the labels of `sources` as one context's pcs. */
export function procTable(sources: readonly ProcSource[]): ProcTable {
  let pc = 2;
  const t: ProcTable = { procs: [], pcProc: [undefined, undefined], pcLabel: ['(idle)', '(done)'], steps: [[], []], maxPc: 1 };
  for (const src of sources) {
    const { def, where } = src;
    if (!def || typeof def !== 'object' || typeof def.steps !== 'object' || def.steps === null) throw new InputError(where, 'has no steps', 'write { steps: { first: (s, k) => "next", ... } }');
    const labels = Object.keys(def.steps);
    if (labels.length === 0) throw new InputError(where, 'has no steps');
    if (labels.includes(RETURN)) throw new InputError(where, `uses the reserved label "${RETURN}"`, 'rename it: return ends the procedure');
    const pcs = new Map<string, number>();
    labels.forEach((l, i) => pcs.set(l, pc + i));
    let irql = src.irql;
    // A DDI's entry IRQL is its page's, call by call (system.ts reads def.irql to narrow it).
    if (def.irql !== undefined && src.kind !== 'ddi') {
      if (typeof def.irql !== 'string') throw new InputError(where, 'gives its irql as an object; only a DDI handler may narrow its entry IRQL with { level, because, source }', 'write irql: \'DISPATCH_LEVEL\' (or another level name)');
      const v = irqlValue(def.irql as IrqlName);
      if (v === undefined) throw new InputError(where, `has unknown irql "${def.irql}"`, 'use PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL or HIGH_LEVEL');
      irql = v;
    }
    const info: ProcInfo = { key: src.key, kind: src.kind, name: src.name, entryPc: pc, irql, pcs };
    t.procs.push(info);
    for (const l of labels) {
      const norm = normalise(def.steps[l] as StepSpec<unknown>, `${where}, step ${l}`, l);
      for (const st of norm) if (st.next !== undefined && st.next !== RETURN && !pcs.has(st.next)) {
        throw new InputError(`${where}, step ${l}`, `goes to unknown label "${st.next}"`, `labels of ${src.name}: ${labels.join(', ')}, or "${RETURN}"`);
      }
      t.pcProc.push(info); t.pcLabel.push(l); t.steps.push(norm);
    }
    pc += labels.length;
  }
  return { ...t, maxPc: pc - 1 };
}
