/**
 * Timeout detection and recovery as the OS runs it (thread-synchronization-and-tdr.md):
 * the GPU hangs; the scheduler notices (the drain begins: no new GPU work is
 * scheduled, calls in the driver run to their end); the OS's TDR thread makes
 * the preamble calls (a preemption request, typically; the debug report with a
 * timeout reason), then DxgkDdiResetFromTimeout, which runs alone but for the
 * ISR, DPCs and the runtime power DDIs; after it returns, the cleanup period:
 * the cleanup calls in any order, beside ordinary calls under their own levels;
 * then DxgkDdiRestartFromTimeout, and rendering resumes.
 *
 * Which call the TDR thread may make next is the script below; whether a call
 * may start at all (the TDR thread's or anyone's) is the contract's rules'.
 */

/**
 * The calls the OS makes for one TDR, as call kinds, built from the catalog rows'
 * TDR roles (engine/call-plan.ts): the preamble in order (a call may be
 * `optional`), the reset, the cleanup calls (in any order), and the restart.
 */
export interface TdrScript {
  readonly preamble: readonly { readonly kind: number; readonly optional: boolean }[];
  readonly reset: number;
  readonly cleanup: readonly number[];
  readonly restart: number;
}

export const TDR_PHASES = ['normal', 'draining', 'reset', 'cleanup', 'restart'] as const;
export type TdrPhase = (typeof TDR_PHASES)[number];
export const phaseIndex = (p: TdrPhase): number => TDR_PHASES.indexOf(p);

/**
 * Whether the TDR thread's script lets it start call `kind` now. `step` is the
 * phase's progress: in the drain, how many preamble entries are behind; in the
 * cleanup period, the mask of cleanup calls made.
 */
export function scriptAllows(script: TdrScript, phase: TdrPhase, step: number, kind: number): boolean {
  if (phase === 'draining') {
    // Preamble entries in order, an optional one may be left out; the reset once none is owed.
    for (let j = step; j < script.preamble.length; j++) {
      if (script.preamble[j].kind === kind) return true;
      if (!script.preamble[j].optional) return false;
    }
    return kind === script.reset;
  }
  if (phase === 'cleanup') {
    const i = script.cleanup.indexOf(kind);
    if (i >= 0) return (step & (1 << i)) === 0;
    return kind === script.restart && step === (1 << script.cleanup.length) - 1;
  }
  return false;
}

/** The drain's progress after the TDR thread starts preamble call `kind` (unchanged for other calls). */
export function preambleStep(script: TdrScript, step: number, kind: number): number {
  for (let j = step; j < script.preamble.length; j++) if (script.preamble[j].kind === kind) return j + 1;
  return step;
}
