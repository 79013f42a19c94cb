/**
 * Probe: a line-based ISR is called when its device raised nothing (the line is
 * shared); a message-signaled one is not.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "If the interrupt is line-based (MessageNumber = 0), DxgkDdiInterruptRoutine must determine whether the adapter represented by MiniportDeviceContext generated the interrupt and, if not, return FALSE immediately."
 * Scenario line: MUST-REACH the ISR running while the adapter has no interrupt pending (line-based interrupts, the default).
 * Scenario msi: MUST-NOT-REACH the ISR running with nothing pending, with `interrupts: { count: 1, kind: 'msi' }` (MSI is not shared).
 *
 * How: the ISR asserts k.hw.interruptPending before it acknowledges. A worker
 * enables the interrupt and puts one DMA buffer on the ring, so a real
 * interrupt exists too and the msi scenario does run the ISR.
 */
import { defineModel, type Scenario } from '../../src/index.js';
import { running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-spurious-interrupts',
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  threads: {
    gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } },
  },
  isr: {
    steps: {
      run: (s, k) => {
        k.assert(k.hw.interruptPending, 'the ISR ran while the adapter had no interrupt pending', 'probe');
        k.hw.ackInterrupt();
        return 'return';
      },
    },
  },
  scenarios: {
    line: { description: 'a line-based interrupt, at most once', workers: { gpu: 1 }, interrupts: 1 },
    msi: { description: 'a message-signaled interrupt, at most once', workers: { gpu: 1 }, interrupts: { count: 1, kind: 'msi' } } as unknown as Scenario,
  },
  expect: {
    line: { verdict: 'violated', property: 'probe' },
    msi: { verdict: 'holds' },
  },
});

/** Under MSI the ISR still runs, for the real interrupt. */
export const witnesses: Witnesses = { msi: { 'the ISR runs': (s) => running(s, 'ISR') } };
