/**
 * Probe: ordinary calls start in the TDR cleanup period, between the return of
 * DxgkDdiResetFromTimeout and the call of DxgkDdiRestartFromTimeout.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "After the driver returns from DxgkDdiResetFromTimeout, most driver functions can again be called, and the operating system starts to clean up resources that are no longer required."
 * Scenario present: MUST-REACH a level-0 DxgkDdiPresent starting in the cleanup period.
 * Scenario patch: MUST-REACH a level-1 (gpu-scheduler) DxgkDdiPatch starting in the cleanup period.
 *
 * How: the reset's last step (the one that returns) raises the ghost flag
 * inCleanup, the restart's first step lowers it, and the ordinary call asserts
 * it is down. A worker puts one DMA buffer on the ring so the GPU can hang.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';

const global = { inCleanup: t.ghost(t.bool()) };

/** An ordinary call that asserts it did not start in the cleanup period. */
const ordinary = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: { run: (s, k) => { k.assert(!s.g.inCleanup, `${ddi} ran in the TDR cleanup period`, 'probe'); return 'return'; } },
});

export default defineModel({
  name: 'probe-cleanup-ordinary-calls',
  global,
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: ordinary('DxgkDdiPresent'),
    DxgkDdiPatch: ordinary('DxgkDdiPatch'),
    DxgkDdiResetFromTimeout: { steps: { reset: (s) => { s.g.inCleanup = true; return 'return'; } } },
    DxgkDdiRestartFromTimeout: { steps: { restart: (s) => { s.g.inCleanup = false; return 'return'; } } },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    present: { description: 'one thread may call Present once; the GPU may hang once', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, tdrs: 1 },
    patch: { description: 'one thread may call Patch once; the GPU may hang once', calls: ['DxgkDdiPatch'], workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: {
    present: { verdict: 'violated', property: 'probe' },
    patch: { verdict: 'violated', property: 'probe' },
  },
});
