/**
 * Probe: the OS calls DxgkDdiPreemptCommand before DxgkDdiResetFromTimeout in
 * a TDR (the timeout is the GPU's failure to answer that preemption).
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_resetfromtimeout.md
 * Quote: "The GPU scheduler calls DxgkDdiResetFromTimeout when it detects that a hardware time-out occurred. The time-out is typically a delayed response to a preempt request."
 * Scenario tdr: MUST-REACH a DxgkDdiResetFromTimeout that finds DxgkDdiPreemptCommand was called before it.
 *
 * How: PreemptCommand raises the ghost flag `preempted`; the reset asserts it
 * is down. No OS thread of the scenario may call PreemptCommand: only the TDR
 * sequence can.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-tdr-preempt-first',
  global: { preempted: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: { steps: { run: { next: 'return' } } },
    DxgkDdiPreemptCommand: { steps: { preempt: (s) => { s.g.preempted = true; return 'return'; } } },
    DxgkDdiResetFromTimeout: {
      steps: { reset: (s, k) => { k.assert(!s.g.preempted, 'DxgkDdiResetFromTimeout was called after DxgkDdiPreemptCommand', 'probe'); return 'return'; } },
    },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
