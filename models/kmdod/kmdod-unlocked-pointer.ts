/**
 * Bug: DxgkDdiSetPointerPosition updates the cursor state without the cursor
 * spin lock, on the reasoning that the OS never runs two pointer-class calls at
 * once (true: level 1, pointer class). But the pointer class says nothing about
 * the vblank DPC, which loads the cursor registers from the same state at
 * DISPATCH_LEVEL, on another processor: it can load an X of the new position
 * with a Y of the old one (the model's position is one location; the race on
 * it stands for the torn read), and the cursor jumps.
 *
 * The difference from kmdod.ts (see _kmdod.ts, DxgkDdiSetPointerPosition,
 * step `move`): it does not take (nor release) cursorLock.
 *
 * Design followed: the pointer DDIs of a display-only driver with a hardware
 * cursor (BasicDisplay, microsoft/Windows-driver-samples video/KMDOD bdd.cxx,
 * has none and only accepts "invisible"), with the cursor latched at vblank in
 * the DPC. Scenarios as in _kmdod.ts; only `pointer` moves the pointer, so only
 * it fails.
 *
 * DDIs: DxgkDdiPresentDisplayOnly (level 0), DxgkDdiSetPointerPosition and
 * DxgkDdiSetPointerShape (level 1, pointer class), DxgkDdiCommitVidPn (level 2),
 * DxgkDdiSetPowerState (level 3). Contexts: the OS threads, the present worker
 * thread, the ISR (vblank interrupt) and the vblank DPC. Scenarios (details in
 * _kmdod.ts): `present` 2 threads x 1 present; `power` 1 thread, 2 presents and
 * a power-down to D3; `mode` 1 thread, 2 presents and a CommitVidPn; `pointer`
 * 2 threads, each moving and reshaping the pointer and presenting once. Every
 * scenario: 1 present worker, at most 2 vblank interrupts.
 */
import { makeKmdod } from './_kmdod.js';

export default makeKmdod({
  bug: 'unlocked-pointer',
  expect: {
    present: { verdict: 'holds' },
    power: { verdict: 'holds' },
    mode: { verdict: 'holds' },
    pointer: { verdict: 'violated', property: 'data-race' },
    bugcheck: { verdict: 'holds' },
  },
});
