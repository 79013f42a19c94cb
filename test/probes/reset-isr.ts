/**
 * Probe: the ISR runs while DxgkDdiResetFromTimeout is in the driver.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "While the recovery thread executes DxgkDdiResetFromTimeout, interrupts and deferred procedure calls (DPCs) can continue to be called."
 * Scenario tdr: MUST-REACH DxgkDdiInterruptRoutine running between the reset's first and last step.
 *
 * How: the reset is two steps, raising the ghost flag inReset in the first and
 * lowering it in the second; the ISR asserts the flag is down. A worker enables
 * the interrupt and puts two DMA buffers on the ring, so the device may complete
 * the first (latching an interrupt) and hang on the second: the interrupt can
 * be real, not only spurious (spurious-during-reset.ts has only spurious ones).
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-reset-isr',
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
  isr: { steps: { run: (s, k) => { k.assert(!s.g.inReset, 'the ISR ran while DxgkDdiResetFromTimeout was in the driver', 'probe'); return 'return'; } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once; one interrupt', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, interrupts: 1, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
