/**
 * A display-only miniport through its whole device lifecycle: the OS's PnP
 * thread starts it, may pull it out from under it (surprise removal), and stops
 * it, while an OS thread presents and the vsync interrupt and DPC run. The
 * shared factory of models/lifecycle/: each model file there calls `makeBdd`
 * with the bug it carries (or none) and its manifest.
 *
 * What it follows. BasicDisplay (microsoft/Windows-driver-samples video/KMDOD):
 * BASIC_DISPLAY_DRIVER::StartDevice (bdd.cxx) sets the driver up and maps the
 * frame buffer of the current mode; ::StopDevice calls CleanUp(), which unmaps
 * the frame buffers; blthw.cxx hands presents to a worker thread
 * (HwContextWorkerThread) and waits for it to exit before the object goes. The
 * device here has an interrupt, raised when a flip is on screen; the ISR and
 * the vsync DPC follow viogpu (virtio-win viogpu/viogpudo.cpp:
 * VioGpuAdapter::InterruptRoutine returns at once `if (!IsHardwareInit())`, and
 * the DPC updates a vsync context StartDevice allocated). StartDevice's job, as
 * its page lists it: map the frame buffer ("Map memory resources into system
 * space"), set up the context block, "Enable interrupts for the display
 * adapter"; here also the worker thread (PsCreateSystemThread) and the vsync
 * context the DPC counts frames in.
 *
 * Contexts: the OS's PnP thread (DxgkDdiStartDevice, DxgkDdiNotifySurpriseRemoval,
 * DxgkDdiStopDevice: the scenario's `lifecycle`), one OS thread presenting
 * (DxgkDdiPresentDisplayOnly; the OS calls it only once StartDevice has
 * returned), the present worker (waiting, from boot, to be started), the ISR and
 * the vsync DPC.
 *
 * - DxgkDdiStartDevice: `map` the frame buffer and allocate the vsync context;
 *   `enable`: under the interrupt lock, tell the ISR the hardware is up and
 *   enable the interrupt (the ISR may already be called: the line may be
 *   shared, and it returns FALSE until then); `spawn` the worker.
 * - DxgkDdiNotifySurpriseRemoval (WDDM 1.2 and later, DxgkRemovalPnPNotify: the
 *   device vanished while running): under the interrupt lock, stop the ISR
 *   touching the device; under the queue lock (which the worker holds while it
 *   blts), note that the device is gone, so nothing touches it once the call
 *   returns. The page: the driver "must not touch or clean any hardware
 *   settings" from then on; the OS goes on calling DDIs to release resources.
 * - DxgkDdiStopDevice: `stop` the worker and `join` it, `quiesce` (ISR off;
 *   the interrupt disabled, unless the device is gone), `flush` the DPC the
 *   last interrupt queued (KeFlushQueuedDpcs), `free` the mapping and the vsync
 *   context.
 *
 * Scenarios (every model of models/lifecycle/ has these; one present, at most
 * 2 flip interrupts and 1 spurious call of the shared line):
 * - `start-stop`: `lifecycle: { start: true, stop: true }`.
 * - `removal`: `lifecycle: { start: true, surpriseRemoval: true, stop: true }`.
 */
import { defineModel, event, handle, pool, spinLock, t, type Expectation, type Kernel, type Scope } from '../../src/index.js';

/** The bugs a variant may carry: each is a one-line change to the correct driver. */
export type BddBug =
  /** DxgkDdiStopDevice frees the vsync context without KeFlushQueuedDpcs: a DPC queued before the stop runs after it. */
  | 'stop-without-flush'
  /** DxgkDdiNotifySurpriseRemoval only sets a flag nobody reads in the ISR: a shared-line ISR call reads the gone device's status. */
  | 'removal-leaves-isr';

const global = {
  /** Protects the present queue; the worker blts under it, so the removal can wait out a blt. */
  lock: spinLock(),
  /** Presents waiting for the worker (under lock). */
  queued: t.int(0, 1),
  /** Kicks the worker: a present was queued, or the device is stopping. */
  workEvent: event('synchronization'),
  /** StartDevice created the worker thread: until then it does not exist (it waits here from boot). */
  started: event('notification'),
  /** Set by the worker as its last act: what KeWaitForSingleObject on the thread object waits for. */
  workerExited: event('notification'),
  /** The ISR may serve the device (viogpu's IsHardwareInit): set by StartDevice, cleared by the removal and StopDevice, under the interrupt lock. */
  hwReady: t.bool(),
  /** The device is gone (surprise removal): written under lock, read under lock. */
  gone: t.bool(),
  /** Written with InterlockedExchange by StopDevice, read by Present and the worker. */
  stopping: t.interlocked(t.bool()),
  /** The frame buffer mapping StartDevice makes (DxgkCbMapMemory) and StopDevice unmaps. */
  fbMaps: pool('frame buffer mapping', 1, {}),
  fb: handle(1),
  /** The vsync context StartDevice allocates and StopDevice frees; the DPC counts frames in it. */
  vsyncCtx: pool('vsync context', 1, { frames: t.int(0, 1) }),
  vsync: handle(1),
};
type S = Scope<typeof global, {}, {}>;

export interface BddOptions {
  readonly bug?: BddBug;
  /** The manifest: the verdict each scenario must give. */
  readonly expect: Readonly<Record<'start-stop' | 'removal', Expectation>>;
}

/** Builds the lifecycle model, correct or with one bug. */
export function makeBdd(opts: BddOptions) {
  const bug = opts.bug ?? null;
  return defineModel({
    name: bug ? `bdd-${bug}` : 'bdd',
    description: bug ? `BasicDisplay-style driver through StartDevice, surprise removal and StopDevice, with a bug: ${bug}` : 'BasicDisplay-style driver through StartDevice, surprise removal and StopDevice',
    global,
    adapter: { queues: { flip: { depth: 1, tokens: 1 } } },
    ddis: {
      DxgkDdiStartDevice: {
        steps: {
          map: {
            name: 'map the frame buffer, allocate the vsync context',
            do: (s, k) => { s.g.fb = k.alloc(s.g.fbMaps); s.g.vsync = k.alloc(s.g.vsyncCtx); return 'enable'; },
          },
          enable: {
            name: 'enable interrupts',
            do: (s, k) => { k.synchronizeExecution(() => { s.g.hwReady = true; k.hw.enableInterrupts(true); }); return 'spawn'; },
          },
          spawn: { name: 'create the present worker', do: (s, k) => { k.setEvent(s.g.started); return 'return'; } },
        },
      },
      DxgkDdiNotifySurpriseRemoval: {
        steps: {
          ...(bug === 'removal-leaves-isr' ? {} : {
            isrOff: { name: 'stop the ISR touching the device', do: (s: S, k: Kernel) => { k.synchronizeExecution(() => { s.g.hwReady = false; }); return 'gone'; } },
          }),
          gone: {
            name: 'note the device is gone',
            do: (s, k) => { k.acquireSpinLock(s.g.lock); s.g.gone = true; k.releaseSpinLock(s.g.lock); return 'return'; },
          },
        },
      },
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
          join: (s, k) => { k.waitEvent(s.g.workerExited); return 'quiesce'; },
          quiesce: (s, k) => {
            k.synchronizeExecution(() => { s.g.hwReady = false; });
            k.acquireSpinLock(s.g.lock);
            const gone = s.g.gone;
            k.releaseSpinLock(s.g.lock);
            if (!gone) k.hw.enableInterrupts(false);
            return bug === 'stop-without-flush' ? 'free' : 'flush';
          },
          flush: (_s, k) => { k.flushQueuedDpcs(); return 'free'; },
          free: (s, k) => {
            k.free(s.g.fbMaps, s.g.fb); s.g.fb = 0;
            k.free(s.g.vsyncCtx, s.g.vsync); s.g.vsync = 0;
            return 'return';
          },
        },
      },
    },
    threads: {
      presentWorker: {
        steps: {
          // The thread does not exist before StartDevice: parked here, it is no deadlock.
          born: { end: true, do: (s, k) => { k.waitEvent(s.g.started); return 'wait'; } },
          wait: { end: true, do: (s, k) => { k.waitEvent(s.g.workEvent); return 'take'; } },
          take: (s, k) => {
            k.acquireSpinLock(s.g.lock);
            if (s.g.queued === 0 || s.g.gone) {
              s.g.queued = 0;
              k.releaseSpinLock(s.g.lock);
              return s.g.stopping ? 'exit' : 'wait';
            }
            s.g.queued = 0;
            return 'blt';
          },
          blt: (s, k) => { k.use(s.g.fbMaps, s.g.fb); k.hw.frameBuffer('copies the dirty rectangles'); return 'flip'; },
          flip: (s, k) => { k.hw.submit('flip', 1); k.releaseSpinLock(s.g.lock); return 'take'; },
          exit: (s, k) => { k.setEvent(s.g.workerExited); return 'return'; },
        },
      },
    },
    isr: {
      steps: {
        ack: (s, k) => {
          if (!s.g.hwReady) return 'return';              // not started, gone, or stopping: claim nothing
          if (!k.hw.ackInterrupt()) return 'return';      // not ours (a shared line)
          k.queueDpc('vsync');
          return 'return';
        },
      },
    },
    dpcs: {
      vsync: {
        steps: {
          report: (s, k) => {
            k.acquireSpinLock(s.g.lock);
            if (k.hw.takeCompleted('flip') !== 0) k.use(s.g.vsyncCtx, s.g.vsync).frames = 1;
            k.releaseSpinLock(s.g.lock);
            return 'return';
          },
        },
      },
    },
    scenarios: {
      'start-stop': {
        description: 'the PnP thread starts the device and stops it; one thread presents in between; the flip interrupt may fire twice',
        calls: ['DxgkDdiPresentDisplayOnly'], workers: { presentWorker: 1 }, interrupts: 2,
        lifecycle: { start: true, stop: true },
      },
      removal: {
        description: 'as start-stop, and the device may be surprise-removed while it runs',
        calls: ['DxgkDdiPresentDisplayOnly'], workers: { presentWorker: 1 }, interrupts: 2,
        lifecycle: { start: true, surpriseRemoval: true, stop: true },
      },
    },
    expect: opts.expect,
  });
}
