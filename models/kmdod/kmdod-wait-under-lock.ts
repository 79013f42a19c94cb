/**
 * Bug: when the present queue is empty, the worker signals "idle" and waits for
 * the next present without first releasing the queue spin lock. It is the
 * check-then-wait pattern that is right with a condition variable (the wait
 * drops the lock) and wrong with a KSPIN_LOCK: the worker now waits at
 * DISPATCH_LEVEL (a bugcheck, IRQL_NOT_LESS_OR_EQUAL or worse, on the first
 * idle moment), and no present could be queued meanwhile anyway, since
 * DxgkDdiPresentDisplayOnly needs the same lock.
 *
 * The one-line difference from kmdod.ts (see _kmdod.ts, the worker's step
 * `take`): the release of queueLock before the wait is missing.
 *
 * Design followed: microsoft/Windows-driver-samples video/KMDOD (blthw.cxx:
 * the present worker thread and its startup and suspend events), with the
 * persistent worker loop of RosKmAdapter::DoWork in microsoft/graphics-driver-samples
 * (render-only-sample/roskmd/RosKmdAdapter.cpp). Scenarios as in _kmdod.ts;
 * the worker runs in each, so each fails.
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
  bug: 'wait-under-lock',
  expect: {
    present: { verdict: 'violated', property: 'irql' },
    power: { verdict: 'violated', property: 'irql' },
    mode: { verdict: 'violated', property: 'irql' },
    pointer: { verdict: 'violated', property: 'irql' },
    bugcheck: { verdict: 'violated', property: 'irql' },
  },
});
