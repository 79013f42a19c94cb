/**
 * Probe: the bugcheck display path is called at HIGH_LEVEL.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_write.md
 * Quote: "DxgkDdiSystemDisplayWrite can be called at any IRQL, so it must be in nonpageable memory."
 * Also: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_enable.md: "DxgkDdiSystemDisplayEnable can be called at any IRQL, so it must be in nonpageable memory."
 * Scenario halt: MUST-REACH DxgkDdiSystemDisplayWrite running at HIGH_LEVEL.
 *
 * How: SystemDisplayWrite asserts its IRQL is below HIGH_LEVEL. The scenario
 * has one driver thread and the bugcheck: the system may halt at any point.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-bugcheck-high-level',
  global: { n: t.int(0, 1) },
  ddis: {
    DxgkDdiSystemDisplayWrite: { steps: { blt: (_s, k) => { k.assert(k.irql < 15, 'DxgkDdiSystemDisplayWrite ran at HIGH_LEVEL', 'probe'); return 'return'; } } },
  },
  threads: { w: { steps: { a: (s) => { s.g.n = 1; return 'return'; } } } },
  scenarios: { halt: { description: 'one driver thread; the system may halt at any point', workers: { w: 1 }, bugcheck: true } },
  expect: { halt: { verdict: 'violated', property: 'probe' } },
});
