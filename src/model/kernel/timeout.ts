/**
 * Waits with a timeout. KeWaitForSingleObject with a timeout returns
 * STATUS_SUCCESS when the object is signaled in time and STATUS_TIMEOUT when the
 * interval runs out first. A step is atomic, so a step that waits with a timeout
 * has two outcomes: ddicheck compiles it into two actions, one where the wait
 * completes (enabled only when the object is signaled, like any wait) and one where
 * it times out (always enabled: the timer can always expire first). A model writes
 * one step and branches on the result:
 *
 * ```ts
 * wait: (s, k) => k.waitEvent(s.local.done, { timeout: true }) === 'timeout' ? 'failed' : 'return',
 * ```
 *
 * The timeout outcome leaves the object as it was (the waiter was never
 * satisfied). How long the interval is does not matter: any real timeout can
 * expire before a signal that comes late enough, which is the schedule a driver
 * must survive.
 */
import { NOT_TIMED, WAIT_TIMES_OUT, type KernelCore } from './core.js';

/** What a timed wait returned: the object was signaled (the mutex acquired), or STATUS_TIMEOUT. */
export type WaitResult = 'signaled' | 'timeout';
export type MutexWaitResult = 'acquired' | 'timeout';
/** Options of a wait: `{ timeout: true }` makes STATUS_TIMEOUT a possible outcome. */
export interface WaitOptions { readonly timeout: true }

export { NOT_TIMED, WAIT_COMPLETES, WAIT_TIMES_OUT, type TimedOutcome } from './core.js';

/**
 * True when a step may wait with a timeout: it says so (`timeout: true`), or its
 * own source mentions `timeout` (reading the text keeps a model to one step; a
 * timed wait the text does not show is caught when it runs, see `timesOut`). A
 * step that mentions it for another reason (`s.g.timeouts++`) gets a twin that
 * is never enabled: the counts stay the same, at the cost of running it twice.
 */
export function mayWaitWithTimeout(step: { readonly timeout?: boolean; readonly do?: (...args: never[]) => unknown }): boolean {
  if (step.timeout !== undefined) return step.timeout;
  return step.do !== undefined && /timeout/i.test(Function.prototype.toString.call(step.do));
}

/**
 * Called by every timed wait: true if this run is the timeout outcome. Throws a
 * model error for a timed wait in a step compiled without the timeout outcome, or
 * a second timed wait in one step (which outcome would the twin mean?).
 */
export function timesOut(k: KernelCore, routine: string): boolean {
  if (k.timed === NOT_TIMED) {
    throw new Error(`${k.ctx.name} calls ${routine} with a timeout in a step compiled without a timeout outcome (the wait is in a helper function): mark the step { timeout: true, do: ... }`);
  }
  if (++k.timedWaits > 1) throw new Error(`${k.ctx.name} makes a second wait with a timeout in one step: a step makes at most one timed wait, so split it`);
  return k.timed === WAIT_TIMES_OUT;
}
