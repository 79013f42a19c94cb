/**
 * Probe: two calls of one level-1 class are never in the driver at once (the
 * display class; the gpu-scheduler class outside a TDR).
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-first-level.md
 * Quote: "No reentrancy is permitted within a particular class; that is, only one thread can enter the driver within a particular class."
 * Scenario display: MUST-NOT-REACH DxgkDdiSetTargetGamma and DxgkDdiSetTargetContentType (two processes) in the driver at once.
 * Scenario gpu-scheduler: MUST-NOT-REACH DxgkDdiPatch and DxgkDdiBuildPagingBuffer (two processes) in the driver at once.
 *
 * How: each call is two steps that count themselves in and out of the ghost
 * counter `inside`, asserting it is 0 on the way in.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inside: t.ghost(t.int(0, 2)) };

const counted = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: {
    enter: (s, k) => { k.assert(s.g.inside === 0, `${ddi} entered while another call of its class was in the driver`, 'probe'); s.g.inside++; return 'leave'; },
    leave: (s) => { s.g.inside--; return 'return'; },
  },
});

export default defineModel({
  name: 'probe-level1-class',
  global,
  ddis: {
    DxgkDdiSetTargetGamma: counted('DxgkDdiSetTargetGamma'),
    DxgkDdiSetTargetContentType: counted('DxgkDdiSetTargetContentType'),
    DxgkDdiPatch: counted('DxgkDdiPatch'),
    DxgkDdiBuildPagingBuffer: counted('DxgkDdiBuildPagingBuffer'),
  },
  scenarios: {
    display: { description: 'process 0 calls SetTargetGamma, process 1 SetTargetContentType, twice each', processes: 2, processCalls: [['DxgkDdiSetTargetGamma'], ['DxgkDdiSetTargetContentType']], callsPerThread: 2 },
    'gpu-scheduler': { description: 'process 0 calls Patch, process 1 BuildPagingBuffer, twice each', processes: 2, processCalls: [['DxgkDdiPatch'], ['DxgkDdiBuildPagingBuffer']], callsPerThread: 2 },
  },
  expect: {
    display: { verdict: 'holds' },
    'gpu-scheduler': { verdict: 'holds' },
  },
});

/** Both calls of each class run. */
export const witnesses: Witnesses = {
  display: { 'SetTargetGamma runs': (s) => inCall(s, 'P0T0', 'DxgkDdiSetTargetGamma'), 'SetTargetContentType runs': (s) => inCall(s, 'P1T0', 'DxgkDdiSetTargetContentType') },
  'gpu-scheduler': { 'Patch runs': (s) => inCall(s, 'P0T0', 'DxgkDdiPatch'), 'BuildPagingBuffer runs': (s) => inCall(s, 'P1T0', 'DxgkDdiBuildPagingBuffer') },
};
