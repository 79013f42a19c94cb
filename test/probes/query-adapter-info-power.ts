/**
 * Probe: DxgkDdiQueryAdapterInfo runs while DxgkDdiSetPowerState (level 3) is
 * in the driver: the stated exception to level 3, so that the OS need not wake
 * a sleeping device to answer it.
 *
 * Page: ddicheck's spec/wddm-contract.md, section Level 3 (threading-and-synchronization-third-level.md; the stored versions of that page no longer carry the exception, which the catalog keeps with its source)
 * Quote: "Stated exception: DxgkDdiQueryAdapterInfo may be called at the same time as DxgkDdiSetPowerState or DxgkDdiQueryChildRelations (so the OS need not wake a sleeping device to answer it); the driver must synchronize that itself."
 * Scenario overlap: MUST-REACH DxgkDdiQueryAdapterInfo starting while DxgkDdiSetPowerState (another process) is in the driver.
 *
 * How: SetPowerState is two steps, raising the ghost flag inSetPower in the
 * first and lowering it in the second; QueryAdapterInfo asserts it is down.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-query-adapter-info-power',
  global: { inSetPower: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiSetPowerState: {
      steps: {
        enter: (s) => { s.g.inSetPower = true; return 'leave'; },
        leave: (s) => { s.g.inSetPower = false; return 'return'; },
      },
    },
    DxgkDdiQueryAdapterInfo: {
      steps: { run: (s, k) => { k.assert(!s.g.inSetPower, 'DxgkDdiQueryAdapterInfo started while DxgkDdiSetPowerState was in the driver', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    overlap: { description: 'process 0 calls SetPowerState once, process 1 QueryAdapterInfo once', processes: 2, processCalls: [['DxgkDdiSetPowerState'], ['DxgkDdiQueryAdapterInfo']] },
  },
  expect: { overlap: { verdict: 'violated', property: 'probe' } },
});
