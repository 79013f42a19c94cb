/**
 * Probe: the runtime power DDIs are the stated exception to the exclusive
 * reset: DxgkDdiSetPowerComponentFState runs while DxgkDdiResetFromTimeout is
 * in the driver.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/thread-synchronization-and-tdr.md
 * Quote: "DxgkDdiResetFromTimeout is called synchronously with any other display miniport driver function, except for the runtime power management functions DxgkDdiSetPowerComponentFState and DxgkDdiPowerRuntimeControlRequest."
 * Scenario fstate: MUST-REACH DxgkDdiSetPowerComponentFState starting between the reset's first and last step.
 *
 * How: the reset is two steps, raising the ghost flag inReset in the first and
 * lowering it in the second; SetPowerComponentFState asserts it is down.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-reset-runtime-power',
  global: { inReset: t.ghost(t.bool()) },
  adapter: { queues: { dma: { depth: 1, tokens: 1 } }, components: 1 },
  ddis: {
    DxgkDdiSetPowerComponentFState: {
      steps: { run: (s, k) => { k.assert(!s.g.inReset, 'DxgkDdiSetPowerComponentFState started while DxgkDdiResetFromTimeout was in the driver', 'probe'); return 'return'; } },
    },
    DxgkDdiResetFromTimeout: {
      steps: {
        enter: (s) => { s.g.inReset = true; return 'leave'; },
        leave: (s) => { s.g.inReset = false; return 'return'; },
      },
    },
  },
  threads: { gpu: { steps: { submit: (s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
  scenarios: {
    fstate: { description: 'one thread may call SetPowerComponentFState once; the GPU may hang once', calls: ['DxgkDdiSetPowerComponentFState'], workers: { gpu: 1 }, tdrs: 1 },
  },
  expect: { fstate: { verdict: 'violated', property: 'probe' } },
});
