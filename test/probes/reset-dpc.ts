/**
 * Probe: a DPC runs while DxgkDdiResetFromTimeout is in the driver.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "While the recovery thread executes DxgkDdiResetFromTimeout, interrupts and deferred procedure calls (DPCs) can continue to be called."
 * Scenario tdr: MUST-REACH the driver's DPC (queued by its ISR) running between the reset's first and last step.
 *
 * How: as reset-isr.ts, but the ISR only queues the DPC, and the DPC asserts
 * the ghost flag inReset is down.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-reset-dpc',
  global: { inReset: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 2, tokens: 2 } } },
  ddis: {
    DxgkDdiPresent: { steps: { run: { next: 'return' } } },
    DxgkDdiResetFromTimeout: {
      steps: {
        enter: (s) => { s.g.inReset = true; return 'leave'; },
        leave: (s) => { s.g.inReset = false; return 'return'; },
      },
    },
  },
  threads: {
    gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); k.hw.submit('dma', 2); return 'return'; } } },
  },
  isr: { steps: { run: (s, k) => { k.queueDpc('done'); return 'return'; } } },
  dpcs: { done: { steps: { run: (s, k) => { k.assert(!s.g.inReset, 'the DPC ran while DxgkDdiResetFromTimeout was in the driver', 'probe'); return 'return'; } } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once; one interrupt', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, interrupts: 1, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
