/**
 * Probe: DxgkDdiCollectDbgInfo is entered at high IRQL (above DISPATCH_LEVEL)
 * when its reason is not a TDR timeout.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-zero-level.md
 * Quote: "DxgkDdiCollectDbgInfo should collect debug information for various failures and can be called at any time and at high IRQL (that is, the IRQL that DxgkDdiCollectDbgInfo runs at is generally undefined)."
 * Also: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_collectdbginfo.md, "DxgkDdiCollectDbgInfo generally runs at an undefined IRQL."
 * Scenario debug: MUST-REACH DxgkDdiCollectDbgInfo's first step running above DISPATCH_LEVEL.
 *
 * How: the first step asserts k.irql <= DISPATCH_LEVEL (2).
 */
import { defineModel, DISPATCH_LEVEL } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-collect-dbg-info',
  ddis: {
    DxgkDdiCollectDbgInfo: {
      steps: { run: (s, k) => { k.assert(k.irql <= DISPATCH_LEVEL, `DxgkDdiCollectDbgInfo was entered at IRQL ${k.irql}, above DISPATCH_LEVEL`, 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    debug: { description: 'one thread calls CollectDbgInfo once', calls: ['DxgkDdiCollectDbgInfo'] },
  },
  expect: { debug: { verdict: 'violated', property: 'probe' } },
});
