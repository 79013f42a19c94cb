/**
 * Probe: the frame-buffer rule of the reset restricts applications only: the
 * ISR and the DPC, which keep running during DxgkDdiResetFromTimeout, may touch
 * the frame buffer then without a violation.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "The operating system also guarantees that no access to the frame buffer can occur from any application during the call to DxgkDdiResetFromTimeout; therefore, the driver can reset a memory controller phase locked loop (PLL) and so on."
 * Scenario tdr: MUST-NOT-REACH a violation: the ISR and DPC touch the frame buffer (k.hw.frameBuffer()) with the reset in the driver, and an application's DxgkDdiPresent touches it only outside the reset.
 *
 * How: as reset-isr.ts and reset-dpc.ts (which show the ISR and the DPC do run
 * during the reset), with the ISR, the DPC and Present each touching the frame
 * buffer. Any property failing fails the probe.
 */
import { defineModel } from '../../src/index.js';
import { inCall, running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-frame-buffer-reset',
  adapter: { queues: { dma: { depth: 2, tokens: 2 } } },
  ddis: {
    DxgkDdiPresent: { steps: { blt: (s, k) => { k.hw.frameBuffer('copies the application\'s image into the frame buffer'); return 'return'; } } },
  },
  threads: {
    gpu: { steps: { start: (s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); k.hw.submit('dma', 2); return 'return'; } } },
  },
  isr: { steps: { run: (s, k) => { k.hw.frameBuffer('reads the scan-out position in the frame buffer'); k.queueDpc('vsync'); return 'return'; } } },
  dpcs: { vsync: { steps: { run: (s, k) => { k.hw.frameBuffer('updates the cursor in the frame buffer'); return 'return'; } } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once; one interrupt', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, interrupts: 1, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'holds' } },
});

/** The ISR and the DPC do run with the reset in the driver. */
export const witnesses: Witnesses = {
  tdr: {
    'the ISR runs during the reset': (s) => running(s, 'ISR') && inCall(s, 'TDR', 'DxgkDdiResetFromTimeout'),
    'the DPC runs during the reset': (s) => running(s, 'DPC_vsync') && inCall(s, 'TDR', 'DxgkDdiResetFromTimeout'),
    'Present runs': (s) => inCall(s, 'P0T0', 'DxgkDdiPresent'),
  },
};
