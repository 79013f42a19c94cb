/**
 * Probe: a line-based ISR is called during DxgkDdiResetFromTimeout although the
 * hung device raised nothing.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "If the interrupt is line-based (MessageNumber = 0), DxgkDdiInterruptRoutine must determine whether the adapter represented by MiniportDeviceContext generated the interrupt and, if not, return FALSE immediately."
 * Also: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md, "While the recovery thread executes DxgkDdiResetFromTimeout, interrupts and deferred procedure calls (DPCs) can continue to be called."
 * Scenario tdr: MUST-REACH the ISR running between the reset's first and last step, with no interrupt pending.
 *
 * How: a worker enables the interrupt and puts one DMA buffer on the ring. The
 * GPU hangs only while the buffer is still on the ring, so when a reset runs
 * the device completed nothing and no interrupt was ever latched: an ISR then
 * is a shared line's. The ISR asserts the ghost flag inReset is down.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-spurious-during-reset',
  global: { inReset: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: { steps: { run: { next: 'return' } } },
    DxgkDdiResetFromTimeout: {
      steps: {
        enter: (s) => { s.g.inReset = true; return 'leave'; },
        leave: (s) => { s.g.inReset = false; return 'return'; },
      },
    },
  },
  threads: { gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
  isr: {
    steps: {
      run: (s, k) => {
        k.assert(!(s.g.inReset && !k.hw.interruptPending), 'the ISR ran during DxgkDdiResetFromTimeout with no interrupt pending', 'probe');
        return 'return';
      },
    },
  },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once; one interrupt', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, interrupts: 1, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
