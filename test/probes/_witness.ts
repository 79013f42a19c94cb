/**
 * Witnesses: what a MUST-NOT-REACH probe's scenario must still reach, so that
 * its "holds" is not the vacuous one of a scenario that never gets near the
 * interleaving it rules out (a reset that never runs, an ISR never called).
 * A probe file exports `witnesses`: per holds scenario, named conditions over
 * the system view; probes.test.ts checks that each is reachable.
 */
import type { ContextView, SystemView } from '../../src/index.js';

/** Per scenario: condition name -> a condition some reachable state meets. */
export type Witnesses = Readonly<Record<string, Readonly<Record<string, (s: SystemView) => boolean>>>>;

/** The context named `name`, or undefined. */
export const ctx = (s: SystemView, name: string): ContextView | undefined => s.contexts.find((c) => c.name === name);

/** Whether context `name` is inside a call of `ddi` (the view names a call by its key: `DrvBitBlt[pdev 0]`). */
export const inCall = (s: SystemView, name: string, ddi: string): boolean => {
  const call = ctx(s, name)?.call;
  return call === ddi || (call?.startsWith(`${ddi}[`) ?? false);
};

/** Whether context `name` is inside one of its procedures (an ISR or DPC running, a worker not done). */
export const running = (s: SystemView, name: string): boolean => { const at = ctx(s, name)?.at; return at !== null && at !== undefined && at !== 'done'; };
