/**
 * The contract's rules over calls that are in the driver at the same time. One
 * set of functions serves twice: the OS environment admits a call only if no
 * rule objects to it (driver mode), and the monitors check every state against
 * the same rules (any mode). So the environment and the monitors cannot disagree.
 */
import type { CallKind } from './calls.js';

/** Names of the contract properties (monitors). */
export const Rule = {
  sameProcess: 'same-process-reentrancy',
  classExclusion: 'class-exclusion',
  instanceExclusion: 'instance-exclusion',
  levelExclusive: 'level-exclusive',
  levelPrecondition: 'level-precondition',
  exclusiveReset: 'exclusive-reset',
  tdrOrder: 'tdr-order',
  pdevSingleThread: 'pdev-single-enabled-thread',
  pdevPerOutput: 'pdev-one-enabled-per-output',
  pdevDisabledCall: 'pdev-disabled-call',
  pdevLifecycle: 'pdev-lifecycle',
  frameBufferDuringReset: 'frame-buffer-during-reset',
  gpuPoweredDown: 'gpu-access-powered-down',
  gpuInCleanup: 'gpu-access-in-tdr-cleanup',
  fenceOrder: 'fence-order',
} as const;

export interface Objection { readonly rule: string; readonly message: string }

const isReset = (k: CallKind): boolean => k.entry.tdr?.role === 'reset';

/** True when the catalog says `a` may run while `b` is in the driver (either direction). */
function exempt(a: CallKind, b: CallKind): boolean {
  const allows = (x: CallKind, y: CallKind): boolean =>
    (x.entry.exemptions ?? []).some((e) => (e.kind === 'may-overlap' || e.kind === 'admits-during') && e.ddis.includes(y.ddi));
  return allows(a, b) || allows(b, a);
}

/**
 * Whether calls of kinds `a` and `b` may be in the driver at once on two different
 * threads, judged by their kinds alone (levels, classes, children, exemptions).
 */
export function kindConflict(a: CallKind, b: CallKind): Objection | null {
  if (exempt(a, b)) return null;
  if (isReset(a) || isReset(b)) {
    const [r, o] = isReset(a) ? [a, b] : [b, a];
    return { rule: Rule.exclusiveReset, message: `${o.key} ran during ${r.key}: nothing but the ISR, the DPC and the runtime power DDIs may be in the driver during a reset` };
  }
  const la = a.rule.level ?? -1;
  const lb = b.rule.level ?? -1;
  if (la >= 2 || lb >= 2) {
    const [x, y] = la >= lb ? [a, b] : [b, a];
    const lvl = Math.max(la, lb);
    if (x.rule.class !== null && x.rule.class === y.rule.class && lvl === 2 && x.rule.level === y.rule.level) {
      return { rule: Rule.classExclusion, message: `${a.key} and ${b.key} overlapped; both are in the level-2 ${x.rule.class} class` };
    }
    return { rule: Rule.levelExclusive, message: `${y.key} ran during ${x.key}, a level-${lvl} call: only the calling thread may be in the driver` };
  }
  if (la === 1 && lb === 1) {
    const sameClass = a.rule.class === null || b.rule.class === null ? a.ddi === b.ddi : a.rule.class === b.rule.class;
    if (sameClass) {
      const perChild = a.rule.perChild && b.rule.perChild;
      if (!perChild || a.child === b.child) {
        const cls = a.rule.class ?? `its own (${a.ddi})`;
        return { rule: Rule.classExclusion, message: `${a.key} and ${b.key} overlapped; both are in the level-1 ${cls} class${perChild ? `, for child ${a.child}` : ''}` };
      }
    }
  }
  if (a.ddi === b.ddi && a.rule.perInstance !== undefined && a.instance === b.instance) {
    return { rule: Rule.instanceExclusion, message: `two ${a.ddi} calls for ${a.rule.perInstance} ${a.instance} overlapped` };
  }
  return null;
}

/** The facts about one call in the driver that the dynamic rules need. */
export interface ActiveCall {
  readonly kind: CallKind;
  readonly ctxName: string;
  /** Process of the calling thread (-1: the System process). */
  readonly process: number;
  /** For display-driver calls: whether the call's PDEV is enabled. */
  readonly pdevEnabled: boolean;
}

/** Whether two calls on different threads may be in the driver at once. */
export function callConflict(a: ActiveCall, b: ActiveCall): Objection | null {
  if (a.process === b.process) {
    return { rule: Rule.sameProcess, message: `${a.ctxName} (${a.kind.key}) and ${b.ctxName} (${b.kind.key}) are threads of ${a.process < 0 ? 'the System process' : `process ${a.process}`}, in the driver at once` };
  }
  if (a.kind.entry.family === 'display-driver' && b.kind.entry.family === 'display-driver' && a.pdevEnabled && b.pdevEnabled) {
    return { rule: Rule.pdevSingleThread, message: `${a.ctxName} (${a.kind.key}) and ${b.ctxName} (${b.kind.key}) are both in the display driver with an enabled PDEV` };
  }
  return kindConflict(a.kind, b.kind);
}

/** PDEV states as the environment tracks them. */
export type PdevState = 'none' | 'disabled' | 'enabled';

/** Whether a display-driver call may start on its PDEV in its current state. */
export function pdevEntry(kind: CallKind, state: PdevState, otherEnabledOnOutput: boolean): Objection | null {
  if (kind.entry.family !== 'display-driver') return null;
  const p = `PDEV ${kind.pdev}`;
  if (kind.ddi === 'DrvEnablePDEV') return state === 'none' ? null : { rule: Rule.pdevLifecycle, message: `DrvEnablePDEV was called for ${p}, which already exists` };
  if (state === 'none') return { rule: Rule.pdevLifecycle, message: `${kind.key} was called for ${p}, which does not exist (DrvEnablePDEV first)` };
  if (kind.ddi === 'DrvAssertMode' && kind.flags.enable === true && otherEnabledOnOutput) {
    return { rule: Rule.pdevPerOutput, message: `${kind.key} would enable ${p} while another PDEV on its output is enabled` };
  }
  if (state === 'disabled' && !kind.entry.disabledPdevAllowed) {
    return { rule: Rule.pdevDisabledCall, message: `${kind.key} was called with disabled ${p}; only the functions the PDEV rules list may be` };
  }
  return null;
}
