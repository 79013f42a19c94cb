/**
 * Probe: DxgkCbNotifyInterrupt (k.hw.notifyDmaCompleted) called from the DPC at
 * DISPATCH_LEVEL, outside DxgkCbSynchronizeExecution, is an IRQL violation: its
 * callers run at DIRQL (the ISR, or a routine run by KeSynchronizeExecution).
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkcb_notify_interrupt.md
 * Quote: "Callers of DxgkCbNotifyInterrupt run at interrupt level (that is, DIRQL, which is some IRQL between DISPATCH_LEVEL and PROFILE_LEVEL, not inclusive)."
 * Scenario dpc: MUST-REACH the DPC reporting a completed fence with DxgkCbNotifyInterrupt at DISPATCH_LEVEL: property irql.
 *
 * How: a worker enables the interrupt and puts fence 1 on the ring; the ISR
 * acknowledges and queues the DPC; the DPC takes the fence and reports it
 * without the interrupt lock. level2-after-completion.ts reports the same way
 * under k.synchronizeExecution, and isr-allowed-callbacks.ts from the ISR:
 * both hold.
 */
import { defineModel } from '../../src/index.js';

export default defineModel({
  name: 'probe-notify-interrupt-irql',
  adapter: { queues: { dma: { depth: 1, tokens: 1 } }, fences: 1 },
  threads: { gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { if (k.hw.ackInterrupt()) k.queueDpc('done'); return 'return'; } } },
  dpcs: {
    done: {
      steps: { report: (s, k) => { const fence = k.hw.takeCompleted('dma'); if (fence !== 0) k.hw.notifyDmaCompleted(fence); return 'return'; } },
    },
  },
  scenarios: {
    dpc: { description: 'one worker submits one DMA buffer; up to two interrupts', workers: { gpu: 1 }, interrupts: 2 },
  },
  expect: { dpc: { verdict: 'violated', property: 'irql' } },
});
