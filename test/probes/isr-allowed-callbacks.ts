/**
 * Probe: an ISR that calls only what its page allows (DxgkCbQueueDpc and
 * DxgkCbNotifyInterrupt) and the device's registers raises no alarm.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "The DxgkDdiInterruptRoutine function can call DxgkCbQueueDpc and DxgkCbNotifyInterrupt but must not call any other DxgkCbXxx functions."
 * Scenario isr: MUST-NOT-REACH a violation: the ISR acknowledges the interrupt, reports the completed fence (DxgkCbNotifyInterrupt, k.hw.notifyDmaCompleted) and queues its DPC (DxgkCbQueueDpc, k.queueDpc).
 *
 * How: a worker enables the interrupt and puts a DMA buffer on the ring; the
 * ISR returns at once when nothing is pending (a shared line), as its page says.
 */
import { defineModel } from '../../src/index.js';
import { running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-isr-allowed-callbacks',
  adapter: { queues: { dma: { depth: 1, tokens: 1 } }, fences: 1 },
  threads: { gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
  isr: {
    steps: {
      run: (s, k) => {
        if (!k.hw.ackInterrupt()) return 'return';
        const fence = k.hw.takeCompleted('dma');
        if (fence !== 0) k.hw.notifyDmaCompleted(fence);
        k.queueDpc('done');
        return 'return';
      },
    },
  },
  dpcs: { done: { steps: { run: { next: 'return' } } } },
  scenarios: {
    isr: { description: 'up to two interrupts', workers: { gpu: 1 }, interrupts: 2 },
  },
  expect: { isr: { verdict: 'holds' } },
});

/** The ISR acknowledges a real interrupt and its DPC runs. */
export const witnesses: Witnesses = { isr: { 'the DPC runs': (s) => running(s, 'DPC_done') } };
