/**
 * Probe: a line-based ISR is called in the TDR cleanup period although the
 * device, just reset, raised nothing.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "If the interrupt is line-based (MessageNumber = 0), DxgkDdiInterruptRoutine must determine whether the adapter represented by MiniportDeviceContext generated the interrupt and, if not, return FALSE immediately."
 * Scenario tdr: MUST-REACH the ISR running, with no interrupt pending, between the return of DxgkDdiResetFromTimeout and DxgkDdiRestartFromTimeout.
 *
 * How: the reset's last step raises the ghost flag inCleanup, the restart's
 * first step lowers it; the ISR asserts it does not find the flag up with no
 * interrupt pending. The reset clears the adapter's pending interrupt and
 * nothing is submitted after it, so an ISR in the cleanup period is a shared
 * line's.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-spurious-in-cleanup',
  global: { inCleanup: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: { steps: { run: { next: 'return' } } },
    DxgkDdiResetFromTimeout: { steps: { reset: (s) => { s.g.inCleanup = true; return 'return'; } } },
    DxgkDdiRestartFromTimeout: { steps: { restart: (s) => { s.g.inCleanup = false; return 'return'; } } },
  },
  threads: { gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); return 'return'; } } } },
  isr: {
    steps: {
      run: (s, k) => { k.assert(!(s.g.inCleanup && !k.hw.interruptPending), 'the ISR ran in the TDR cleanup period with no interrupt pending', 'probe'); return 'return'; },
    },
  },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once; one interrupt', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, interrupts: 1, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
