/**
 * The queue layer of the paravirtual display driver models (see _viogpu.ts):
 * the state of driver and device, and the request paths of viogpudo's queue
 * classes (virtio-win/kvm-guest-drivers-windows, viogpu/common/viogpu_queue.cpp:
 * CtrlQueue::QueueBuffer and AskDisplayInfo, CrsrQueue::QueueCursor,
 * VioGpuBuf::GetBuf and FreeBuf), as steps the adapter layer strings into its
 * DDIs, its worker and its DPC.
 */
import { event, handle, pool, spinLock, t, type Scope, type StepSpec } from '../../src/index.js';

/** Buffers in the pool: StartDevice's command, a present or pointer update, and the display-info request. */
export const NBUF = 3;
/** Request states of a waited buffer (viogpudo has none: it is what the correct driver adds). */
export const PENDING = 0;
export const COMPLETED = 1;
export const ABANDONED = 2;

/** The driver's state (global space: the adapter's device extension and its objects). */
export const global = {
  /** Virtqueue ring memory (vring_virtqueue): allocated by StartDevice, freed by power-down. */
  vqs: pool('virtqueue', 2, { lock: spinLock() }),
  /** The driver's pointers to its two virtqueues; StartDevice sets them, teardown frees the rings but keeps the values. */
  ctrlVq: handle(2),
  cursorVq: handle(2),
  /** Request buffers (GPU_VBUFFER): the handle is the token on the queue. */
  bufs: pool('vbuf', NBUF, {
    /** The submitter waits for the response (not auto_release): the DPC runs the completion callback. */
    waited: t.bool(),
    /** Set by the completion callback. */
    done: event('notification'),
    /** PENDING, COMPLETED or ABANDONED: decided by interlocked compare-exchange (the correct driver's fix). */
    state: t.interlocked(t.int(0, 2)),
  }),
  /** m_Flags.DriverStarted / IsHardwareInit(): written under the interrupt lock, read by the ISR. */
  hwInit: t.bool(),
  /** m_PendingWorks: the ISR's latch for the DPC (InterlockedOr / InterlockedExchange). */
  pendingWork: t.interlocked(t.int(0, 1)),
  /** The host's display-change event (virtio-gpu config events_read): one change to report. */
  hostDisplayEvent: t.interlocked(t.int(0, 1, 1)),
  /** m_ConfigUpdateEvent: the DPC wakes the configuration worker (and StopDevice, to stop it). */
  configUpdate: event('synchronization'),
  /** m_bStopWorkThread: written before KeSetEvent, read after the wait (the event orders them). */
  stopWorker: t.interlocked(t.int(0, 1)),
  /** Signaled when the worker thread ends (StopDevice waits on the thread object). */
  workerExited: event('notification'),
  /** The vsync timer's context (the timer's DPC argument) and the lock that guards its `enabled` flag. */
  vsyncLock: spinLock(),
  vsyncCtx: pool('vsync context', 1, { enabled: t.bool() }),
  vsync: handle(1),
};
/** Per-context locals. */
export const local = {
  /** The buffer this context works on. */
  buf: handle(NBUF),
};
/** What a step of these models sees as `s`. */
export type S = Scope<typeof global, {}, typeof local>;

/**
 * The steps that send a request on the control queue and wait for its
 * response (CtrlQueue::AskDisplayInfo), ending at `then`: used by the worker,
 * and by the DPC in the bug that reads the display info there. With
 * `releaseOnTimeout` the waiter frees the buffer when its wait times out
 * (viogpudo); otherwise it hands the buffer over to the DPC.
 */
export function askDisplayInfo(then: string, opts: { releaseOnTimeout: boolean }): Record<string, StepSpec<S>> {
  return {
    ask: (s, k) => {
      const h = k.alloc(s.g.bufs);
      if (h === 0) return then;
      k.use(s.g.bufs, h).waited = true;
      s.local.buf = h;
      return 'queue';
    },
    queue: (s, k) => {
      // QueueBuffer: add to the ring and kick the host, under the queue's lock.
      const vq = k.use(s.g.vqs, s.g.ctrlVq);
      k.acquireSpinLock(vq.lock);
      const queued = k.hw.submit('ctrl', s.local.buf);
      k.releaseSpinLock(vq.lock);
      if (!queued) { k.free(s.g.bufs, s.local.buf); return then; }
      return 'wait';
    },
    // KeWaitForSingleObject(&event, ..., 1 s): the response, or the timeout.
    wait: [
      {
        name: 'wait for the response',
        do: (s, k) => { k.waitEvent(k.use(s.g.bufs, s.local.buf).done); return 'read'; },
      },
      { name: 'wait times out (1 s)', next: 'timedOut' },
    ],
    read: (s, k) => {
      // GetDisplayInfo reads the response, then the buffer goes back to the pool.
      k.use(s.g.bufs, s.local.buf);
      k.free(s.g.bufs, s.local.buf);
      return then;
    },
    timedOut: (s, k) => {
      if (opts.releaseOnTimeout) {
        // viogpudo: a debugger break, then the caller reads the response and releases the buffer.
        k.free(s.g.bufs, s.local.buf);
        return then;
      }
      // Give the buffer to the DPC, unless the response won the race.
      const was = k.interlockedCompareExchange(k.use(s.g.bufs, s.local.buf), 'state', ABANDONED, PENDING);
      return was === COMPLETED ? 'read' : then;
    },
  };
}

/** A fire-and-forget command on queue `q` (auto_release: the DPC releases it). */
export function sendCommand(q: 'ctrl' | 'cursor', then: string): Record<string, StepSpec<S>> {
  return {
    alloc: (s, k) => {
      if (!s.g.hwInit) return then;
      const h = k.alloc(s.g.bufs);
      if (h === 0) return then;
      s.local.buf = h;
      return 'send';
    },
    send: (s, k) => {
      const vq = k.use(s.g.vqs, q === 'ctrl' ? s.g.ctrlVq : s.g.cursorVq);
      k.acquireSpinLock(vq.lock);
      const queued = k.hw.submit(q, s.local.buf);
      k.releaseSpinLock(vq.lock);
      if (!queued) k.free(s.g.bufs, s.local.buf);
      return then;
    },
  };
}
