/**
 * A render miniport: the GPU scheduler's calls, a DMA ring, fences completed
 * from the ISR and DPC, and TDR. The shared factory of models/render/: each
 * model file there calls `makeRender` with the bug it carries (or none) and its
 * manifest.
 *
 * What it follows: the render-only and compute-only samples of
 * microsoft/graphics-driver-samples (render-only-sample/roskmd:
 * RosKmdAdapter.cpp SubmitCommand, Patch, QueueDmaBuffer,
 * HwDmaBufCompletionDpcRoutine; RosKmdRapAdapter.cpp RendererInterruptRoutine;
 * compute-only-sample/coskmd/CosKmdAdapter.cpp BuildPagingBuffer,
 * PreemptCommand, ResetFromTimeout, RestartFromTimeout, QueueDmaBuffer's
 * m_lastSubmittedFenceId). Like them, SubmitCommand queues the DMA buffer under
 * a spin lock (m_dmaBufQueueLock) and records the last submitted fence; fences
 * are reported with DxgkCbNotifyInterrupt(DMA_COMPLETED) inside
 * DxgkCbSynchronizeExecution; and after a reset ("Graphics runtime considers
 * all submitted Fence Id as completed", says CosKmAdapter::ResetFromTimeout)
 * the driver sets its last completed fence to its last submitted one. Where the samples hand DMA buffers to a worker thread that
 * runs them in software (or on the VC4 one at a time), this driver writes the
 * GPU's ring directly, as a hardware driver does: a ring of two entries
 * (adapter queue `dma`), and a software overflow queue for what does not fit,
 * which the completion DPC feeds into the ring as it drains. The ISR is the
 * VC4 one's: acknowledge, hand completions to the DPC, queue it.
 *
 * DDIs and contexts:
 * - DxgkDdiPatch, DxgkDdiSubmitCommand, DxgkDdiBuildPagingBuffer,
 *   DxgkDdiPreemptCommand (level 1, gpu-scheduler class: the OS runs one at a
 *   time, so the DMA buffer's private data that Patch writes and SubmitCommand
 *   reads needs no lock). SubmitCommand takes the next fence, and under
 *   queueLock writes it to the ring when there is room and nothing waits
 *   before it, or appends it to the overflow queue. BuildPagingBuffer builds
 *   a paging buffer (CPU memory only); called by the TDR cleanup with
 *   Transfer.Size = 0 it only notes that the allocation's content was lost.
 *   PreemptCommand writes the preemption request register (the DMA_PREEMPTED
 *   completion is not modelled).
 * - startDevice (driver thread): the end of DxgkDdiStartDevice, enabling the
 *   GPU's interrupt (the model starts from a started adapter; an interrupt
 *   latched before it runs is taken once it has).
 * - ISR: acknowledges the interrupt, takes every completed fence from the
 *   ring and pushes it on the completion list (an SLIST:
 *   InterlockedPushEntrySList), queues the DPC.
 * - DPC_complete: flushes the completion list (InterlockedFlushSList hands it
 *   back newest first), reverses it, reports each fence in order under the
 *   interrupt lock, then moves overflowed DMA buffers into the ring.
 * - TDR (scenario `tdrs`): the GPU may hang with work on the ring; the OS
 *   drains the calls in the driver, then DxgkDdiResetFromTimeout drops the
 *   overflow queue and the latched completions and counts every submitted
 *   fence as completed; then the cleanup calls (BuildPagingBuffer with
 *   Transfer.Size = 0, ReleaseSwizzlingRange) and DxgkDdiRestartFromTimeout.
 *
 * Properties: fence-order (fences reported in increasing order), the TDR rules
 * (exclusive reset, no GPU access in the cleanup calls, calls must return so
 * TDR can drain: deadlock), data races, IRQL and lock discipline, and the
 * invariants below.
 *
 * Scenarios (every model of models/render/ has these):
 * - `submit`: 2 processes x 1 thread, each patching and submitting 2 DMA
 *   buffers: 4 fences through a ring of 2, so the overflow queue and the DPC's
 *   refill are used; up to 4 interrupts, completions coalescing in the ISR.
 * - `scheduler`: 2 processes x 1 thread, each making 2 calls out of Patch,
 *   SubmitCommand, BuildPagingBuffer and PreemptCommand: the whole
 *   gpu-scheduler class against the ISR and DPC.
 * - `tdr`: 1 thread submitting 3 DMA buffers, one GPU hang (up to 3
 *   interrupts): the reset with fences on the ring, in the overflow queue and
 *   latched for the DPC, the cleanup calls, the restart, and submissions after
 *   it.
 * - `tdr-2-threads`: as `submit`, with one GPU hang: the hang and the drain
 *   with calls of two threads in flight.
 * The driver does not handle DxgkDdiReleaseSwizzlingRange (it has no
 * swizzling ranges): the OS's cleanup call returns at once.
 */
import { defineModel, spinLock, t, type Expectation, type SystemView } from '../../src/index.js';

/** The bugs a render variant may carry: each is a one-line change to the correct driver. */
export type RenderBug =
  /** DxgkDdiResetFromTimeout drops the queued work but does not count the submitted fences as completed. */
  | 'reset-forgets-fences'
  /** The DPC reports the flushed completion list in the order the SLIST hands it back: newest first. */
  | 'lifo-completions'
  /** SubmitCommand waits for room in the ring instead of queueing the overflow. */
  | 'submit-waits-for-ring'
  /** BuildPagingBuffer invalidates the evicted allocation's GPU page-table entries even in the TDR cleanup. */
  | 'cleanup-touches-gpu';

/** Entries of the GPU's ring. */
const RING = 2;
/** Most DMA buffers any scenario submits: fences run 1..FENCES. */
const FENCES = 4;

const global = {
  /** m_dmaBufQueueLock: protects the submission state below and the ring's write side. */
  queueLock: spinLock(),
  /** The fence of the last DMA buffer submitted (m_lastSubmittedFenceId): under queueLock. */
  lastSubmitted: t.int(0, FENCES),
  /**
   * DMA buffers submitted but not yet on the ring, oldest first: under queueLock.
   * Being the newest submissions, they are the fences lastSubmitted - overflow + 1 .. lastSubmitted.
   */
  overflow: t.int(0, FENCES),
  /** The last fence reported completed (m_lastCompletetdFenceId): under the interrupt lock. */
  lastCompleted: t.int(0, FENCES),
  /** The completion SLIST: the ISR pushes, the DPC flushes; interlocked list operations. */
  completions: t.interlocked(t.record({ fence: t.array(FENCES, t.int(0, FENCES)), count: t.int(0, FENCES) })),
  /** The private data of the DMA buffer being prepared: Patch writes it, SubmitCommand reads it (no lock: one gpu-scheduler call at a time). */
  dmaBuffer: t.record({ patched: t.bool() }),
  /** The allocation's placement: BuildPagingBuffer moves it; the TDR cleanup says its content was lost. */
  allocation: t.enum(['resident', 'evicted', 'lost']),
};
const local = {
  /** The DPC's copy of the flushed completion list, as InterlockedFlushSList returns it: newest first. */
  done: t.array(FENCES, t.int(0, FENCES)),
  n: t.int(0, FENCES),
};

/** The TDR thread's calls before the cleanup period: the preamble (preemption, debug report) and the reset. */
const TDR_BEFORE_CLEANUP = new Set(['DxgkDdiPreemptCommand', 'DxgkDdiCollectDbgInfo', 'DxgkDdiResetFromTimeout']);

/** What invariants (and tests' probes) see of this model. */
export type RenderView = SystemView<typeof global>;

/** "fence 3" or "fences 2..3": the fences after `completed` up to `submitted`. */
function outstanding(completed: number, submitted: number): string {
  return submitted === completed + 1 ? `fence ${submitted}` : `fences ${completed + 1}..${submitted}`;
}

export interface RenderOptions {
  /** The bug this variant carries; none for the correct driver. */
  readonly bug?: RenderBug;
  /** The manifest: the verdict each scenario must give. */
  readonly expect: Readonly<Record<'submit' | 'scheduler' | 'tdr' | 'tdr-2-threads', Expectation>>;
}

/** Builds the render miniport model, correct or with one bug. */
export function makeRender(opts: RenderOptions) {
  const bug = opts.bug ?? null;
  return defineModel({
    name: bug ? `render-${bug}` : 'render',
    description: bug ? `render miniport (RosKmd/CosKmd style) with a bug: ${bug}` : 'render miniport (RosKmd/CosKmd style): gpu-scheduler calls, DMA ring, fences from ISR/DPC, TDR',
    global,
    local,
    adapter: { queues: { dma: { depth: RING, tokens: FENCES } }, fences: FENCES },
    ddis: {
      DxgkDdiPatch: {
        steps: {
          patch: { name: 'write the allocations\' addresses into the DMA buffer', do: (s) => { s.g.dmaBuffer.patched = true; return 'return'; } },
        },
      },
      DxgkDdiSubmitCommand: {
        steps: {
          prepare: {
            name: 'read the DMA buffer\'s private data',
            do: (s) => { s.g.dmaBuffer.patched = false; return bug === 'submit-waits-for-ring' ? 'waitForRing' : 'submit'; },
          },
          waitForRing: { name: 'wait for room in the ring', do: (s, k) => { k.await(k.hw.pending('dma') < RING); return 'submit'; } },
          submit: {
            name: 'take the next fence; ring or overflow',
            do: (s, k) => {
              k.acquireSpinLock(s.g.queueLock);
              const fence = s.g.lastSubmitted + 1;
              s.g.lastSubmitted = fence;
              if (s.g.overflow > 0 || !k.hw.submit('dma', fence)) s.g.overflow++;
              k.releaseSpinLock(s.g.queueLock);
              return 'return';
            },
          },
        },
      },
      DxgkDdiBuildPagingBuffer: {
        steps: {
          build: (s, k) => {
            if (k.callInfo?.flags.TransferSizeZero) {
              // TDR cleanup: the reset lost the allocation's content; nothing to copy.
              s.g.allocation = 'lost';
              if (bug === 'cleanup-touches-gpu') k.hw.register('invalidates the evicted allocation\'s GPU page-table entries');
              return 'return';
            }
            // A transfer command written into the paging DMA buffer (CPU memory); the GPU runs it later.
            s.g.allocation = s.g.allocation === 'resident' ? 'evicted' : 'resident';
            return 'return';
          },
        },
      },
      DxgkDdiPreemptCommand: {
        steps: {
          request: {
            name: 'write the preemption request register',
            do: (s, k) => { k.synchronizeExecution(() => k.hw.register('writes the preemption request register')); return 'return'; },
          },
        },
      },
      DxgkDdiResetFromTimeout: {
        steps: {
          reset: {
            name: bug === 'reset-forgets-fences' ? 'drop queued work and latched completions' : 'drop queued work; every submitted fence counts as completed',
            do: (s, k) => {
              k.acquireSpinLock(s.g.queueLock);
              s.g.overflow = 0;
              k.synchronizeExecution(() => {
                if (bug !== 'reset-forgets-fences') s.g.lastCompleted = s.g.lastSubmitted;
                for (let i = 0; i < FENCES; i++) s.g.completions.fence[i] = 0;
                s.g.completions.count = 0;
              });
              k.releaseSpinLock(s.g.queueLock);
              return 'return';
            },
          },
        },
      },
      DxgkDdiRestartFromTimeout: {
        steps: { restart: { name: 'ready for new DMA buffers', next: 'return' } },
      },
    },
    threads: {
      startDevice: { steps: { enable: { name: 'enable the GPU interrupt', do: (s, k) => { k.hw.enableInterrupts(true); return 'return'; } } } },
    },
    isr: {
      steps: {
        ack: (s, k) => {
          if (!k.hw.ackInterrupt()) return 'return';
          for (let f = k.hw.takeCompleted('dma'); f !== 0; f = k.hw.takeCompleted('dma')) {
            s.g.completions.fence[s.g.completions.count] = f;
            s.g.completions.count++;
          }
          k.queueDpc('complete');
          return 'return';
        },
      },
    },
    dpcs: {
      complete: {
        steps: {
          flush: {
            name: 'InterlockedFlushSList(completions)',
            do: (s) => {
              const n = s.g.completions.count;
              for (let i = 0; i < n; i++) { s.local.done[i] = s.g.completions.fence[n - 1 - i]; s.g.completions.fence[n - 1 - i] = 0; }
              s.local.n = n;
              s.g.completions.count = 0;
              return 'report';
            },
          },
          report: {
            name: 'report the completed fences',
            do: (s, k) => {
              const n = s.local.n;
              k.synchronizeExecution(() => {
                for (let i = 0; i < n; i++) {
                  const fence = s.local.done[bug === 'lifo-completions' ? i : n - 1 - i];
                  k.hw.notifyDmaCompleted(fence);
                  if (fence > s.g.lastCompleted) s.g.lastCompleted = fence;
                }
              });
              return 'refill';
            },
          },
          refill: {
            name: 'move overflowed DMA buffers into the ring',
            do: (s, k) => {
              k.acquireSpinLock(s.g.queueLock);
              while (s.g.overflow > 0 && k.hw.submit('dma', s.g.lastSubmitted - s.g.overflow + 1)) s.g.overflow--;
              k.releaseSpinLock(s.g.queueLock);
              return 'return';
            },
          },
        },
      },
    },
    invariants: {
      'fences complete only after submission': (s) => s.g.lastCompleted <= s.g.lastSubmitted
        || `fence ${s.g.lastCompleted} is reported completed, but only fences up to ${s.g.lastSubmitted} were submitted`,
      // The cleanup period: the OS's TDR thread in a call after the reset (not the preamble before it, nor the reset itself).
      'a reset completes every submitted fence': (s) => !s.contexts.some((c) => c.name === 'TDR' && c.call !== null && !TDR_BEFORE_CLEANUP.has(c.call.replace(/\[.*$/, '')))
        || s.g.lastCompleted === s.g.lastSubmitted
        || `the TDR cleanup runs, yet the driver still counts ${outstanding(s.g.lastCompleted, s.g.lastSubmitted)} as outstanding: `
          + 'after DxgkDdiResetFromTimeout the OS considers every submitted fence completed, and no interrupt will ever complete them',
    },
    scenarios: {
      submit: {
        description: '2 threads, each patching and submitting 2 DMA buffers',
        processes: 2, calls: { DxgkDdiPatch: 1, DxgkDdiSubmitCommand: 2 }, workers: { startDevice: 1 }, interrupts: 4,
      },
      scheduler: {
        description: '2 threads, 2 gpu-scheduler calls each',
        processes: 2, calls: ['DxgkDdiPatch', 'DxgkDdiSubmitCommand', 'DxgkDdiBuildPagingBuffer', 'DxgkDdiPreemptCommand'], callsPerThread: 2,
        workers: { startDevice: 1 }, interrupts: 2,
      },
      tdr: {
        description: '1 thread submitting 3 DMA buffers; the GPU may hang once',
        calls: { DxgkDdiSubmitCommand: 3 }, workers: { startDevice: 1 }, interrupts: 3, tdrs: 1,
      },
      'tdr-2-threads': {
        description: '2 threads submitting 2 DMA buffers each; the GPU may hang once',
        processes: 2, calls: { DxgkDdiPatch: 1, DxgkDdiSubmitCommand: 2 }, workers: { startDevice: 1 }, interrupts: 4, tdrs: 1,
      },
    },
    defaultScenario: 'submit',
    expect: opts.expect,
  });
}
