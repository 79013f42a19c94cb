/**
 * Probe: the OS calls DxgkDdiCollectDbgInfo right before the TDR work, before
 * DxgkDdiResetFromTimeout.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_collectdbginfo.md
 * Quote: "DxgkDdiCollectDbgInfo might be called either immediately before Timeout Detection and Recovery (TDR) work (for more information, see DxgkDdiResetFromTimeout) or immediately before the operating system bug checks."
 * Scenario tdr: MUST-REACH a DxgkDdiResetFromTimeout that finds DxgkDdiCollectDbgInfo was called before it.
 *
 * How: CollectDbgInfo raises the ghost flag `collected`; the reset asserts it
 * is down. No OS thread of the scenario may call CollectDbgInfo: only the TDR
 * sequence can (with a timeout reason: VIDEO_TDR_TIMEOUT_DETECTED).
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-tdr-collect-dbg-info-first',
  global: { collected: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: { steps: { run: { next: 'return' } } },
    DxgkDdiCollectDbgInfo: { steps: { collect: (s) => { s.g.collected = true; return 'return'; } } },
    DxgkDdiResetFromTimeout: {
      steps: { reset: (s, k) => { k.assert(!s.g.collected, 'DxgkDdiResetFromTimeout was called after DxgkDdiCollectDbgInfo', 'probe'); return 'return'; } },
    },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
