/**
 * Bug: when the ring is full, DxgkDdiSubmitCommand waits (polls the ring's
 * read pointer) until the GPU makes room, instead of queueing the DMA buffer
 * in software for the completion DPC to feed in later. That is merely slow
 * while the GPU runs; when it hangs with the ring full, the call never
 * returns. TDR needs every call out of the driver before it can call
 * DxgkDdiResetFromTimeout, so the reset that would free the ring can never
 * start: the machine hangs instead of recovering.
 *
 * The one-line difference from render.ts (see _render.ts,
 * DxgkDdiSubmitCommand, step `prepare`): it goes to `waitForRing` before
 * `submit`.
 *
 * Design followed: microsoft/graphics-driver-samples render-only-sample/roskmd
 * (RosKmdAdapter.cpp SubmitCommand and QueueDmaBuffer never block: they queue
 * and kick the worker). Scenarios as in _render.ts; only a hang with the ring
 * full and one more DMA buffer to submit deadlocks, so the TDR scenarios fail.
 *
 * DDIs: DxgkDdiPatch, DxgkDdiSubmitCommand, DxgkDdiBuildPagingBuffer,
 * DxgkDdiPreemptCommand (level 1, gpu-scheduler class), DxgkDdiResetFromTimeout
 * and DxgkDdiRestartFromTimeout (level 3, TDR). Contexts: the OS threads, the
 * TDR thread, a startDevice thread (enables the interrupt), the ISR and the
 * completion DPC; the adapter's DMA ring of 2 entries. Scenarios (details in
 * _render.ts): `submit` 2 threads x (Patch, 2 SubmitCommand), up to 4
 * interrupts; `scheduler` 2 threads x 2 calls of the gpu-scheduler class, up to
 * 2 interrupts; `tdr` 1 thread x 3 SubmitCommand, 1 GPU hang, up to 3
 * interrupts; `tdr-2-threads` 2 threads x (Patch, 2 SubmitCommand), 1 GPU
 * hang, up to 4 interrupts.
 */
import { makeRender } from './_render.js';

export default makeRender({
  bug: 'submit-waits-for-ring',
  expect: {
    submit: { verdict: 'holds' },
    scheduler: { verdict: 'holds' },
    tdr: { verdict: 'violated', property: 'deadlock' },
    'tdr-2-threads': { verdict: 'violated', property: 'deadlock' },
  },
});
