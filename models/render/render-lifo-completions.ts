/**
 * Bug: the ISR pushes each completed fence on an SLIST
 * (InterlockedPushEntrySList) and the DPC takes them all with
 * InterlockedFlushSList, which hands the list back newest first. The DPC
 * reports them in that order, so when two DMA buffers complete before the DPC
 * runs, DxgkCbNotifyInterrupt(DMA_COMPLETED) sees fence 2 and then fence 1:
 * the GPU scheduler requires submission fences to complete in order.
 *
 * The one-line difference from render.ts (see _render.ts, DPC_complete, step
 * `report`): it walks the flushed list from its head instead of reversing it.
 *
 * Design followed: microsoft/graphics-driver-samples render-only-sample/roskmd
 * (RosKmdRapAdapter.cpp RendererInterruptRoutine acknowledges and queues the
 * DPC; RosKmdAdapter.cpp NotifyDmaBufCompletion reports the fence through
 * DxgkCbSynchronizeExecution). Scenarios as in _render.ts; each one in which
 * two fences can complete before the DPC runs fails.
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
  bug: 'lifo-completions',
  expect: {
    submit: { verdict: 'violated', property: 'fence-order' },
    scheduler: { verdict: 'violated', property: 'fence-order' },
    tdr: { verdict: 'violated', property: 'fence-order' },
    'tdr-2-threads': { verdict: 'violated', property: 'fence-order' },
  },
});
