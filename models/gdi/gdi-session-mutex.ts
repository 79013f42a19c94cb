/**
 * gdi, bug: the hardware lock is a display-driver global. The display driver is
 * mapped into session space, so each session has its own copy of the global
 * (each session's first DrvEnablePDEV creates its own semaphore), and a thread
 * of one session never waits for a thread of another. This is the mistake the
 * PDEV rules warn about (MicrosoftDocs/windows-driver-docs,
 * windows-driver-docs-pr/display/managing-pdevs.md: the mutex must live in the
 * video miniport's device extension). The one difference from gdi.ts: the
 * `lock` steps take `s.session.hwSem` instead of the miniport's mutex (see
 * hwLock in _gdi.ts). DDIs, contexts and bounds (each session's thread calls
 * only its own PDEV, through `processCalls`): as gdi.ts.
 *
 * - `logoff`: violated, data-race on the 2D engine: session 0's
 *   DrvDisableSurface waits for the engine on its disabled PDEV while session 1's
 *   DrvBitBlt starts it, each holding its own session's semaphore (5 steps).
 * - `ddlock`: violated, data-race: DdLock on the disabled PDEV reads the
 *   engine's busy state while DrvBitBlt sets it (5 steps).
 * - `connect`: violated, data-race on the video memory heap: DrvEnablePDEV of
 *   the joining session allocates while DrvDisableSurface of the leaving one
 *   frees (5 steps).
 * - `switch`: holds: GDI serializes the two DrvAssertMode calls itself (the
 *   disabling one runs with its PDEV still enabled), so the wrong lock is never
 *   put to the test there.
 */
import { makeGdi } from './_gdi.js';

export default makeGdi('session-mutex', {
  name: 'gdi-session-mutex',
  description: 'GDI display driver whose hardware lock is a display-driver global: one per session, so sessions race on the hardware',
  expect: {
    logoff: { verdict: 'violated', property: 'data-race' },
    ddlock: { verdict: 'violated', property: 'data-race' },
    connect: { verdict: 'violated', property: 'data-race' },
    switch: { verdict: 'holds' },
  },
});
