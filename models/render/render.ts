/**
 * The correct render miniport: see _render.ts for the design it follows
 * (microsoft/graphics-driver-samples render-only-sample/roskmd and
 * compute-only-sample/coskmd), its DDIs, contexts and scenarios. Every
 * scenario holds.
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
  expect: {
    submit: { verdict: 'holds' },
    scheduler: { verdict: 'holds' },
    tdr: { verdict: 'holds' },
    'tdr-2-threads': { verdict: 'holds' },
  },
});
