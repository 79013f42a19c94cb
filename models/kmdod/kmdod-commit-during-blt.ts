/**
 * Bug: DxgkDdiCommitVidPn swaps the frame buffer mapping (maps the new mode's,
 * unmaps the old) under the queue lock, but does not wait for the present
 * worker to go idle. Level 2 promises that no other DDI runs, not that the
 * driver's own worker is done: DxgkDdiPresentDisplayOnly returned
 * STATUS_PENDING, and the worker took its copy of the frame buffer address
 * with the present (BasicDisplay's DoPresentMemory.DstAddr). The lock protects
 * the pointer, not the lifetime of what it points to: the worker blts into the
 * mapping CommitVidPn just unmapped (a page fault in the worker).
 *
 * The one-line difference from kmdod.ts (see _kmdod.ts, DxgkDdiCommitVidPn):
 * its first step, `drain`, the wait on idleEvent, is missing.
 *
 * Design followed: microsoft/Windows-driver-samples video/KMDOD (bdd_dmm.cxx
 * BASIC_DISPLAY_DRIVER::CommitVidPn unmaps and maps the frame buffer; blthw.cxx
 * ExecutePresentDisplayOnly captures the frame buffer address for the worker).
 * Scenarios as in _kmdod.ts; only `mode` changes the mode, so only it fails.
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
  bug: 'commit-during-blt',
  expect: {
    present: { verdict: 'holds' },
    power: { verdict: 'holds' },
    mode: { verdict: 'violated', property: 'use-after-free' },
    pointer: { verdict: 'holds' },
    bugcheck: { verdict: 'holds' },
  },
});
