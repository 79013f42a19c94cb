/**
 * Probe: DxgkDdiSetPowerComponentFState is entered at DISPATCH_LEVEL (its page
 * gives <= DISPATCH_LEVEL, so the OS may call it there).
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddisetpowercomponentfstate.md
 * Quote: "req.irql: <=DISPATCH_LEVEL" (the requirements field of the page; its text says nothing more about the IRQL)
 * Scenario fstate: MUST-REACH DxgkDdiSetPowerComponentFState's first step running at DISPATCH_LEVEL.
 *
 * How: the first step asserts k.irql !== DISPATCH_LEVEL (2). irql-fstate-passive.ts
 * is the same at PASSIVE_LEVEL: the environment must explore both.
 */
import { defineModel, DISPATCH_LEVEL } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-fstate-dispatch',
  ddis: {
    DxgkDdiSetPowerComponentFState: {
      steps: { run: (s, k) => { k.assert(k.irql !== DISPATCH_LEVEL, 'DxgkDdiSetPowerComponentFState was entered at DISPATCH_LEVEL', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    fstate: { description: 'one thread calls SetPowerComponentFState once', calls: ['DxgkDdiSetPowerComponentFState'] },
  },
  expect: { fstate: { verdict: 'violated', property: 'probe' } },
});
