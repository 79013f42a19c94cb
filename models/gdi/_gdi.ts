/**
 * The shared body of the GDI display driver models: a display driver (the
 * session-space DLL that GDI calls with PDEVs) and its video miniport (the
 * kernel driver that owns the hardware), one adapter shared by two
 * terminal-services sessions, as under Fast User Switching. Each model file
 * calls `makeGdi(bug, ...)` once.
 *
 * It follows the rules of "Managing PDEVs" (MicrosoftDocs/windows-driver-docs,
 * windows-driver-docs-pr/display/managing-pdevs.md; the spec's PDEV section):
 * one thread at a time in the driver with an enabled PDEV, any number with
 * disabled PDEVs; the display driver's globals are per session; hardware state
 * shared across sessions must be guarded by a mutex kept in the miniport's
 * device extension (set up in HwVidInitialize), reached from DrvEnablePDEV by a
 * custom IOCTL and taken and released only through the miniport. The entry
 * points have the shape of the DDK sample display drivers (enable.c:
 * DrvEnablePDEV, DrvAssertMode, DrvDisableSurface, DrvDisablePDEV; as in their
 * open descendants, e.g. reactos/reactos win32ss/drivers/displays/framebuf/enable.c),
 * with the 2D engine of an accelerated sample: DrvBitBlt programs the engine
 * and starts it; DrvAssertMode(FALSE) waits for the engine and blanks,
 * DrvAssertMode(TRUE) sets the PDEV's mode and resets the engine; DdLock waits
 * for the engine to be done with the surface; DrvEnablePDEV and
 * DrvDisableSurface take and return offscreen memory from the video memory heap
 * that every PDEV shares.
 *
 * Shared hardware (global space): the 2D engine's registers, the CRTC mode and
 * the video memory heap. They are plain data, so two sessions touching them
 * without a common lock is a data race.
 *
 * Modelling choices:
 * - PDEV p belongs to session p (two sessions, one OS thread each, one output).
 *   Each scenario gives each process its own call list (`processCalls`): the
 *   thread of session p calls only functions of PDEV p, as GDI does, so the
 *   driver code needs no check for another session's PDEV.
 * - The hardware lock is a KMUTEX; in the real driver it is taken through the
 *   miniport (an IOCTL, or a function the miniport exports), never by the
 *   display driver calling the kernel itself. Its acquisition is the `lock`
 *   step of each entry point.
 */
import { defineModel, mutex, t, type Expectation, type Kernel, type Procedure, type Scope, type StepSpec } from '../../src/index.js';

/** Which bug the model carries. */
export type GdiBug =
  /** The correct driver: the hardware lock is the miniport's mutex (global space). */
  | 'none'
  /** The hardware lock is a display-driver global: one copy per session, so sessions do not exclude each other. */
  | 'session-mutex'
  /** DrvDisableSurface returns the offscreen memory without the hardware lock: "the PDEV is disabled, nobody else is in it". */
  | 'disable-surface-unlocked';

const SESSIONS = 2;
/**
 * Two sessions, one OS thread in each (process p in session p), two PDEVs on one
 * output; with `processCalls`, process p calls only functions of PDEV p.
 */
const twoSessions = { processes: 2, threadsPerProcess: 1, sessions: SESSIONS, pdevs: 2, outputs: 1 } as const;

const global = {
  /** The video miniport's device extension: the hardware mutex, initialized in HwVidInitialize. */
  miniport: t.record({ hwMutex: mutex({ recursive: true }) }),
  /** 2D engine registers: the destination surface of the blit being set up, and whether the engine runs. */
  engine: t.record({ dst: t.int(0, 2), busy: t.bool() }),
  /** The CRTC: which PDEV's mode is on the screen (0: blank). */
  crtcMode: t.int(0, 2, 1),
  /** Free blocks of the video memory heap, shared by every PDEV's offscreen surfaces. */
  vramFree: t.int(0, 2, 1),
  /** The display driver's PDEV structures (passed back by GDI): whether the PDEV holds offscreen memory. */
  pdev: t.array(2, t.record({ offscreen: t.bool(true) })),
};
/** Display-driver globals: one copy per session (the driver image is mapped in session space). */
const session = {
  /** A hardware semaphore kept in a display-driver global (EngCreateSemaphore at first DrvEnablePDEV). */
  hwSem: mutex({ recursive: true }),
};
type S = Scope<typeof global, typeof session, {}>;

/** The parts of a model file: its name, what it shows, and its manifest. */
export interface GdiVariant {
  readonly name: string;
  readonly description: string;
  readonly expect: Readonly<Record<string, Expectation>>;
}

/** The PDEV of the call this context serves. */
function pdevOf(k: Kernel): number { return k.callInfo!.pdev; }

/** The GDI display driver with `bug` (or none), named and held to its manifest by `v`. */
export function makeGdi(bug: GdiBug, v: GdiVariant) {
  /** The lock that guards the shared hardware. */
  const hwLock = (s: S) => (bug === 'session-mutex' ? s.session.hwSem : s.g.miniport.hwMutex);

  /** Take the hardware lock (through the miniport) and go to `next`. */
  const lock = (next: string): StepSpec<S> => (s, k) => {
    k.acquireMutex(hwLock(s));
    return next;
  };
  const unlock = (): StepSpec<S> => (s, k) => {
    k.releaseMutex(hwLock(s));
    return 'return';
  };
  /** DrvDisableSurface's work on the hardware, then `then`. */
  const disableSurface = (then: string): Record<string, StepSpec<S>> => ({
    // The engine may still be drawing into this PDEV's offscreen memory: wait for it.
    idle: (s) => { s.g.engine.busy = false; return 'freeOffscreen'; },
    freeOffscreen: (s, k) => {
      const p = s.g.pdev[pdevOf(k)];
      if (p.offscreen) { p.offscreen = false; s.g.vramFree++; }
      return then;
    },
  });

  const ddis: Record<string, Procedure<S>> = {
    DrvEnablePDEV: {
      steps: {
        // The custom IOCTL: the miniport hands over its hardware mutex (the session-space
        // variant creates its semaphore in a global instead: one per session).
        lock: lock('allocOffscreen'),
        // Offscreen memory for the new PDEV comes from the video memory heap all PDEVs share.
        allocOffscreen: (s, k) => {
          if (s.g.vramFree > 0) { s.g.vramFree--; s.g.pdev[pdevOf(k)].offscreen = true; }
          return 'unlock';
        },
        unlock: unlock(),
      },
    },
    DrvBitBlt: {
      steps: {
        lock: lock('program'),
        // Set up the blit: destination surface, then start the engine.
        program: (s, k) => { s.g.engine.dst = pdevOf(k) + 1; return 'start'; },
        start: (s, k) => {
          k.assert(s.g.engine.dst === pdevOf(k) + 1, `the 2D engine was reprogrammed for surface ${s.g.engine.dst} before PDEV ${pdevOf(k)}'s blit started`);
          s.g.engine.busy = true;
          return 'unlock';
        },
        unlock: unlock(),
      },
    },
    DrvAssertMode: {
      steps: {
        lock: lock('switch'),
        switch: (s, k) => (k.callInfo!.flags.enable ? 'setMode' : 'idle'),
        // Disable: wait for the engine to finish, then blank the screen (the mode is saved for later).
        idle: (s) => { s.g.engine.busy = false; return 'blank'; },
        blank: (s) => { s.g.crtcMode = 0; return 'unlock'; },
        // Enable: program this PDEV's mode and reset the engine.
        setMode: (s, k) => { s.g.crtcMode = pdevOf(k) + 1; return 'resetEngine'; },
        resetEngine: (s) => { s.g.engine.dst = 0; s.g.engine.busy = false; return 'unlock'; },
        unlock: unlock(),
      },
    },
    DdLock: {
      steps: {
        lock: lock('waitIdle'),
        // A DirectDraw surface may be locked only once the engine is done with it: wait for idle.
        waitIdle: (s) => { if (s.g.engine.busy) s.g.engine.busy = false; return 'unlock'; },
        unlock: unlock(),
      },
    },
    DrvDisableSurface: {
      steps: bug === 'disable-surface-unlocked'
        // "The PDEV is disabled: no other thread can be in it", so no lock.
        ? disableSurface('return')
        : { lock: lock('idle'), ...disableSurface('unlock'), unlock: unlock() },
    },
    DrvDisablePDEV: {
      steps: {
        // Frees the PDEV structure and drops its reference to the hardware lock: no hardware access.
        free: () => 'return',
      },
    },
  };

  return defineModel({
    name: v.name,
    description: v.description,
    global,
    session,
    ddis,
    scenarios: {
      logoff: {
        description: 'session 0 logs off: DrvDisableSurface and DrvDisablePDEV on its disabled PDEV 0 while session 1 draws on PDEV 1',
        ...twoSessions, pdevStart: ['disabled', 'enabled'],
        processCalls: [[{ ddi: 'DrvDisableSurface', pdev: 0 }, { ddi: 'DrvDisablePDEV', pdev: 0 }], [{ ddi: 'DrvBitBlt', pdev: 1 }]],
        callsPerThread: 2,
      },
      ddlock: {
        description: 'a DirectDraw application in the disconnected session 0 locks a surface of its disabled PDEV 0 while session 1 draws',
        ...twoSessions, pdevStart: ['disabled', 'enabled'],
        processCalls: [[{ ddi: 'DdLock', pdev: 0 }], [{ ddi: 'DrvBitBlt', pdev: 1 }]],
      },
      connect: {
        description: 'session 1 connects (DrvEnablePDEV for PDEV 1) while session 0 logs off (DrvDisableSurface on its disabled PDEV 0)',
        ...twoSessions, pdevStart: ['disabled', 'none'],
        processCalls: [[{ ddi: 'DrvDisableSurface', pdev: 0 }], [{ ddi: 'DrvEnablePDEV', pdev: 1 }]],
      },
      switch: {
        description: 'Fast User Switching: session 0 disables PDEV 0 and session 1 enables PDEV 1 (GDI serializes the two)',
        ...twoSessions, pdevStart: ['enabled', 'disabled'],
        processCalls: [[{ ddi: 'DrvAssertMode', pdev: 0, flags: { enable: false } }], [{ ddi: 'DrvAssertMode', pdev: 1, flags: { enable: true } }]],
      },
    },
    defaultScenario: 'logoff',
    expect: v.expect,
  });
}
