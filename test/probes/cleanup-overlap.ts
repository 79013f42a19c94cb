/**
 * Probe: a TDR cleanup call and an ordinary call are in the driver at once.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "After the driver returns from DxgkDdiResetFromTimeout, most driver functions can again be called, and the operating system starts to clean up resources that are no longer required. During the cleanup period, the following driver functions are called for the indicated reasons:"
 * Scenario tdr: MUST-REACH a cleanup call (DxgkDdiBuildPagingBuffer with Transfer.Size = 0, or DxgkDdiReleaseSwizzlingRange) starting while a DxgkDdiPresent is in the driver.
 *
 * How: Present is two steps, raising the ghost flag `present` in the first and
 * lowering it in the second; each cleanup call asserts the flag is down. Only
 * the OS's TDR thread makes the cleanup calls here, so they can only overlap a
 * Present started in the cleanup period.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';

const global = { present: t.ghost(t.bool()) };

/** A cleanup call that asserts no Present is in the driver. */
const cleanup = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: { run: (s, k) => { k.assert(!s.g.present, `${ddi} (TDR cleanup) ran while DxgkDdiPresent was in the driver`, 'probe'); return 'return'; } },
});

export default defineModel({
  name: 'probe-cleanup-overlap',
  global,
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: {
      steps: {
        enter: (s) => { s.g.present = true; return 'leave'; },
        leave: (s) => { s.g.present = false; return 'return'; },
      },
    },
    DxgkDdiBuildPagingBuffer: cleanup('DxgkDdiBuildPagingBuffer'),
    DxgkDdiReleaseSwizzlingRange: cleanup('DxgkDdiReleaseSwizzlingRange'),
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    tdr: { description: 'one thread may call Present once; the GPU may hang once', calls: ['DxgkDdiPresent'], workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: { tdr: { verdict: 'violated', property: 'probe' } },
});
