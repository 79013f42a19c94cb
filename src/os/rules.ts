/**
 * The contract's rules over calls that are in the driver at the same time. One
 * set of functions serves twice: the OS environment admits a call only if no
 * rule objects to it (driver mode), and the monitors check every state against
 * the same rules (any mode). So the environment and the monitors cannot disagree.
 *
 * Two drivers are in play: the display miniport driver (the DxgkDdi* functions,
 * governed by the levels, classes and the TDR rules) and the GDI display driver
 * (the Drv/Dd/D3d functions, governed by the PDEV rules). A call into one is not
 * "in the driver" for the rules of the other.
 *
 * Every check takes the set of rules the model turned off: an ignored rule never
 * objects, and never hides another rule that the same pair of calls breaks.
 */
import type { CallKind } from './calls.js';
import { anyTime, independent } from '../contract/irql.js';
import type { TdrPhase } from './tdr.js';
import { enablesPdev, lifecycleCall, type PdevState } from './pdev.js';
import { BEFORE_START_DDIS, type LifecyclePhase, type LifecycleRole } from './lifecycle.js';

export type { PdevState } from './pdev.js';

import { Rule } from '../property-ids.js';

export { Rule } from '../property-ids.js';

export interface Objection { readonly rule: string; readonly message: string }

const NONE: ReadonlySet<string> = new Set();

export const isReset = (k: CallKind): boolean => k.entry.tdr?.role === 'reset';
const isDisplayDriver = (k: CallKind): boolean => k.entry.family === 'display-driver';
const isInterrupt = (k: CallKind): boolean => k.entry.family === 'interrupt';

/** True when the catalog says `a` may run while `b` is in the driver (either direction). */
function exempt(a: CallKind, b: CallKind): boolean {
  const allows = (x: CallKind, y: CallKind): boolean =>
    (x.entry.exemptions ?? []).some((e) => (e.kind === 'may-overlap' || e.kind === 'admits-during') && e.ddis.includes(y.ddi));
  return allows(a, b) || allows(b, a);
}

/** How the scenario reads facts the docs leave open (see `Scenario.pointerIndependent`). */
export interface Readings {
  /** The pointer DDIs may run beside level-2 and level-3 calls ("called independently of all of the other" functions). */
  readonly pointerIndependent: boolean;
}
const DEFAULT_READINGS: Readings = { pointerIndependent: true };

/**
 * Whether calls of kinds `a` and `b` may be in the miniport driver at once on two
 * different threads, judged by their kinds alone (levels, classes, children,
 * exemptions). Returns the first objection whose rule is not in `ignore`.
 */
export function kindConflict(a: CallKind, b: CallKind, ignore: ReadonlySet<string> = NONE, readings: Readings = DEFAULT_READINGS): Objection | null {
  if (isDisplayDriver(a) || isDisplayDriver(b) || isInterrupt(a) || isInterrupt(b)) return null;
  if (exempt(a, b)) return null;
  // "Can be called at any time": beside anything, a reset and level-3 calls included.
  if (anyTime(a.entry, a.flags) || anyTime(b.entry, b.flags)) return null;
  const keep = (o: Objection): Objection | null => (ignore.has(o.rule) ? null : o);
  // A reset excludes everything it does not admit; that is the whole of its rule.
  if (isReset(a) || isReset(b)) {
    const [r, o] = isReset(a) ? [a, b] : [b, a];
    return keep({ rule: Rule.exclusiveReset, message: `${o.key} ran during ${r.key}: nothing but the ISR, the DPC and the runtime power DDIs may be in the driver during a reset` });
  }
  const la = a.rule.level ?? -1;
  const lb = b.rule.level ?? -1;
  // "Called independently of all of the other display miniport driver functions": beside level-2/3 calls too.
  if (readings.pointerIndependent && (la >= 2) !== (lb >= 2) && (independent(a.entry) || independent(b.entry))) return null;
  if (la >= 2 || lb >= 2) {
    const [x, y] = la >= lb ? [a, b] : [b, a];
    const lvl = Math.max(la, lb);
    // A level-2 class (Miracast): one call of the class at a time.
    if (x.rule.class !== null && x.rule.class === y.rule.class && lvl === 2 && x.rule.level === y.rule.level) {
      return keep({ rule: Rule.classExclusion, message: `${a.key} and ${b.key} overlapped; both are in the level-2 ${x.rule.class} class` });
    }
    return keep({ rule: Rule.levelExclusive, message: `${y.key} ran during ${x.key}, a level-${lvl} call: only the calling thread may be in the driver` });
  }
  if (la === 1 && lb === 1) {
    const sameClass = a.rule.class === null || b.rule.class === null ? a.ddi === b.ddi : a.rule.class === b.rule.class;
    if (sameClass) {
      const perChild = a.rule.perChild && b.rule.perChild;
      if (!perChild || a.child === b.child) {
        const cls = a.rule.class ?? `its own (${a.ddi})`;
        const o = keep({ rule: Rule.classExclusion, message: `${a.key} and ${b.key} overlapped; both are in the level-1 ${cls} class${perChild ? `, for child ${a.child}` : ''}` });
        if (o) return o;
      }
    }
  }
  if (a.ddi === b.ddi && a.rule.perInstance !== undefined && a.instance === b.instance) {
    return keep({ rule: Rule.instanceExclusion, message: `two ${a.ddi} calls for ${a.rule.perInstance} ${a.instance} overlapped` });
  }
  return null;
}

/** The facts about one call in the driver that the dynamic rules need. */
export interface ActiveCall {
  readonly kind: CallKind;
  readonly ctxName: string;
  /** Process of the calling thread (-1: the System process). */
  readonly process: number;
  /** For display-driver calls: whether the call is in the driver with an enabled PDEV. */
  readonly pdevEnabled: boolean;
}


/** The PDEV rules between two display-driver calls. */
function pdevConflict(a: ActiveCall, b: ActiveCall, ignore: ReadonlySet<string>): Objection | null {
  if (a.pdevEnabled && b.pdevEnabled && !ignore.has(Rule.pdevSingleThread)) {
    return { rule: Rule.pdevSingleThread, message: `${a.ctxName} (${a.kind.key}) and ${b.ctxName} (${b.kind.key}) are both in the display driver with an enabled PDEV` };
  }
  if (a.kind.pdev === b.kind.pdev && (lifecycleCall(a.kind) || lifecycleCall(b.kind)) && !ignore.has(Rule.pdevLifecycle)) {
    const [x, y] = lifecycleCall(a.kind) ? [a, b] : [b, a];
    return { rule: Rule.pdevLifecycle, message: `${y.ctxName} (${y.kind.key}) used PDEV ${a.kind.pdev} while ${x.ctxName} was in ${x.kind.ddi}, which creates or destroys it` };
  }
  return null;
}

/** Whether two calls on different threads may be in the driver at once; the first objection not in `ignore`. */
/**
 * `kinds`: the kinds' own conflict (`kindConflict(a.kind, b.kind, ignore,
 * readings)`) when the caller has it at hand: it depends on the two kinds alone,
 * so the OS environment works it out once per pair of kinds.
 */
export function callConflict(a: ActiveCall, b: ActiveCall, ignore: ReadonlySet<string> = NONE, readings: Readings = DEFAULT_READINGS, kinds?: Objection | null): Objection | null {
  const da = isDisplayDriver(a.kind);
  const db = isDisplayDriver(b.kind);
  if (da !== db) return null;
  if (da) return pdevConflict(a, b, ignore);
  if (a.process === b.process && !isInterrupt(a.kind) && !isInterrupt(b.kind) && !ignore.has(Rule.sameProcess)) {
    return { rule: Rule.sameProcess, message: `${a.ctxName} (${a.kind.key}) and ${b.ctxName} (${b.kind.key}) are threads of ${a.process < 0 ? 'the System process' : `process ${a.process}`}, in the driver at once` };
  }
  return kinds !== undefined ? kinds : kindConflict(a.kind, b.kind, ignore, readings);
}

/** A BuildPagingBuffer that reports content lost in a reset (TRANSFER of size 0): only a TDR's cleanup makes it. */
export const lostInReset = (k: CallKind): boolean => k.entry.tdr?.role === 'cleanup' && k.flags.TransferSizeZero === true;

/** Where a TDR stands, as the start rules need it. */
export interface TdrView {
  readonly phase: TdrPhase;
  /** Cleanup calls made in this cleanup period, and how many there are. */
  readonly cleanupsMade: number;
  readonly cleanups: number;
}

/**
 * The TDR page's rules on starting call `k`: content lost in a reset is reported
 * only in the cleanup period; RestartFromTimeout ends a cleanup period whose
 * calls were all made; from the timeout until the restart the GPU scheduler
 * schedules nothing new ("the OS calls DxgkDdiRestartFromTimeout, and then
 * resumes rendering"), but for the calls of the TDR itself (a preemption request,
 * the cleanup paging calls): the rows with the `rendering` role, and the
 * preamble's calls outside the drain.
 */
export function tdrEntry(k: CallKind, t: TdrView): Objection | null {
  const role = k.entry.tdr?.role;
  const { phase } = t;
  if (lostInReset(k) && phase !== 'cleanup') {
    return { rule: Rule.tdrOrder, message: `${k.key} reports content lost in a reset, made ${phase === 'normal' ? 'outside a TDR' : `during the ${phase} phase`} instead of after DxgkDdiResetFromTimeout returned` };
  }
  if (role === 'restart' && (phase !== 'cleanup' || t.cleanupsMade < t.cleanups)) {
    return { rule: Rule.tdrOrder, message: phase === 'cleanup'
      ? `${k.key} was called after ${t.cleanupsMade} of the ${t.cleanups} TDR cleanup calls (BuildPagingBuffer per allocation, ReleaseSwizzlingRange)`
      : `${k.key} was called ${phase === 'normal' ? 'with no reset before it' : `during the ${phase} phase`}: it ends a TDR's cleanup period` };
  }
  if (phase !== 'normal' && (role === 'rendering' || (role === 'preamble' && phase !== 'draining'))) {
    return { rule: Rule.tdrOrder, message: `${k.key} was called during the ${phase} phase of a TDR: the GPU scheduler ${role === 'rendering' ? 'submits nothing' : 'makes it only before the reset'} until DxgkDdiRestartFromTimeout has returned` };
  }
  return null;
}

/** Where the device stands, as the lifecycle start rule needs it (lifecycle.ts). */
export interface LifeView {
  readonly phase: LifecyclePhase;
  /** DxgkDdiNotifySurpriseRemoval has been called. */
  readonly removed: boolean;
}

/**
 * The lifecycle pages' rules on starting call `k` (`role`: its part in the
 * lifecycle): StartDevice once, first; nothing else before it has returned but
 * what a page allows then (DxgkDdiCollectDiagnosticInfo); the surprise removal
 * once, on a started device; StopDevice on a started device; nothing after
 * StopDevice has begun.
 */
export function lifecycleEntry(k: CallKind, role: LifecycleRole, life: LifeView): Objection | null {
  const { phase } = life;
  const rule = Rule.deviceLifecycle;
  if (role === 'start') return phase === 'unstarted' ? null : { rule, message: `${k.key} was called on a device that was already started` };
  if (role === 'removal') {
    if (life.removed) return { rule, message: `${k.key} was called twice` };
    return phase === 'started' ? null : { rule, message: `${k.key} was called while the device was ${phase}` };
  }
  if (role === 'stop') return phase === 'started' ? null : { rule, message: `${k.key} was called while the device was ${phase}` };
  if ((phase === 'unstarted' || phase === 'starting') && !BEFORE_START_DDIS.includes(k.ddi)) {
    return { rule, message: `${k.key} was called before DxgkDdiStartDevice returned: nothing but ${BEFORE_START_DDIS.join(', ')} may come before the adapter is started` };
  }
  if (phase === 'stopping' || phase === 'stopped') {
    return { rule, message: `${k.key} was called after DxgkDdiStopDevice ${phase === 'stopping' ? 'began' : 'returned'}: the OS makes no call into a stopped device` };
  }
  return null;
}

/**
 * The level-2/3 preconditions on the adapter: idle (no DMA in flight, every
 * completion reported, not hung) and, for level 3, video memory evicted
 * (`osEvicts`: the OS evicts it itself as the call enters, in driver mode).
 */
export function levelPrecondition(k: CallKind, busy: boolean, evicted: boolean, osEvicts: boolean): Objection | null {
  const level = k.rule.level ?? 0;
  if (level < 2 || k.entry.tdr?.role === 'reset') return null;
  if (busy) return { rule: Rule.levelPrecondition, message: `${k.key} (level ${level}) was called while the adapter was not idle (DMA in flight, completions not yet reported, or GPU hung)` };
  if (level === 3 && !osEvicts && !evicted) return { rule: Rule.levelPrecondition, message: `${k.key} (level 3) was called while video memory was not evicted` };
  return null;
}

/** Whether `kind` is in the display driver with an enabled PDEV, given its PDEV's state: DrvAssertMode counts while it enables one. */
export function withEnabledPdev(kind: CallKind, state: PdevState): boolean {
  if (kind.pdev < 0) return false;
  return state === 'enabled' || enablesPdev(kind);
}

/** Whether a display-driver call may start on its PDEV in its current state; the first objection not in `ignore`. */
export function pdevEntry(kind: CallKind, state: PdevState, otherEnabledOnOutput: boolean, ignore: ReadonlySet<string> = NONE): Objection | null {
  if (kind.entry.family !== 'display-driver') return null;
  const p = `PDEV ${kind.pdev}`;
  const found: Objection[] = [];
  const role = kind.entry.pdevRole;
  if (role === 'create') {
    if (state !== 'none') found.push({ rule: Rule.pdevLifecycle, message: `${kind.ddi} was called for ${p}, which already exists` });
  } else if (state === 'none') {
    found.push({ rule: Rule.pdevLifecycle, message: `${kind.key} was called for ${p}, which does not exist (DrvEnablePDEV first)` });
  } else {
    if (enablesPdev(kind) && otherEnabledOnOutput) {
      found.push({ rule: Rule.pdevPerOutput, message: `${kind.key} would enable ${p} while another PDEV on its output is enabled` });
    }
    if (state === 'disabled' && !kind.entry.disabledPdevAllowed) {
      found.push({ rule: Rule.pdevDisabledCall, message: `${kind.key} was called with disabled ${p}; only the functions the PDEV rules list may be` });
    }
    if (role === 'destroy' && state !== 'disabled') {
      found.push({ rule: Rule.pdevLifecycle, message: `${kind.ddi} was called for ${p} while it is ${state} (DrvAssertMode disables it first)` });
    }
  }
  return found.find((o) => !ignore.has(o.rule)) ?? null;
}
