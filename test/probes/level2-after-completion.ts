/**
 * Probe: a level-2 call (DxgkDdiCommitVidPn) never starts while a DMA buffer
 * the driver submitted is not yet reported complete: a buffer the device has
 * consumed but whose completion the driver has not reported
 * (DxgkCbNotifyInterrupt) is still passing through the GPU scheduler.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-second-level.md
 * Quote: "In other words, the Windows Display Driver Model (WDDM) guarantees that only a single thread (that is, the calling thread) is within the display miniport driver, the graphics hardware is idle, and no direct memory access (DMA) buffers are currently being processed by the driver or passed through the GPU scheduler."
 * Scenario commit: MUST-NOT-REACH DxgkDdiCommitVidPn starting between DxgkDdiSubmitCommand's submission and the DPC's report of that buffer's fence.
 *
 * How: SubmitCommand puts fence 1 on the ring (k.hw.submit) and counts it in
 * the ghost counter `outstanding`; the ISR acknowledges and queues the DPC; the
 * DPC takes the completed fence (k.hw.takeCompleted), reports it under the
 * interrupt lock (k.hw.notifyDmaCompleted) and counts it out. CommitVidPn
 * asserts the counter is 0.
 */
import { defineModel, t } from '../../src/index.js';
import { inCall, running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-level2-after-completion',
  global: { outstanding: t.ghost(t.int(0, 1)) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } }, fences: 1 },
  ddis: {
    DxgkDdiSubmitCommand: { steps: { submit: (s, k) => { if (k.hw.submit('dma', 1)) s.g.outstanding++; return 'return'; } } },
    DxgkDdiCommitVidPn: {
      steps: { commit: (s, k) => { k.assert(s.g.outstanding === 0, 'DxgkDdiCommitVidPn (level 2) started while a submitted DMA buffer was not yet reported complete', 'probe'); return 'return'; } },
    },
  },
  threads: { start: { steps: { enable: (s, k) => { k.hw.enableInterrupts(true); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { if (k.hw.ackInterrupt()) k.queueDpc('done'); return 'return'; } } },
  dpcs: {
    done: {
      steps: {
        report: (s, k) => {
          const fence = k.hw.takeCompleted('dma');
          if (fence !== 0) { k.synchronizeExecution(() => k.hw.notifyDmaCompleted(fence)); s.g.outstanding--; }
          return 'return';
        },
      },
    },
  },
  scenarios: {
    commit: {
      description: 'process 0 calls SubmitCommand once, process 1 CommitVidPn once; up to two interrupts',
      processes: 2, processCalls: [['DxgkDdiSubmitCommand'], ['DxgkDdiCommitVidPn']], workers: { start: 1 }, interrupts: 2,
    },
  },
  expect: { commit: { verdict: 'holds' } },
});

/** A buffer is in flight, the DPC reports it, and CommitVidPn runs. */
export const witnesses: Witnesses = {
  commit: {
    'a submitted buffer is not yet reported': (s) => s.g.outstanding === 1,
    'the DPC reports it': (s) => running(s, 'DPC_done') && s.g.outstanding === 1,
    'CommitVidPn runs': (s) => inCall(s, 'P1T0', 'DxgkDdiCommitVidPn'),
  },
};
