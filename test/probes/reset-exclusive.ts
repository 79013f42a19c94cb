/**
 * Probe: nothing but the exempt calls is in the driver while
 * DxgkDdiResetFromTimeout runs: no ordinary level-0 or level-1 call.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "DxgkDdiResetFromTimeout is called synchronously with any other display miniport driver function, except for the runtime power management functions DxgkDdiSetPowerComponentFState and DxgkDdiPowerRuntimeControlRequest. That is, no other thread runs in the driver while the DxgkDdiResetFromTimeout thread runs."
 * Scenario present: MUST-NOT-REACH a DxgkDdiPresent (level 0) in the driver during the reset.
 * Scenario patch: MUST-NOT-REACH a DxgkDdiPatch (level 1, gpu-scheduler) in the driver during the reset.
 *
 * How: the reset is two steps, raising the ghost flag inReset in the first and
 * lowering it in the second (so the reset is in the driver in between); each
 * ordinary call is two steps too and asserts the flag is down in both. The
 * companion cleanup-ordinary-calls.ts shows these calls do run in the TDR
 * (after the reset), so holding here is not holding for want of a TDR.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inReset: t.ghost(t.bool()) };

/** An ordinary call that asserts, at entry and before it returns, that no reset is in the driver. */
const ordinary = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: {
    enter: (s, k) => { k.assert(!s.g.inReset, `${ddi} started while DxgkDdiResetFromTimeout was in the driver`, 'probe'); return 'leave'; },
    leave: (s, k) => { k.assert(!s.g.inReset, `${ddi} was in the driver while DxgkDdiResetFromTimeout ran`, 'probe'); return 'return'; },
  },
});

export default defineModel({
  name: 'probe-reset-exclusive',
  global,
  adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
  ddis: {
    DxgkDdiPresent: ordinary('DxgkDdiPresent'),
    DxgkDdiPatch: ordinary('DxgkDdiPatch'),
    DxgkDdiResetFromTimeout: {
      steps: {
        enter: (s) => { s.g.inReset = true; return 'leave'; },
        leave: (s) => { s.g.inReset = false; return 'return'; },
      },
    },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    present: { description: 'two threads may call Present twice each; the GPU may hang once', processes: 2, calls: ['DxgkDdiPresent'], callsPerThread: 2, workers: { gpu: 1 }, tdrs: 1 },
    patch: { description: 'two threads may call Patch twice each; the GPU may hang once', processes: 2, calls: ['DxgkDdiPatch'], callsPerThread: 2, workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: {
    present: { verdict: 'holds' },
    patch: { verdict: 'holds' },
  },
});

/** The reset runs, and so do the calls it must keep out. */
export const witnesses: Witnesses = {
  present: { 'the reset is in the driver': (s) => inCall(s, 'TDR', 'DxgkDdiResetFromTimeout'), 'a Present is in the driver': (s) => inCall(s, 'P0T0', 'DxgkDdiPresent') },
  patch: { 'the reset is in the driver': (s) => inCall(s, 'TDR', 'DxgkDdiResetFromTimeout'), 'a Patch is in the driver': (s) => inCall(s, 'P0T0', 'DxgkDdiPatch') },
};
