/**
 * Probe: DxgkDdiSetVidPnSourceAddress is also entered at DIRQL, the flip path
 * of a driver that reports MMIO-based flips.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_setvidpnsourceaddress.md (req.irql: PASSIVE_LEVEL. Called at DIRQL if the driver supports a MMIO-based flip.)
 * Quote: "If the display miniport driver previously indicated, in a call to its DxgkDdiQueryAdapterInfo function, that it supports a MMIO-based flip (by setting the FlipOnVSyncMmIo bit-field flag in the FlipCaps member of the DXGK_DRIVERCAPS structure to TRUE), the driver's DxgkDdiSetVidPnSourceAddress function is subsequently called at device interrupt request level (DIRQL) for flip purposes."
 * Scenario flip: MUST-REACH DxgkDdiSetVidPnSourceAddress's first step running at DIRQL.
 *
 * How: the first step asserts k.irql !== DIRQL (5).
 */
import { defineModel, DIRQL } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-vidpn-source-address',
  ddis: {
    DxgkDdiSetVidPnSourceAddress: {
      steps: { run: (s, k) => { k.assert(k.irql !== DIRQL, 'DxgkDdiSetVidPnSourceAddress was entered at DIRQL', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    flip: { description: 'one thread calls SetVidPnSourceAddress once', calls: ['DxgkDdiSetVidPnSourceAddress'] },
  },
  expect: { flip: { verdict: 'violated', property: 'probe' } },
});
