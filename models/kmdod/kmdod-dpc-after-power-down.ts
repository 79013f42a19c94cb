/**
 * Bug: DxgkDdiSetPowerState disables the vblank interrupt and powers the adapter
 * down, but does not call KeFlushQueuedDpcs in between. Disabling the interrupt
 * stops new vblank interrupts; it does nothing about a DPC the last one already
 * queued, or one that is running. That DPC goes on to load the hardware cursor
 * registers of an adapter that is now in D3: on real hardware, a hang or a
 * master abort, and often a bugcheck in the DPC long after the power IRP.
 *
 * The one-line difference from kmdod.ts (see _kmdod.ts, DxgkDdiSetPowerState,
 * step `disable`): it goes straight to `powerDown` instead of `flush`.
 *
 * Design followed: microsoft/Windows-driver-samples video/KMDOD (bdd.cxx
 * SetPowerState, DpcRoutine, InterruptRoutine; blthw.cxx present progress via
 * DxgkCbSynchronizeExecution and DxgkCbQueueDpc). Scenarios as in _kmdod.ts;
 * only `power` powers the adapter down, so only it fails.
 *
 * DDIs: DxgkDdiPresentDisplayOnly (level 0), DxgkDdiSetPointerPosition and
 * DxgkDdiSetPointerShape (level 1, pointer class), DxgkDdiCommitVidPn (level 2),
 * DxgkDdiSetPowerState (level 3). Contexts: the OS threads, the present worker
 * thread, the ISR (vblank interrupt) and the vblank DPC. Scenarios (details in
 * _kmdod.ts): `present` 2 threads x 1 present; `power` 1 thread, 2 presents and
 * a power-down to D3; `mode` 1 thread, 2 presents and a CommitVidPn; `pointer`
 * 2 threads, each moving and reshaping the pointer and presenting once. Every
 * scenario: 1 present worker, at most 2 vblank interrupts.
 */
import { makeKmdod } from './_kmdod.js';

export default makeKmdod({
  bug: 'dpc-after-power-down',
  expect: {
    present: { verdict: 'holds' },
    power: { verdict: 'violated', property: 'gpu-access-powered-down' },
    mode: { verdict: 'holds' },
    pointer: { verdict: 'holds' },
    bugcheck: { verdict: 'holds' },
  },
});
