/**
 * Probe: two pointer-class calls are never in the driver at once, whether both
 * are DxgkDdiSetPointerPosition or one is DxgkDdiSetPointerShape.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_setpointerposition.md
 * Quote: "However, the system ensures that DxgkDdiSetPointerPosition and DxgkDdiSetPointerShape threads cannot run simultaneously."
 * Also: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-first-level.md, "That is, at the most, one thread can be running within one of the following functions at a given time:" (the pointer class)
 * Scenario mixed: MUST-NOT-REACH DxgkDdiSetPointerPosition and DxgkDdiSetPointerShape in the driver at once (two processes).
 * Scenario same: MUST-NOT-REACH two DxgkDdiSetPointerPosition calls in the driver at once (two processes).
 *
 * How: each pointer call is two steps that count themselves in and out of the
 * ghost counter `inside`, asserting it is 0 on the way in.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inside: t.ghost(t.int(0, 2)) };

const pointer = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: {
    enter: (s, k) => { k.assert(s.g.inside === 0, `${ddi} entered while another pointer call was in the driver`, 'probe'); s.g.inside++; return 'leave'; },
    leave: (s) => { s.g.inside--; return 'return'; },
  },
});

export default defineModel({
  name: 'probe-pointer-class',
  global,
  ddis: {
    DxgkDdiSetPointerPosition: pointer('DxgkDdiSetPointerPosition'),
    DxgkDdiSetPointerShape: pointer('DxgkDdiSetPointerShape'),
  },
  scenarios: {
    mixed: { description: 'process 0 calls SetPointerPosition, process 1 SetPointerShape, twice each', processes: 2, processCalls: [['DxgkDdiSetPointerPosition'], ['DxgkDdiSetPointerShape']], callsPerThread: 2 },
    same: { description: 'two processes call SetPointerPosition twice each', processes: 2, calls: ['DxgkDdiSetPointerPosition'], callsPerThread: 2 },
  },
  expect: {
    mixed: { verdict: 'holds' },
    same: { verdict: 'holds' },
  },
});

/** Both processes' pointer calls run. */
export const witnesses: Witnesses = {
  mixed: { 'SetPointerPosition runs': (s) => inCall(s, 'P0T0', 'DxgkDdiSetPointerPosition'), 'SetPointerShape runs': (s) => inCall(s, 'P1T0', 'DxgkDdiSetPointerShape') },
  same: { 'process 0 moves the pointer': (s) => inCall(s, 'P0T0', 'DxgkDdiSetPointerPosition'), 'process 1 moves the pointer': (s) => inCall(s, 'P1T0', 'DxgkDdiSetPointerPosition') },
};
