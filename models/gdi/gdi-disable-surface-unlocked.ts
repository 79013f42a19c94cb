/**
 * gdi, bug: DrvDisableSurface touches the hardware without the hardware lock,
 * on the reasoning that its PDEV is disabled and GDI lets no other thread use
 * it. That is true of the PDEV, not of the hardware: the PDEV rules
 * (MicrosoftDocs/windows-driver-docs, windows-driver-docs-pr/display/managing-pdevs.md)
 * give the example of DrvBitBlt running on the enabled PDEV while
 * DrvDisableSurface destroys a disabled one. The one difference from gdi.ts:
 * DrvDisableSurface skips the lock and unlock (see the DrvDisableSurface
 * steps in _gdi.ts). DDIs, contexts and bounds (each session's thread calls
 * only its own PDEV, through `processCalls`): as gdi.ts.
 *
 * - `logoff`: violated, data-race: DrvDisableSurface waits for the engine while
 *   session 1's DrvBitBlt, holding the miniport's mutex, starts it (4 steps:
 *   DrvDisableSurface has no lock step).
 * - `connect`: violated, data-race on the video memory heap with DrvEnablePDEV (4 steps).
 * - `ddlock`, `switch`: hold (no DrvDisableSurface).
 */
import { makeGdi } from './_gdi.js';

export default makeGdi('disable-surface-unlocked', {
  name: 'gdi-disable-surface-unlocked',
  description: 'GDI display driver whose DrvDisableSurface touches the shared engine and heap without the hardware lock',
  expect: {
    logoff: { verdict: 'violated', property: 'data-race' },
    ddlock: { verdict: 'holds' },
    connect: { verdict: 'violated', property: 'data-race' },
    switch: { verdict: 'holds' },
  },
});
