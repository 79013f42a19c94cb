/**
 * The correct display-only driver (BasicDisplay style): see _kmdod.ts for the
 * design it follows (microsoft/Windows-driver-samples video/KMDOD: bdd.cxx,
 * bdd_ddi.cxx, bdd_dmm.cxx, blthw.cxx), its DDIs, contexts and scenarios.
 * Every scenario holds.
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
  expect: {
    present: { verdict: 'holds' },
    power: { verdict: 'holds' },
    mode: { verdict: 'holds' },
    pointer: { verdict: 'holds' },
    bugcheck: { verdict: 'holds' },
  },
});
