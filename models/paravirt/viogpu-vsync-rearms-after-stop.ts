/**
 * viogpu, bug: the vsync timer DPC re-arms its timer whether or not vsync is
 * still on, so it outlives StopDevice. Real driver: the software vsync of the
 * Spice QXL display-only driver (daynix/qxl-wddm-dod, qxldod/QxlDod.cpp:
 * QxlDod::EnableVsync(FALSE) on StopDevice only calls KeCancelTimer, and
 * VsyncTimerProc keeps running off its KDPC); a one-shot timer whose DPC calls
 * KeSetTimer at its end is the common way to emulate a scan-out interrupt. The
 * one difference from viogpu.ts: the DPC's KeSetTimer is not under the
 * `enabled` check (see vsyncDpc in _viogpu.ts). StopDevice still turns vsync
 * off, cancels the timer and flushes DPCs; the DPC it flushes re-arms the timer,
 * which fires after StopDevice freed the vsync context.
 *
 * DDIs, contexts and scenario bounds: as viogpu.ts.
 * - `stop`: violated, use-after-free: the vsync DPC touches the freed vsync
 *   context (24 steps).
 * - `power`, `config`: hold (nothing stops vsync there).
 */
import { makeViogpu } from './_viogpu.js';

export default makeViogpu('vsync-rearms-after-stop', {
  name: 'viogpu-vsync-rearms-after-stop',
  description: 'viogpu whose vsync timer DPC re-arms itself unconditionally: it fires after StopDevice freed its context',
  expect: {
    power: { verdict: 'holds' },
    stop: { verdict: 'violated', property: 'use-after-free' },
    config: { verdict: 'holds' },
  },
});
