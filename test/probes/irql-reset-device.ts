/**
 * Probe: DxgkDdiResetDevice is entered at HIGH_LEVEL (the bugcheck and
 * hibernation display path): its page allows any IRQL.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_reset_device.md (req.irql: Any level)
 * Quote: "DxgkDdiResetDevice can be called at any IRQL, so it must be in nonpageable memory."
 * Scenario bugcheck: MUST-REACH DxgkDdiResetDevice's first step running at HIGH_LEVEL.
 *
 * How: the first step asserts k.irql !== HIGH_LEVEL (15).
 */
import { defineModel, HIGH_LEVEL } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-reset-device',
  ddis: {
    DxgkDdiResetDevice: {
      steps: { run: (s, k) => { k.assert(k.irql !== HIGH_LEVEL, 'DxgkDdiResetDevice was entered at HIGH_LEVEL', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    bugcheck: { description: 'one thread calls ResetDevice once', calls: ['DxgkDdiResetDevice'] },
  },
  expect: { bugcheck: { verdict: 'violated', property: 'probe' } },
});
