/**
 * Bug: told by the TDR cleanup that the reset lost an allocation's content
 * (DxgkDdiBuildPagingBuffer, DXGK_OPERATION_TRANSFER with Transfer.Size = 0),
 * the driver reasons that there is nothing to copy into a paging buffer and
 * invalidates the allocation's GPU page-table entries right away, through the
 * GPU's registers. The GPU was just reset and may not be running yet; the OS
 * documents that the driver should not touch it in these cleanup calls
 * (thread-synchronization-and-tdr): only the driver's own memory may change.
 *
 * The one-line difference from render.ts (see _render.ts,
 * DxgkDdiBuildPagingBuffer): the register access in the Transfer.Size = 0 path.
 *
 * Design followed: microsoft/graphics-driver-samples compute-only-sample/coskmd
 * (CosKmdAdapter.cpp BuildPagingBuffer: TRANSFER and UNMAP_APERTURE_SEGMENT
 * update driver memory only). Scenarios as in _render.ts; only the TDR ones
 * make the cleanup calls.
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
  bug: 'cleanup-touches-gpu',
  expect: {
    submit: { verdict: 'holds' },
    scheduler: { verdict: 'holds' },
    tdr: { verdict: 'violated', property: 'gpu-access-in-tdr-cleanup' },
    'tdr-2-threads': { verdict: 'violated', property: 'gpu-access-in-tdr-cleanup' },
  },
});
