/**
 * A display-only miniport (KMDOD) in the style of the BasicDisplay sample:
 * microsoft/Windows-driver-samples, video/KMDOD (bdd.cxx, bdd_ddi.cxx,
 * bdd_dmm.cxx, blthw.cxx). The shared factory of models/kmdod/: each model file
 * there calls `makeKmdod` with the bug it carries (or none) and its manifest.
 *
 * What it follows. BasicDisplay's BDD_HWBLT simulates "how a real
 * hardware-accelerated display-only driver functions": DxgkDdiPresentDisplayOnly
 * captures the present (the frame buffer address of the current mode, the dirty
 * rectangles), hands it to a present worker thread and returns STATUS_PENDING;
 * the worker blts into the mapped frame buffer and reports present progress as
 * an interrupt would (DxgkCbSynchronizeExecution, then DxgkCbQueueDpc). Where
 * the sample starts a thread per present (its own comment calls that
 * inefficient), this model has the usual persistent worker of a real driver (the
 * DoWork loop of RosKmd/CosKmd in microsoft/graphics-driver-samples): a queue of
 * presents under a spin lock, a synchronization event to kick the worker, and
 * present progress reported at the next vblank, by the vblank interrupt.
 * DxgkDdiCommitVidPn unmaps the old frame buffer and maps the new mode's, as
 * BASIC_DISPLAY_DRIVER::CommitVidPn does; DxgkDdiSetPowerState records the
 * adapter power state (m_AdapterPowerState) and, unlike the sample, which has
 * no hardware to turn off, powers the adapter down. BasicDisplay has no
 * hardware cursor; the pointer DDIs here are those of a driver that has one
 * (as Vc4Display in RosKmd would if it had), latched into the cursor registers
 * by the vblank DPC so the cursor never tears.
 *
 * DDIs and contexts:
 * - DxgkDdiPresentDisplayOnly (level 0): queues a present under `queueLock`
 *   (dropped if the adapter is powered down) and kicks the worker.
 * - DxgkDdiSetPointerPosition, DxgkDdiSetPointerShape (level 1, pointer class):
 *   update the cursor state under `cursorLock`; the OS never runs two at once.
 * - DxgkDdiCommitVidPn (level 2): waits for the present worker to go idle, then
 *   swaps the frame buffer mapping and programs the mode.
 * - DxgkDdiSetPowerState (level 3): marks the adapter D3 so presents are
 *   dropped, waits for the worker to go idle, disables the interrupt (and tells
 *   the ISR the hardware is going away, under the interrupt lock), flushes
 *   the DPC, and powers the adapter down (k.hw.setPower).
 * - presentWorkerN (driver thread): first finishes DxgkDdiStartDevice's job
 *   (maps the frame buffer, enables the vblank interrupt: the model starts from
 *   a started adapter); then dequeues presents, blts each into the frame
 *   buffer, queues a flip (adapter queue `vsync`: the display controller takes
 *   it at the next vblank and raises the interrupt) and waits for the DPC to
 *   say the frame is on screen. It exits once it has handled the N presents
 *   its scenario makes (a bound of the model, not driver logic).
 * - ISR (DxgkDdiInterruptRoutine): returns at once once the adapter is powered
 *   down (the line may be shared: the ISR is called then too, and a register
 *   read of a device in D3 is a bug; viogpu's ISR checks IsHardwareInit() first
 *   for the same reason); else acknowledges the vblank interrupt (none pending:
 *   not ours), takes the flip, latches "a frame is on screen" and queues the DPC.
 * - DPC_vblank (DxgkDdiDpcRoutine): reads the latch under the interrupt lock,
 *   reports the present complete and wakes the worker, then loads the hardware
 *   cursor registers from the cursor state.
 *
 * Properties: the hardware rules (no register or frame buffer access with the
 * adapter in D3), use after free (the frame buffer mapping), data races, IRQL
 * and lock discipline, deadlock, the contract monitors, and the invariant that
 * every present completes once.
 *
 * Scenarios (every model of models/kmdod/ has these; each makes exactly 2
 * presents, so the worker exits after 2, and each lets the vblank interrupt
 * fire twice; each pits one OS path against the worker, the ISR and the DPC):
 * - `present`: 2 processes x 1 thread presenting once each: two presents racing
 *   into the queue and through the worker.
 * - `power`: 1 thread making 2 presents and one DxgkDdiSetPowerState (to D3) in
 *   any order: a power-down with presents queued, on their way to the screen,
 *   or arriving after it (dropped). The OS's later return to D0 is not modelled.
 * - `mode`: 1 thread making 2 presents and one DxgkDdiCommitVidPn in any order:
 *   a mode change against the asynchronous blt.
 * - `pointer`: 2 processes x 1 thread, each making one SetPointerPosition, one
 *   SetPointerShape and one present: the pointer class against the vblank DPC
 *   that loads the cursor registers.
 * - `bugcheck`: 1 thread making 1 present, and the system may halt at any
 *   point: every other context freezes where it is (a worker holding
 *   queueLock, a DPC mid-report), and the OS calls DxgkDdiSystemDisplayEnable
 *   then DxgkDdiSystemDisplayWrite twice, at every IRQL up to HIGH_LEVEL. (No
 *   power-down here: an always-enabled halt cuts random runs short, and the
 *   power-down's own bug needs long ones; test/models/kmdod.test.ts checks the
 *   halt after a power-down apart.)
 *
 * The bugcheck display path follows BASIC_DISPLAY_DRIVER::SystemDisplayEnable
 * and ::SystemDisplayWrite (bdd.cxx): Enable picks the current mode of the
 * target (and fails, STATUS_UNSUCCESSFUL, when there is none; here also when
 * the adapter is in D3: the page says a driver that "cannot power on the
 * display ... must fail the call"); Write blts the image block with the CPU
 * into that mode's frame buffer, taking no lock (the code is non-paged, runs
 * at any IRQL, and the other processors are frozen). The OS writes only after
 * a successful Enable; the model's Write returns at once when Enable failed.
 */
import { defineModel, event, handle, pool, spinLock, t, type Expectation, type Kernel, type Procedure, type Scope, type SystemView } from '../../src/index.js';

/** The bugs a KMDOD variant may carry: each is a one-line change to the correct driver. */
export type KmdodBug =
  /** DxgkDdiSetPowerState powers down without KeFlushQueuedDpcs: the vblank DPC still runs. */
  | 'dpc-after-power-down'
  /** The worker waits for the next present without first dropping the queue spin lock. */
  | 'wait-under-lock'
  /** DxgkDdiCommitVidPn swaps the frame buffer mapping without waiting for the present worker. */
  | 'commit-during-blt'
  /** DxgkDdiSetPointerPosition updates the cursor without the cursor lock ("the OS serialises the pointer class"). */
  | 'unlocked-pointer'
  /** DxgkDdiSystemDisplayWrite takes queueLock to read the current mapping, as the present path does. */
  | 'display-write-lock';

/** Presents in every scenario (the worker exits once it has handled them all). */
const MAX = 2;

const global = {
  /** Protects the present queue and the current frame buffer mapping. */
  queueLock: spinLock(),
  /** Presents waiting for the worker: under queueLock. */
  queued: t.int(0, MAX),
  /** The frame buffer mapping of the current mode (0: none): under queueLock. */
  fb: handle(2),
  /** Frame buffer mappings (MmMapIoSpace): a mode change maps the new one, then unmaps the old. */
  fbMaps: pool('frame buffer mapping', 2, {}),
  /** m_AdapterPowerState: written by SetPowerState (level 3: nothing else is in the driver), read by Present under queueLock. */
  adapterPower: t.enum(['D0', 'D3']),
  /** Kicks the worker: a present was queued. */
  workEvent: event('synchronization'),
  /** Set while the worker has nothing queued and nothing on its way to the screen; reset by Present. */
  idleEvent: event('notification'),
  /** Set by the DPC: the flip the worker queued is on screen. */
  vblankEvent: event('synchronization'),
  /** The ISR's latch for the DPC: a flip reached the screen. Under the interrupt lock. */
  vblank: t.bool(),
  /**
   * The adapter answers the ISR (viogpudo.cpp: VioGpuAdapter::InterruptRoutine
   * starts `if (!IsHardwareInit()) return FALSE;`): the interrupt line may be
   * shared, so the ISR is called after the power-down too and must not read a
   * register of a device in D3. Cleared by SetPowerState under the interrupt lock.
   */
  hwReady: t.bool(true),
  /** Presents reported complete (by the DPC, or dropped by Present in D3): the worker's exit condition. */
  handled: t.interlocked(t.int(0, MAX)),
  /** Presents the OS made, for the invariant. */
  presented: t.ghost(t.int(0, MAX)),
  /** Protects the cursor state: the pointer DDIs write it, the vblank DPC loads it into the hardware. */
  cursorLock: spinLock(),
  cursor: t.record({ x: t.int(0, 1), shape: t.int(0, 1) }),
  /**
   * The mapping the bugcheck screen is written to (BDD's m_SystemDisplaySourceId
   * picks the source whose m_CurrentModes[].FrameBuffer.Ptr SystemDisplayWrite
   * blts into); set by DxgkDdiSystemDisplayEnable, 0 when it failed.
   */
  systemFb: handle(2),
};
const local = {
  /** The worker's copy of the mapping it blts into (BDD's DoPresentMemory.DstAddr). */
  fb: handle(2),
  /** The DPC's copy of the ISR's latch. */
  flip: t.bool(),
};
type S = Scope<typeof global, {}, typeof local>;
/** What invariants (and tests' probes) see of this model. */
export type KmdodView = SystemView<typeof global>;

/** The present worker thread; it exits once the scenario's MAX presents are handled. */
function presentWorker(bug: KmdodBug | null): Procedure<S> {
  return {
    steps: {
      startDevice: {
        name: 'start: map the frame buffer, enable interrupts',
        do: (s, k) => {
          k.acquireSpinLock(s.g.queueLock);
          if (s.g.fb === 0) s.g.fb = k.alloc(s.g.fbMaps);
          k.releaseSpinLock(s.g.queueLock);
          k.synchronizeExecution(() => k.hw.enableInterrupts(true));
          return 'lock';
        },
      },
      lock: { name: 'acquire queueLock', do: (s, k) => { k.acquireSpinLock(s.g.queueLock); return 'take'; } },
      take: (s, k) => {
        if (s.g.queued === 0) {
          k.setEvent(s.g.idleEvent);
          if (bug !== 'wait-under-lock') k.releaseSpinLock(s.g.queueLock);
          return 'wait';
        }
        s.g.queued--;
        s.local.fb = s.g.fb;
        k.releaseSpinLock(s.g.queueLock);
        return 'blt';
      },
      wait: [
        { name: 'every present handled: exit', guard: (s) => s.g.handled >= MAX, next: 'return' },
        { name: 'wait for a present', do: (s, k) => { k.waitEvent(s.g.workEvent); return 'lock'; } },
      ],
      blt: (s, k) => {
        k.use(s.g.fbMaps, s.local.fb);
        k.hw.frameBuffer('copies the dirty rectangles into the frame buffer');
        return 'flip';
      },
      flip: { name: 'queue the flip for the next vblank', do: (s, k) => { k.hw.submit('vsync', 1); return 'onScreen'; } },
      onScreen: { name: 'wait until the frame is on screen', do: (s, k) => { k.waitEvent(s.g.vblankEvent); return 'lock'; } },
    },
  };
}

export interface KmdodOptions {
  /** The bug this variant carries; none for the correct driver. */
  readonly bug?: KmdodBug;
  /** The manifest: the verdict each scenario must give. */
  readonly expect: Readonly<Record<'present' | 'power' | 'mode' | 'pointer' | 'bugcheck', Expectation>>;
}

/** Builds the KMDOD model, correct or with one bug. */
export function makeKmdod(opts: KmdodOptions) {
  const bug = opts.bug ?? null;
  return defineModel({
    name: bug ? `kmdod-${bug}` : 'kmdod',
    description: bug ? `BasicDisplay-style display-only driver with a bug: ${bug}` : 'BasicDisplay-style display-only driver: present worker, pointer, VidPN commit, power-down, vblank ISR/DPC',
    global,
    local,
    adapter: { queues: { vsync: { depth: 1, tokens: 1 } } },
    ddis: {
      DxgkDdiPresentDisplayOnly: {
        steps: {
          queue: (s, k) => {
            k.acquireSpinLock(s.g.queueLock);
            s.g.presented++;
            if (s.g.adapterPower === 'D3') {
              // Powered down: nothing to show it on. Complete it at once.
              k.releaseSpinLock(s.g.queueLock);
              k.interlockedIncrement(s.g, 'handled');
              return 'return';
            }
            s.g.queued++;
            k.resetEvent(s.g.idleEvent);
            k.releaseSpinLock(s.g.queueLock);
            return 'kick';
          },
          kick: { name: 'kick the worker', do: (s, k) => { k.setEvent(s.g.workEvent); return 'return'; } },
        },
      },
      DxgkDdiSetPointerPosition: {
        steps: {
          move: (s, k) => {
            const locked = bug !== 'unlocked-pointer';
            if (locked) k.acquireSpinLock(s.g.cursorLock);
            s.g.cursor.x = 1 - s.g.cursor.x;
            if (locked) k.releaseSpinLock(s.g.cursorLock);
            return 'return';
          },
        },
      },
      DxgkDdiSetPointerShape: {
        steps: {
          reshape: (s, k) => {
            k.acquireSpinLock(s.g.cursorLock);
            s.g.cursor.shape = 1 - s.g.cursor.shape;
            k.releaseSpinLock(s.g.cursorLock);
            return 'return';
          },
        },
      },
      DxgkDdiCommitVidPn: {
        steps: {
          ...(bug === 'commit-during-blt' ? {} : {
            drain: { name: 'wait for the present worker to go idle', do: (s: S, k: Kernel) => { k.waitEvent(s.g.idleEvent); return 'remap'; } },
          }),
          remap: {
            name: 'map the new frame buffer, unmap the old',
            do: (s, k) => {
              k.acquireSpinLock(s.g.queueLock);
              const old = s.g.fb;
              s.g.fb = k.alloc(s.g.fbMaps);
              if (old !== 0) k.free(s.g.fbMaps, old);
              k.releaseSpinLock(s.g.queueLock);
              return 'program';
            },
          },
          program: {
            name: 'program the mode',
            do: (s, k) => { if (s.g.adapterPower === 'D0') k.hw.register('programs the new mode (timings, pitch, scanout address)'); return 'return'; },
          },
        },
      },
      DxgkDdiSystemDisplayEnable: {
        steps: {
          mode: {
            name: 'pick the current mode of the target',
            do: (s) => { s.g.systemFb = s.g.adapterPower === 'D0' ? s.g.fb : 0; return 'return'; },
          },
        },
      },
      DxgkDdiSystemDisplayWrite: {
        steps: {
          ...(bug === 'display-write-lock' ? {
            lock: { name: 'acquire queueLock (for the mapping)', do: (s: S, k: Kernel) => { k.acquireSpinLock(s.g.queueLock); return 'blt'; } },
          } : {}),
          blt: {
            name: 'blt the image block with the CPU',
            do: (s, k) => {
              if (s.g.systemFb !== 0) {
                k.use(s.g.fbMaps, s.g.systemFb);
                k.hw.frameBuffer('writes the bugcheck image block with the CPU');
              }
              if (bug === 'display-write-lock') k.releaseSpinLock(s.g.queueLock);
              return 'return';
            },
          },
        },
      },
      DxgkDdiSetPowerState: {
        steps: {
          mark: { name: 'mark the adapter D3: presents are dropped', do: (s) => { s.g.adapterPower = 'D3'; return 'drain'; } },
          drain: { name: 'wait for the present worker to go idle', do: (s, k) => { k.waitEvent(s.g.idleEvent); return 'disable'; } },
          disable: {
            name: 'disable the vblank interrupt',
            do: (s, k) => {
              k.synchronizeExecution(() => { s.g.hwReady = false; k.hw.enableInterrupts(false); });
              return bug === 'dpc-after-power-down' ? 'powerDown' : 'flush';
            },
          },
          flush: { name: 'KeFlushQueuedDpcs', do: (s, k) => { k.flushQueuedDpcs(); return 'powerDown'; } },
          powerDown: { name: 'power the adapter down (D3)', do: (s, k) => { k.hw.setPower('D3'); return 'return'; } },
        },
      },
    },
    threads: { presentWorker: presentWorker(bug) },
    isr: {
      steps: {
        ack: (s, k) => {
          if (!s.g.hwReady || !k.hw.ackInterrupt()) return 'return';
          k.hw.takeCompleted('vsync');
          s.g.vblank = true;
          k.queueDpc('vblank');
          return 'return';
        },
      },
    },
    dpcs: {
      vblank: {
        steps: {
          latch: {
            name: 'read the ISR latch',
            do: (s, k) => {
              s.local.flip = k.synchronizeExecution(() => { const v = s.g.vblank; s.g.vblank = false; return v; });
              return 'report';
            },
          },
          report: {
            name: 'report the present complete, wake the worker',
            do: (s, k) => {
              if (s.local.flip) { k.interlockedIncrement(s.g, 'handled'); k.setEvent(s.g.vblankEvent); }
              return 'cursor';
            },
          },
          cursor: {
            name: 'load the cursor registers',
            do: (s, k) => {
              k.acquireSpinLock(s.g.cursorLock);
              k.hw.register(`loads the hardware cursor registers (x ${s.g.cursor.x}, shape ${s.g.cursor.shape})`);
              k.releaseSpinLock(s.g.cursorLock);
              return 'return';
            },
          },
        },
      },
    },
    invariants: {
      'every present completes once': (s) => s.g.handled <= s.g.presented
        || `${s.g.handled} presents reported complete, but only ${s.g.presented} were made`,
    },
    scenarios: {
      present: {
        description: '2 threads presenting once each',
        processes: 2, calls: { DxgkDdiPresentDisplayOnly: 1 }, workers: { presentWorker: 1 }, interrupts: 2,
      },
      power: {
        description: '1 thread: 2 presents and a power-down to D3, in any order',
        calls: { DxgkDdiPresentDisplayOnly: 2, DxgkDdiSetPowerState: 1 }, workers: { presentWorker: 1 }, interrupts: 2,
      },
      mode: {
        description: '1 thread: 2 presents and a mode change (CommitVidPn), in any order',
        calls: { DxgkDdiPresentDisplayOnly: 2, DxgkDdiCommitVidPn: 1 }, workers: { presentWorker: 1 }, interrupts: 2,
      },
      pointer: {
        description: '2 threads, each moving and reshaping the pointer and presenting once',
        processes: 2, calls: { DxgkDdiSetPointerPosition: 1, DxgkDdiSetPointerShape: 1, DxgkDdiPresentDisplayOnly: 1 }, workers: { presentWorker: 1 }, interrupts: 2,
      },
      bugcheck: {
        description: '1 thread: a present; the system may halt at any point and the OS writes the bugcheck screen in 2 blocks',
        calls: { DxgkDdiPresentDisplayOnly: 1 }, workers: { presentWorker: 1 }, interrupts: 2, bugcheck: { writes: 2 },
      },
    },
    defaultScenario: 'present',
    expect: opts.expect,
  });
}
