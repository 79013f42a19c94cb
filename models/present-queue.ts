/**
 * A display driver's present path, the second reference model of the benchmark
 * (with more kernel primitives than the dispatcher).
 *
 * OS threads call DxgkDdiPresent, which queues a present packet (a fence number)
 * in a software queue under a spin lock and kicks a driver worker thread through
 * a synchronization event. The worker waits on that event, takes the oldest
 * packet under the spin lock when the GPU's single hardware slot is free, and
 * writes it to the GPU registers under the interrupt lock
 * (KeSynchronizeExecution), arming a watchdog timer. When the GPU finishes, its
 * ISR latches the completed fence, frees the hardware slot and queues the
 * completion DPC. Interrupts can outrun the DPC: a DPC queued while it is
 * already queued is not queued twice, and a second interrupt can arrive while
 * the DPC runs, so the DPC retires every fence up to the latched one (possibly
 * none), cancels the watchdog when nothing is in flight, and kicks the worker
 * again. The watchdog's own DPC only samples progress (a driver would start a
 * TDR on a stall; this GPU never hangs), and may still run after the completion
 * DPC cancelled the timer, since cancelling does not dequeue its DPC.
 *
 * Properties: the queue never overflows, and the GPU never reports a fence older
 * than one already retired (step assertions); the GPU holds at most one packet,
 * every fence is retired exactly once, and nothing is retired before it was
 * submitted or submitted before it was presented (invariants over ghost
 * counters); data races (queue state is touched only under the spin lock, GPU
 * registers only as interlocked device accesses); deadlock (the worker must not
 * wait forever for a kick that never comes); IRQL and lock discipline.
 *
 * Scenarios (the worker stops once it has submitted every present, so each
 * scenario names the worker that matches its number of presents; the interrupt
 * fires once per submitted packet):
 * - `default`: 2 OS threads (2 processes x 1 thread), 2 presents each, 4 interrupts:
 *   every interleaving of two presenting threads with the worker, ISR, completion
 *   DPC and watchdog (306,926 states, about a second).
 * - `small`: 2 OS threads, 1 present each, 2 interrupts: a quick check (3,217 states).
 * - `single`: 1 OS thread presenting 4 times, 4 interrupts: no contention on the
 *   queue, only with the worker, the interrupt and the DPCs (132,256 states).
 * All three hold.
 */
import { defineModel, event, spinLock, t, type Procedure, type Scope } from '../src/index.js';

/** Most presents in any scenario: the queue holds them all, fences run 1..MAX. */
const MAX = 4;

const global = {
  queueLock: spinLock(),
  /** Queued fences, a ring of MAX (0: empty), its head and its length: under queueLock. */
  queue: t.array(MAX, t.int(0, MAX)),
  qHead: t.int(0, MAX - 1),
  qCount: t.int(0, MAX),
  /** The fence the next present gets: under queueLock. */
  nextFence: t.int(1, MAX + 1, 1),
  /** Packets the worker took from the queue: under queueLock. */
  submitted: t.int(0, MAX),
  /** The highest fence the completion DPC retired, read without the lock: an aligned 32-bit value. */
  completed: t.interlocked(t.int(0, MAX)),
  /** GPU registers (READ/WRITE_REGISTER_ULONG): the fence it works on and whether it is busy. */
  hw: t.interlocked(t.record({ busy: t.bool(), fence: t.int(0, MAX) })),
  /** The fence the ISR read back from the GPU, for the DPC. */
  isrFence: t.interlocked(t.int(0, MAX)),
  workEvent: event('synchronization'),
  /** Watchdog DPC state: the fence it saw at its last tick, and ticks without progress. */
  lastSeen: t.int(0, MAX),
  stalls: t.ghost(t.int(0, MAX)),
  /** Packets on the GPU (submitted, not yet interrupted) and fences retired, for the invariants. */
  inGpu: t.ghost(t.int(0, 2)),
  retired: t.ghost(t.int(0, MAX)),
};
const local = { fence: t.int(0, MAX) };
type S = Scope<typeof global, {}, typeof local>;

/** The worker thread: submits `total` packets to the GPU, one at a time, then exits. */
function submitter(total: number): Procedure<S> {
  return {
    steps: {
      loop: [
        { name: 'more to submit', guard: (s) => s.g.submitted < total, next: 'wait' },
        { name: 'all submitted', guard: (s) => s.g.submitted >= total, next: 'return' },
      ],
      wait: (s, k) => { k.waitEvent(s.g.workEvent); return 'lock'; },
      lock: (s, k) => { k.acquireSpinLock(s.g.queueLock); return 'pick'; },
      pick: (s) => {
        if (s.g.qCount === 0 || s.g.hw.busy) return 'idle';
        s.local.fence = s.g.queue[s.g.qHead];
        s.g.queue[s.g.qHead] = 0;
        s.g.qHead = (s.g.qHead + 1) % MAX;
        s.g.qCount--;
        s.g.submitted++;
        return 'submit';
      },
      idle: (s, k) => { k.releaseSpinLock(s.g.queueLock); return 'loop'; },
      submit: (s, k) => {
        k.synchronizeExecution(() => {
          s.g.hw.fence = s.local.fence;
          s.g.hw.busy = true;
          s.g.inGpu++;
        });
        k.setTimer('watchdog');
        return 'unlock';
      },
      unlock: (s, k) => { k.releaseSpinLock(s.g.queueLock); return 'loop'; },
    },
  };
}

export default defineModel({
  name: 'present-queue',
  description: 'present packets queued under a spin lock, submitted by a worker, completed by ISR + DPC, with a watchdog timer',
  global,
  local,
  ddis: {
    DxgkDdiPresent: {
      steps: {
        lock: (s, k) => { k.acquireSpinLock(s.g.queueLock); return 'enqueue'; },
        enqueue: (s, k) => {
          k.assert(s.g.qCount < MAX, 'the present queue overflows', 'queue-overflow');
          s.g.queue[(s.g.qHead + s.g.qCount) % MAX] = s.g.nextFence;
          s.g.qCount++;
          s.g.nextFence++;
          return 'unlock';
        },
        unlock: (s, k) => { k.releaseSpinLock(s.g.queueLock); return 'kick'; },
        kick: (s, k) => { k.setEvent(s.g.workEvent); return 'return'; },
      },
    },
  },
  threads: { submit2: submitter(2), submit4: submitter(4) },
  isr: {
    when: (s) => s.g.hw.busy,
    steps: {
      ack: (s, k) => {
        s.g.isrFence = s.g.hw.fence;
        s.g.hw.busy = false;
        s.g.inGpu--;
        k.queueDpc('complete');
        return 'return';
      },
    },
  },
  dpcs: {
    complete: {
      steps: {
        lock: (s, k) => { k.acquireSpinLock(s.g.queueLock); return 'retire'; },
        retire: (s, k) => {
          const upTo = s.g.isrFence;
          k.assert(upTo >= s.g.completed, `the GPU reports fence ${upTo} after fence ${s.g.completed} was retired`, 'fence-order');
          s.g.retired += upTo - s.g.completed;
          s.g.completed = upTo;
          if (s.g.completed === s.g.submitted) k.cancelTimer('watchdog');
          return 'unlock';
        },
        unlock: (s, k) => { k.releaseSpinLock(s.g.queueLock); return 'kick'; },
        kick: (s, k) => { k.setEvent(s.g.workEvent); return 'return'; },
      },
    },
    tdr: {
      steps: {
        sample: (s, k) => {
          const done = s.g.completed;
          if (s.g.hw.busy && done === s.g.lastSeen) s.g.stalls++;
          s.g.lastSeen = done;
          return 'return';
        },
      },
    },
  },
  timers: { watchdog: { dpc: 'tdr' } },
  expect: { default: { verdict: 'holds' }, small: { verdict: 'holds' }, single: { verdict: 'holds' } },
  invariants: {
    'one packet on the GPU': (s) => s.g.inGpu <= 1 || `${s.g.inGpu} packets are on the GPU at once`,
    'retired only after submitted': (s) => s.g.retired === s.g.completed && s.g.completed <= s.g.submitted
      || `${s.g.retired} fences retired, completed fence ${s.g.completed}, ${s.g.submitted} submitted`,
    'submitted only after presented': (s) => s.g.submitted + s.g.qCount === s.g.nextFence - 1
      || `${s.g.submitted} submitted + ${s.g.qCount} queued, but ${s.g.nextFence - 1} presented`,
  },
  scenarios: {
    default: { description: '2 threads, 2 presents each', processes: 2, threadsPerProcess: 1, calls: { DxgkDdiPresent: 2 }, workers: { submit4: 1 }, interrupts: 4 },
    small: { description: '2 threads, 1 present each', processes: 2, threadsPerProcess: 1, calls: { DxgkDdiPresent: 1 }, workers: { submit2: 1 }, interrupts: 2 },
    single: { description: '1 thread, 4 presents', processes: 1, threadsPerProcess: 1, calls: { DxgkDdiPresent: 4 }, workers: { submit4: 1 }, interrupts: 4 },
  },
});
