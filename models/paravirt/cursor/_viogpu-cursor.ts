/**
 * The cursor path of a virtio-gpu display driver, with the host as a device
 * procedure. It follows viogpudo (virtio-win/kvm-guest-drivers-windows,
 * viogpu/viogpudo/viogpudo.cpp: VioGpuAdapter::SetPointerShape and
 * UpdateCursor, InterruptRoutine, VioGpuAdapterClose) and the virtio-gpu
 * device's two queues (the virtio spec's controlq and cursorq).
 *
 * The design, in our words:
 * - SetPointerShape writes the new shape into the cursor resource's backing
 *   memory (guest memory the host reads), sends TRANSFER_TO_HOST_2D on the
 *   control queue so that the host copies it, then UPDATE_CURSOR on the cursor
 *   queue.
 * - The host is the control queue's device procedure (`DEVICE_ctrl`): it takes
 *   the transfer, reads the backing memory in a step of its own, then puts the
 *   response on the used ring and raises the control queue's interrupt source.
 *   The cursor queue is consumed by the built-in device move.
 * - Interrupts are MSI with one message per source, in viogpudo's numbering:
 *   message 0 the configuration change, 1 the control queue, 2 the cursor
 *   queue. The ISR acknowledges its message's source, latches the work for the
 *   DPC, and queues the DPC. The DPC drains the used rings.
 * - StopDevice (VioGpuAdapterClose): under the interrupt lock the hardware is
 *   marked down; both queues' interrupts are disabled (DisableInterrupt),
 *   queued DPCs flushed, and the device reset (virtio_device_reset) before the
 *   cursor resource's memory is freed, so the host cannot be reading it then.
 *
 * The bug: viogpudo does not wait for TRANSFER_TO_HOST_2D's response, so a
 * second SetPointerShape may rewrite the backing memory while the host is
 * still copying the first shape from it (a torn cursor). The correct driver
 * waits until the previous transfer's response came back (an event the DPC
 * sets) before it writes the memory again.
 *
 * Modelling choices: the device is started in `init` (the cursor resource
 * allocated, interrupts enabled); a shape is a version number; a submission to a
 * full queue is dropped, as viogpudo's QueueCursor failure is.
 */
import { defineModel, event, pool, t, type Expectation } from '../../../src/index.js';

/** Which bug the model carries. */
export type CursorBug =
  /** The correct driver. */
  | 'none'
  /** SetPointerShape rewrites the cursor memory without waiting for the previous transfer's response. */
  | 'shape-overwrite';

/** MSI messages (= interrupt sources) in viogpudo's numbering. */
const SOURCES = ['config', 'ctrl', 'cursor'];

const global = {
  /** m_Flags.DriverStarted: written under the interrupt lock, read by the ISR. */
  hwInit: t.bool(),
  /** The cursor resource (m_pCursorBuf): its backing memory holds the shape, a version number. */
  cursorBuf: pool('cursor buffer', 1, { image: t.int(0, 2) }),
  /** What the host's cursor shows: the shape it copied last. */
  shown: t.ghost(t.int(0, 2)),
  /** The ISR's work latches for the DPC (m_PendingWorks: ISR_REASON_DISPLAY, ISR_REASON_CURSOR). */
  ctrlWork: t.interlocked(t.int(0, 1)),
  cursorWork: t.interlocked(t.int(0, 1)),
  /** The correct driver: signaled while no transfer of the cursor memory is in flight. */
  transferIdle: event('notification', true),
};

/** The parts of a model file: its name, what it shows, and its manifest. */
export interface CursorVariant {
  readonly name: string;
  readonly description: string;
  readonly expect: Readonly<Record<string, Expectation>>;
}

/** The cursor path with `bug` (or none). */
export function makeViogpuCursor(bug: CursorBug, v: CursorVariant) {
  const waits = bug !== 'shape-overwrite';
  return defineModel({
    name: v.name,
    description: v.description,
    global,
    adapter: {
      sources: SOURCES,
      queues: {
        ctrl: {
          depth: 1, tokens: 1,
          // The host's controlq handler: TRANSFER_TO_HOST_2D copies the resource's backing memory, then responds.
          device: {
            steps: {
              copy: (s) => { s.g.shown = s.g.cursorBuf[0].image; return 'respond'; },
              respond: (_s, k) => { k.hw.complete(); k.hw.raise(); return 'return'; },
            },
          },
        },
        cursor: { depth: 1, tokens: 1 },
      },
    },
    init: (s, k) => {
      s.g.hwInit = true;
      k.alloc(s.g.cursorBuf);
      k.hw.enableInterrupts(true);
    },
    ddis: {
      DxgkDdiSetPointerShape: {
        steps: {
          start: (s) => (!s.g.hwInit ? 'return' : waits ? 'wait' : 'write'),
          // The correct driver: the previous transfer's response came back (or there was none).
          wait: (s, k) => { k.waitEvent(s.g.transferIdle); return 'write'; },
          // UpdateCursor: BltBits into the cursor resource's memory.
          write: (s, k) => { const b = k.use(s.g.cursorBuf, 1); b.image = Math.min(b.image + 1, 2); return 'transfer'; },
          // TRANSFER_TO_HOST_2D on the control queue, then UPDATE_CURSOR on the cursor queue.
          transfer: (s, k) => {
            if (waits) k.resetEvent(s.g.transferIdle);
            if (!k.hw.submit('ctrl', 1) && waits) k.setEvent(s.g.transferIdle);
            return 'update';
          },
          update: (_s, k) => { k.hw.submit('cursor', 1); return 'return'; },
        },
      },
      DxgkDdiStopDevice: {
        steps: {
          quiesce: (s, k) => {
            if (!s.g.hwInit) return 'return';
            k.synchronizeExecution(() => { s.g.hwInit = false; });
            // m_CtrlQueue.DisableInterrupt(), m_CursorQueue.DisableInterrupt().
            k.hw.enableSource('ctrl', false);
            k.hw.enableSource('cursor', false);
            return 'flush';
          },
          flush: (_s, k) => { k.flushQueuedDpcs(); return 'reset'; },
          // virtio_device_reset: the host stops using the queues and the resource's memory.
          reset: (_s, k) => { k.hw.reset(); return 'free'; },
          free: (s, k) => { k.free(s.g.cursorBuf, 1); return 'return'; },
        },
      },
    },
    isr: {
      steps: {
        // InterruptRoutine with MSI: the message number says which source.
        service: (s, k) => {
          if (!s.g.hwInit) return 'return';
          const msg = k.messageNumber;
          if (!k.hw.ackSource(msg)) return 'return';
          if (msg === 1) k.interlockedExchange(s.g, 'ctrlWork', 1);
          if (msg === 2) k.interlockedExchange(s.g, 'cursorWork', 1);
          // DxgkCbQueueDpc; if it was already queued, that DPC sees the latched work.
          k.queueDpc('dpc');
          return 'return';
        },
      },
    },
    dpcs: {
      dpc: {
        steps: {
          ctrl: (s, k) => {
            if (k.interlockedExchange(s.g, 'ctrlWork', 0) === 1 && k.hw.takeCompleted('ctrl') !== 0 && waits) k.setEvent(s.g.transferIdle);
            return 'cursor';
          },
          cursor: (s, k) => {
            if (k.interlockedExchange(s.g, 'cursorWork', 0) === 1) k.hw.takeCompleted('cursor');
            return 'return';
          },
        },
      },
    },
    scenarios: {
      shape: {
        description: 'two pointer shapes from one thread, the host copying each from the cursor memory; MSI, up to 4 interrupts',
        calls: { DxgkDdiSetPointerShape: 2 },
        interrupts: { count: 4, kind: 'msi', messages: 3 },
      },
      stop: {
        description: 'a pointer shape and StopDevice (interrupt sources off, DPCs flushed, device reset, cursor memory freed); MSI, up to 2 interrupts',
        calls: { DxgkDdiSetPointerShape: 1, DxgkDdiStopDevice: 1 },
        interrupts: { count: 2, kind: 'msi', messages: 3 },
      },
    },
    defaultScenario: 'shape',
    expect: v.expect,
  });
}
