/**
 * A display-only miniport driver (KMDOD) with a present worker thread, a vsync
 * interrupt and its DPC, and DxgkDdiStopDevice tearing it all down. It follows
 * the BasicDisplay sample, microsoft/Windows-driver-samples video/KMDOD:
 * blthw.cxx (BDD_HWBLT::ExecutePresentDisplayOnly hands a present to a worker
 * thread, HwContextWorkerThread blts it, and the BDD_HWBLT destructor waits for
 * the thread to exit before the object goes away) and bdd.cxx
 * (BASIC_DISPLAY_DRIVER::StopDevice, which then unmaps the frame buffer). BasicDisplay has no interrupt (its ISR
 * returns FALSE); this driver's device has one, raised when a flip reaches the
 * screen, so its ISR reads and acknowledges the interrupt status and queues the
 * vsync DPC only when the device really interrupted, and not at all once
 * StopDevice has begun to take the device away (a shared line calls it then too).
 *
 * What it shows of the model language: a worker that exits (its last step
 * returns 'return'), a BOOLEAN set with InterlockedExchange, a spin lock where a
 * DPC shares the data, KeSynchronizeExecution around the interrupt enable, and
 * an invariant that reads the kernel and the adapter (s.kernel, s.adapter).
 *
 *   npx ddicheck check examples/display-only.ts
 */
import { defineModel, event, handle, pool, spinLock, t } from '../src/index.js';

export default defineModel({
  name: 'display-only',
  description: 'a KMDOD present worker, vsync ISR and DPC, torn down by DxgkDdiStopDevice',
  global: {
    /** Protects the present queue; the worker and the DPC take it too. */
    lock: spinLock(),
    /** Presents waiting for the worker (under lock). */
    queued: t.int(0, 1),
    /** Flips the DPC saw reach the screen (under lock). */
    onScreen: t.int(0, 1),
    /** Kicks the worker: a present was queued, or the device is stopping. */
    workEvent: event('synchronization'),
    /** Set by the worker as its last act: what KeWaitForSingleObject on the thread object waits for. */
    workerExited: event('notification'),
    /**
     * The device answers the ISR: cleared by StopDevice under the interrupt lock. The line
     * may be shared, so the ISR is called after the stop too and must not serve a device
     * that is going away (viogpu's ISR starts with `if (!IsHardwareInit()) return FALSE;`).
     */
    hwReady: t.bool(true),
    /** Written with InterlockedExchange by StopDevice, read by Present and the worker. */
    stopping: t.interlocked(t.bool()),
    /** The frame buffer mapping (MmMapIoSpace at StartDevice); StopDevice unmaps it. */
    fbMaps: pool('frame buffer mapping', 1, {}),
    fb: handle(1),
    /** StopDevice has finished. */
    stopped: t.ghost(t.bool()),
  },
  adapter: { queues: { flip: { depth: 1, tokens: 1 } } },
  // The device is started: the frame buffer is mapped and the interrupt enabled.
  init: (s, k) => { s.g.fb = k.alloc(s.g.fbMaps); k.hw.enableInterrupts(true); },
  ddis: {
    DxgkDdiPresentDisplayOnly: {
      steps: {
        queue: (s, k) => {
          if (s.g.stopping) return 'return';   // STATUS_DEVICE_REMOVED: nobody will blt it
          k.acquireSpinLock(s.g.lock);
          s.g.queued = 1;
          k.releaseSpinLock(s.g.lock);
          return 'kick';
        },
        kick: (s, k) => { k.setEvent(s.g.workEvent); return 'return'; },
      },
    },
    DxgkDdiStopDevice: {
      steps: {
        stop: (s, k) => { k.interlockedExchange(s.g, 'stopping', true); k.setEvent(s.g.workEvent); return 'join'; },
        // ~BDD_HWBLT: wait for the present worker to exit before anything goes away.
        join: (s, k) => { k.waitEvent(s.g.workerExited); return 'quiesce'; },
        quiesce: (s, k) => { k.synchronizeExecution(() => { s.g.hwReady = false; k.hw.enableInterrupts(false); }); return 'flush'; },
        // No interrupt can queue the DPC now; wait for one already queued or running.
        flush: (_s, k) => { k.flushQueuedDpcs(); return 'unmap'; },
        unmap: (s, k) => { k.free(s.g.fbMaps, s.g.fb); s.g.fb = 0; s.g.stopped = true; return 'return'; },
      },
    },
  },
  threads: {
    presentWorker: {
      steps: {
        wait: { end: true, do: (s, k) => { k.waitEvent(s.g.workEvent); return 'take'; } },
        take: (s, k) => {
          k.acquireSpinLock(s.g.lock);
          const work = s.g.queued;
          s.g.queued = 0;
          k.releaseSpinLock(s.g.lock);
          if (work > 0) return 'blt';
          return s.g.stopping ? 'exit' : 'wait';
        },
        blt: (s, k) => { k.use(s.g.fbMaps, s.g.fb); k.hw.frameBuffer('copies the dirty rectangles'); return 'flip'; },
        flip: (_s, k) => { k.hw.submit('flip', 1); return 'take'; },
        // The worker's last step: it returns, and the thread is gone.
        exit: (s, k) => { k.setEvent(s.g.workerExited); return 'return'; },
      },
    },
  },
  isr: {
    steps: {
      ack: (s, k) => {
        if (!s.g.hwReady) return 'return';              // stopped: the device is going away
        if (!k.hw.ackInterrupt()) return 'return';   // not ours: claim nothing, queue nothing
        k.queueDpc('vsync');                          // false if already queued: that DPC will see this flip too
        return 'return';
      },
    },
  },
  dpcs: {
    vsync: {
      steps: {
        report: (s, k) => {
          k.acquireSpinLock(s.g.lock);
          if (k.hw.takeCompleted('flip') !== 0) s.g.onScreen = 1;
          k.releaseSpinLock(s.g.lock);
          return 'return';
        },
      },
    },
  },
  invariants: {
    'stopped means quiet': (s) => !s.g.stopped
      || (!s.adapter!.interruptsEnabled && !s.kernel.dpcs.vsync.queued && !s.kernel.dpcs.vsync.running)
      || 'DxgkDdiStopDevice returned with the vsync interrupt enabled or its DPC pending',
  },
  scenarios: {
    default: {
      description: 'one thread presents while another stops the device; the flip interrupt may fire twice',
      processes: 2,
      processCalls: [['DxgkDdiPresentDisplayOnly'], ['DxgkDdiStopDevice']],
      callsPerThread: 1,
      workers: { presentWorker: 1 },
      interrupts: 2,
    },
  },
  expect: { default: { verdict: 'holds' } },
});
