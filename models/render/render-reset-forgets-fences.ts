/**
 * Bug: DxgkDdiResetFromTimeout drops the queued DMA buffers and the latched
 * completions, but leaves out the line that CosKmAdapter::ResetFromTimeout
 * carries with the comment "Implicitly sync up: Graphics runtime considers all
 * submitted Fence Id as completed" (m_lastCompletetdFenceId =
 * m_lastSubmittedFenceId). The ring was reset with the GPU, so no interrupt
 * will ever complete the fences that were on it: the driver's idea of the last
 * completed fence is stuck behind the OS's for good, and whatever waits on it
 * (a flush, a context teardown, preemption's LastCompletedFenceId) is wrong.
 *
 * The one-line difference from render.ts (see _render.ts,
 * DxgkDdiResetFromTimeout): lastCompleted is not set to lastSubmitted.
 *
 * Design followed: microsoft/graphics-driver-samples compute-only-sample/coskmd
 * (CosKmdAdapter.cpp ResetFromTimeout, QueueDmaBuffer) and render-only-sample/roskmd
 * (RosKmdAdapter.cpp). Scenarios as in _render.ts; only the TDR ones reset.
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
  bug: 'reset-forgets-fences',
  expect: {
    submit: { verdict: 'holds' },
    scheduler: { verdict: 'holds' },
    tdr: { verdict: 'violated', property: 'a reset completes every submitted fence' },
    'tdr-2-threads': { verdict: 'violated', property: 'a reset completes every submitted fence' },
  },
});
