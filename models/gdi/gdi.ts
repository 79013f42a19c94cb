/**
 * gdi: a GDI display driver with PDEVs in two sessions, the correct variant:
 * the hardware lock is the video miniport's mutex, in its device extension
 * (global space), handed to DrvEnablePDEV by a custom IOCTL. It follows the
 * PDEV rules of managing-pdevs.md (MicrosoftDocs/windows-driver-docs,
 * windows-driver-docs-pr/display/) and the DDK sample display drivers; see
 * _gdi.ts for the design and the modelling choices.
 *
 * DDIs: DrvEnablePDEV, DrvBitBlt, DrvAssertMode, DdLock, DrvDisableSurface,
 * DrvDisablePDEV. Contexts: one OS thread in each of two sessions (process p
 * in session p, PDEV p belongs to session p), two PDEVs on one output. Each
 * scenario gives each process its own call list (`processCalls`): session p's
 * thread calls only functions of PDEV p.
 *
 * Scenarios (every one holds; 13 to 157 states):
 * - `logoff` (default, 157 states): PDEV 0 disabled, PDEV 1 enabled; session 0's
 *   thread makes 2 calls of DrvDisableSurface(0), DrvDisablePDEV(0), session 1's
 *   makes 2 DrvBitBlt(1): session 0 tears its PDEV down while session 1 draws.
 * - `ddlock` (25 states): the same PDEVs; session 0 makes 1 DdLock(0), session 1
 *   1 DrvBitBlt(1): a DirectDraw application of the disconnected session locks
 *   a surface.
 * - `connect` (24 states): PDEV 0 disabled, PDEV 1 not yet created; session 0
 *   makes 1 DrvDisableSurface(0), session 1 1 DrvEnablePDEV(1): one session
 *   leaves as another joins, both using the video memory heap.
 * - `switch` (13 states): PDEV 0 enabled, PDEV 1 disabled; session 0 makes 1
 *   DrvAssertMode(0, disable), session 1 1 DrvAssertMode(1, enable): the switch
 *   itself is safe whatever the lock, because GDI runs the two one after the
 *   other.
 */
import { makeGdi } from './_gdi.js';

export default makeGdi('none', {
  name: 'gdi',
  description: 'GDI display driver, PDEVs in two sessions, shared hardware guarded by the video miniport\'s mutex',
  expect: {
    logoff: { verdict: 'holds' },
    ddlock: { verdict: 'holds' },
    connect: { verdict: 'holds' },
    switch: { verdict: 'holds' },
  },
});
