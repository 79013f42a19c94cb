/**
 * The shared body of the paravirtual display driver models: a display-only
 * miniport for a virtio-gpu device, in the design of the viogpudo driver
 * (virtio-win/kvm-guest-drivers-windows: viogpu/viogpudo/viogpudo.cpp, the
 * VioGpuAdapter class; viogpu/common/viogpu_queue.cpp, the control and cursor
 * queues and the VioGpuBuf buffer pool), with the software vsync timer of the
 * Spice QXL display-only driver (daynix/qxl-wddm-dod: qxldod/QxlDod.cpp,
 * QxlDod::EnableVsync and VsyncTimerProc). Each model file calls
 * `makeViogpu(bug, ...)` once: the correct driver, or the same driver with one
 * bug that real drivers of this kind have shipped.
 *
 * The design, in our words:
 * - Two virtqueues to the host, `ctrl` (commands with responses) and `cursor`
 *   (pointer updates), are adapter queues of order `any`: the host takes
 *   buffers in its own order and raises the interrupt. Each virtqueue is a
 *   pool object (the ring memory, with its own spin lock) that StartDevice
 *   allocates and power-down frees (virtio_delete_queues).
 * - Every request travels in a buffer from a small pool (VioGpuBuf); its handle
 *   is the token on the queue. Fire-and-forget commands are released by the
 *   completion DPC; a command someone waits for (GET_DISPLAY_INFO) carries a
 *   notification event that the DPC's completion callback sets.
 * - The ISR acknowledges the device, latches "work pending" and queues the DPC.
 *   The DPC loops while work is pending: it drains the used ring of each queue,
 *   runs the completion callback of every waited buffer and releases the rest,
 *   and, when the host has reported a display change, wakes the configuration
 *   worker (a system thread, because reading the new display info means waiting
 *   for the host, which a DPC may not do).
 * - The configuration worker sends GET_DISPLAY_INFO and waits for the response
 *   with a timeout (viogpudo waits one second, then carries on).
 * - A one-shot vsync timer whose DPC reports the vsync and re-arms it while
 *   vsync is on (a software vsync, as a paravirtual device has no scan-out
 *   interrupt).
 * - Power-down (DxgkDdiSetPowerState to D3, and DxgkDdiStopDevice) quiesces:
 *   under the interrupt lock it marks the hardware down and disables the
 *   device's interrupts, then flushes queued DPCs (KeFlushQueuedDpcs), and only
 *   then frees the virtqueues and powers the device down. StopDevice first stops
 *   the worker, turns vsync off under the vsync lock and cancels the timer, and
 *   frees the vsync context after the flush.
 *
 * Contexts: one OS thread (the PnP/power calls and DxgkDdiPresentDisplayOnly,
 * DxgkDdiSetPointerPosition), the ISR, the completion DPC `dpc`, the vsync
 * timer and its DPC `vsyncDpc`, the configuration worker `config`, and the host
 * side of both queues (part of the simulated adapter).
 *
 * The state and the queue layer (QueueBuffer, AskDisplayInfo) are in
 * _viogpu-queues.ts; this file is the adapter layer and the scenarios.
 *
 * Modelling choices (see the scenarios for bounds):
 * - The scenarios have one OS thread, so DxgkDdiStartDevice must come first in
 *   its calls: a DDI called before the device started returns at once, as the
 *   driver does when its hardware is not initialised (StopDevice still stops the
 *   worker, and a later StartDevice does nothing). The engine has no way to
 *   order a thread's calls or to start a model with the device running.
 * - StartDevice sends one fire-and-forget command (SET_SCANOUT) so that every
 *   run has host traffic and at least one interrupt after the start.
 * - The host has one display change to report; it is delivered with the first
 *   interrupt after the start (with INTx the ISR status carries both reasons).
 *   The simulated adapter only raises interrupts for queue completions.
 * - The worker handles that one change, or StopDevice's stop request, and
 *   exits (real workers loop until HWClose stops them; that is the bound).
 *   StopDevice stops and joins the worker before it closes the queues (viogpudo
 *   calls HWClose after VioGpuAdapterClose, so its worker can outlive the rings).
 * - Taking and returning a buffer of the pool (VioGpuBuf's free list and its
 *   spin lock) is one atomic step.
 */
import { defineModel, type Expectation, type Procedure, type StepSpec } from '../../src/index.js';
import { ABANDONED, COMPLETED, NBUF, PENDING, askDisplayInfo, global, local, sendCommand, type S } from './_viogpu-queues.js';

/** Which bug the model carries. */
export type ViogpuBug =
  /** The correct driver. */
  | 'none'
  /** Power-down frees the virtqueues without KeFlushQueuedDpcs: a queued completion DPC runs on freed rings. */
  | 'teardown-without-flush'
  /** The vsync DPC re-arms its timer whether or not vsync is still on: it outlives StopDevice. */
  | 'vsync-rearms-after-stop'
  /** The waiter releases its buffer when the wait times out, while the request is still with the host. */
  | 'release-on-timeout'
  /** The DPC reads the new display info itself instead of waking the worker: it waits at DISPATCH_LEVEL. */
  | 'display-info-in-dpc';

/** The parts of a model file: its name, what it shows, and its manifest. */
export interface ViogpuVariant {
  readonly name: string;
  readonly description: string;
  readonly expect: Readonly<Record<string, Expectation>>;
}

/**
 * Quiesce and tear down the queues (VioGpuAdapterClose), then continue at
 * `then`: interrupts off under the interrupt lock, queued DPCs flushed, rings freed.
 */
function closeQueues(bug: ViogpuBug, then: string): Record<string, StepSpec<S>> {
  return {
    quiesce: (s, k) => {
      // Under the interrupt lock: the ISR is not running and will not start again.
      k.synchronizeExecution(() => {
        s.g.hwInit = false;
        k.hw.enableInterrupts(false);
      });
      return bug === 'teardown-without-flush' ? 'deleteQueues' : 'flush';
    },
    flush: (s, k) => { k.flushQueuedDpcs(); return 'deleteQueues'; },
    deleteQueues: (s, k) => {
      // virtio_delete_queues: the rings go back to the system.
      k.free(s.g.vqs, s.g.ctrlVq);
      k.free(s.g.vqs, s.g.cursorVq);
      return then;
    },
  };
}

function ddis(bug: ViogpuBug): Record<string, Procedure<S>> {
  return {
    DxgkDdiStartDevice: {
      steps: {
        queues: (s, k) => {
          // Once only: not again after a power-down or a stop.
          if (s.g.hwInit || k.isAlive(s.g.vsyncCtx, 1) || s.g.stopWorker) return 'return';
          // virtio_find_queues: both rings, then the vsync context.
          s.g.ctrlVq = k.alloc(s.g.vqs);
          s.g.cursorVq = k.alloc(s.g.vqs);
          s.g.vsync = k.alloc(s.g.vsyncCtx);
          return 'interrupts';
        },
        interrupts: (s, k) => {
          k.synchronizeExecution(() => {
            s.g.hwInit = true;
            k.hw.enableInterrupts(true);
          });
          return 'vsyncOn';
        },
        vsyncOn: (s, k) => {
          k.acquireSpinLock(s.g.vsyncLock);
          k.use(s.g.vsyncCtx, s.g.vsync).enabled = true;
          k.setTimer('vsync');
          k.releaseSpinLock(s.g.vsyncLock);
          return 'alloc';
        },
        // SetCurrentMode: SET_SCANOUT for the boot mode.
        ...sendCommand('ctrl', 'return'),
      },
    },
    DxgkDdiPresentDisplayOnly: { steps: sendCommand('ctrl', 'return') },
    DxgkDdiSetPointerPosition: { steps: sendCommand('cursor', 'return') },
    // Only ever to D3 here: the scenarios bound power to one power-down.
    DxgkDdiSetPowerState: {
      steps: {
        d3: (s) => (s.g.hwInit ? 'quiesce' : 'return'),
        ...closeQueues(bug, 'powerDown'),
        powerDown: (s, k) => { k.hw.setPower('D3'); return 'return'; },
      },
    },
    DxgkDdiStopDevice: {
      steps: {
        // HWClose: stop the configuration worker and wait for the thread to end.
        stopWorker: (s, k) => {
          k.interlockedExchange(s.g, 'stopWorker', 1);
          k.setEvent(s.g.configUpdate);
          return 'joinWorker';
        },
        joinWorker: (s, k) => { k.waitEvent(s.g.workerExited); return 'vsyncOff'; },
        vsyncOff: (s, k) => {
          if (!k.isAlive(s.g.vsyncCtx, s.g.vsync)) return 'return';
          // EnableVsync(FALSE): off under the vsync lock, then cancel the timer.
          k.acquireSpinLock(s.g.vsyncLock);
          k.use(s.g.vsyncCtx, s.g.vsync).enabled = false;
          k.releaseSpinLock(s.g.vsyncLock);
          return 'cancel';
        },
        cancel: (s, k) => { k.cancelTimer('vsync'); return 'quiesce'; },
        ...closeQueues(bug, 'freeVsync'),
        freeVsync: (s, k) => { k.free(s.g.vsyncCtx, s.g.vsync); return 'return'; },
      },
    },
  };
}

/** The paravirtual display driver with `bug` (or none), named and held to its manifest by `v`. */
export function makeViogpu(bug: ViogpuBug, v: ViogpuVariant) {
  const dpcConfigStep: StepSpec<S> = (s, k) => {
    if (!k.interlockedExchange(s.g, 'hostDisplayEvent', 0)) return 'reason';
    if (bug === 'display-info-in-dpc') return 'ask';
    k.setEvent(s.g.configUpdate);
    return 'reason';
  };
  return defineModel({
    name: v.name,
    description: v.description,
    global,
    local,
    adapter: { queues: { ctrl: { depth: NBUF, order: 'any', tokens: NBUF }, cursor: { depth: 1, order: 'any', tokens: NBUF } } },
    ddis: ddis(bug),
    threads: {
      // ThreadWorkRoutine: one configuration change (the bound), or the stop request.
      config: {
        steps: {
          sleep: (s, k) => {
            k.waitEvent(s.g.configUpdate);
            return s.g.stopWorker ? 'exit' : 'ask';
          },
          ...askDisplayInfo('exit', { releaseOnTimeout: bug === 'release-on-timeout' }),
          exit: (s, k) => { k.setEvent(s.g.workerExited); return 'return'; },
        },
      },
    },
    isr: {
      steps: {
        service: (s, k) => {
          if (!s.g.hwInit) return 'return';
          // virtio_read_isr_status reads and clears the status; nothing set: not ours (a shared line), return FALSE.
          if (!k.hw.ackInterrupt()) return 'return';
          k.interlockedExchange(s.g, 'pendingWork', 1);
          k.queueDpc('dpc');
          return 'return';
        },
      },
    },
    dpcs: {
      dpc: {
        steps: {
          reason: (s, k) => (k.interlockedExchange(s.g, 'pendingWork', 0) ? 'ctrl' : 'return'),
          // DequeueBuffer: take one used buffer from the control ring under its lock.
          ctrl: (s, k) => {
            const vq = k.use(s.g.vqs, s.g.ctrlVq);
            k.acquireSpinLock(vq.lock);
            const h = k.hw.takeCompleted('ctrl');
            k.releaseSpinLock(vq.lock);
            if (h === 0) return 'cursor';
            s.local.buf = h;
            return 'complete';
          },
          complete: (s, k) => {
            const b = k.use(s.g.bufs, s.local.buf);
            if (!b.waited) { k.free(s.g.bufs, s.local.buf); return 'ctrl'; }
            // The completion callback: hand the response to the waiter, or release an abandoned buffer.
            const was = k.interlockedCompareExchange(b, 'state', COMPLETED, PENDING);
            if (was === ABANDONED) k.free(s.g.bufs, s.local.buf);
            else k.setEvent(b.done);
            return 'ctrl';
          },
          cursor: (s, k) => {
            const vq = k.use(s.g.vqs, s.g.cursorVq);
            k.acquireSpinLock(vq.lock);
            const h = k.hw.takeCompleted('cursor');
            k.releaseSpinLock(vq.lock);
            if (h === 0) return 'config';
            k.free(s.g.bufs, h);
            return 'cursor';
          },
          config: dpcConfigStep,
          ...askDisplayInfo('reason', { releaseOnTimeout: bug === 'release-on-timeout' }),
        },
      },
      vsyncDpc: {
        steps: {
          tick: (s, k) => {
            k.acquireSpinLock(s.g.vsyncLock);
            const ctx = k.use(s.g.vsyncCtx, s.g.vsync);
            // Reporting the vsync (DxgkCbNotifyInterrupt under the interrupt lock) touches no modelled state.
            if (ctx.enabled || bug === 'vsync-rearms-after-stop') k.setTimer('vsync');
            k.releaseSpinLock(s.g.vsyncLock);
            return 'return';
          },
        },
      },
    },
    timers: { vsync: { dpc: 'vsyncDpc' } },
    scenarios: {
      power: {
        description: 'start, a present, a pointer update on the cursor queue and a power-down to D3, with up to 3 interrupts',
        calls: { DxgkDdiStartDevice: 1, DxgkDdiPresentDisplayOnly: 1, DxgkDdiSetPointerPosition: 1, DxgkDdiSetPowerState: 1 },
        interrupts: 3,
      },
      stop: {
        description: 'start with the vsync timer running, a present and StopDevice, with the configuration worker and up to 3 interrupts',
        calls: { DxgkDdiStartDevice: 1, DxgkDdiPresentDisplayOnly: 1, DxgkDdiStopDevice: 1 },
        workers: { config: 1 },
        interrupts: 3,
      },
      config: {
        description: 'start, a present, and the configuration worker reading the display info the host changed, with up to 3 interrupts',
        calls: { DxgkDdiStartDevice: 1, DxgkDdiPresentDisplayOnly: 1 },
        workers: { config: 1 },
        interrupts: 3,
      },
    },
    defaultScenario: 'power',
    expect: v.expect,
  });
}
