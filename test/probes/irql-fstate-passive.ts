/**
 * Probe: DxgkDdiSetPowerComponentFState is entered at PASSIVE_LEVEL too (its page
 * gives <= DISPATCH_LEVEL: any IRQL up to it).
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddisetpowercomponentfstate.md
 * Quote: "req.irql: <=DISPATCH_LEVEL" (the requirements field of the page; its text says nothing more about the IRQL)
 * Scenario fstate: MUST-REACH DxgkDdiSetPowerComponentFState's first step running at PASSIVE_LEVEL.
 *
 * How: the first step asserts k.irql !== PASSIVE_LEVEL (0). irql-fstate-dispatch.ts
 * is the same at DISPATCH_LEVEL: the environment must explore both.
 */
import { defineModel, PASSIVE_LEVEL } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-fstate-passive',
  ddis: {
    DxgkDdiSetPowerComponentFState: {
      steps: { run: (s, k) => { k.assert(k.irql !== PASSIVE_LEVEL, 'DxgkDdiSetPowerComponentFState was entered at PASSIVE_LEVEL', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    fstate: { description: 'one thread calls SetPowerComponentFState once', calls: ['DxgkDdiSetPowerComponentFState'] },
  },
  expect: { fstate: { verdict: 'violated', property: 'probe' } },
});
