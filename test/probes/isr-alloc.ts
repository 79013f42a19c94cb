/**
 * Probe: an ISR that allocates memory (ExAllocatePool, here k.alloc on a pool)
 * is an IRQL violation: the ISR may call only DxgkCbQueueDpc and
 * DxgkCbNotifyInterrupt.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "The DxgkDdiInterruptRoutine function can call DxgkCbQueueDpc and DxgkCbNotifyInterrupt but must not call any other DxgkCbXxx functions."
 * Also the same page: "DxgkDdiInterruptRoutine runs at an elevated IRQL, so it (and all the functions it calls) must be non-pageable."
 * Scenario isr: MUST-REACH the ISR calling k.alloc: property irql.
 *
 * How: a worker enables the interrupt and puts a DMA buffer on the ring (so a
 * real interrupt exists); the ISR allocates a completion record from a pool.
 */
import { defineModel, pool, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-isr-alloc',
  races: false,
  global: { records: pool('completion record', 1, { fence: t.int(0, 1) }) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  threads: { gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { k.alloc(s.g.records); return 'return'; } } },
  scenarios: {
    isr: { description: 'one interrupt', workers: { gpu: 1 }, interrupts: 1 },
  },
  expect: { isr: { verdict: 'violated', property: 'irql' } },
});
