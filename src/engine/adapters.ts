/**
 * Several adapters served by one driver (scenario `adapters: n`). The
 * DxgkDdiDpcRoutine page (dispmprt/nc-dispmprt-dxgkddi_dpc_routine.md) says
 * only one DPC is scheduled at a time for a given adapter, but a driver that
 * supports several adapters may have DxgkDdiDpcRoutine called reentrantly: on
 * one processor for one adapter while it runs on another for another. So each DPC the
 * model declares becomes one context per adapter, all sharing the driver's
 * globals; the ISR serves an interrupt of either adapter and queues that
 * adapter's DPC. This is the bug class of a global (a statistics counter, a
 * free list) that both adapters' DPCs touch without a lock.
 *
 * What it does not model (said in the bounds): the adapters share one
 * simulated adapter (`k.hw`), and their ISRs run one at a time (one ISR context).
 */
import type { Scenario } from '../model/define.js';
import { count } from './call-plan.js';

/** Most adapters a scenario may give. */
export const MAX_ADAPTERS = 4;

/** Reads `adapters` of a scenario (default 1); throws InputError naming the field. */
export function planAdapters(sc: Scenario, where: string): number {
  return count(sc.adapters, `${where}: adapters`, 1, MAX_ADAPTERS);
}

/** The context name of DPC `dpc` of adapter `adapter`: adapter 0 keeps the plain name, so timers and one-adapter models are unchanged. */
export function dpcInstance(dpc: string, adapter: number): string {
  return adapter === 0 ? dpc : `${dpc}@${adapter}`;
}

/** The adapters part of a verdict's bounds, or null for one adapter. */
export function adapterBounds(n: number): string | null {
  return n > 1 ? `${n} adapters (one DPC object each, which may run at once; one ISR context and one simulated adapter serve them all)` : null;
}
