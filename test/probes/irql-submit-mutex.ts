/**
 * Probe: a DxgkDdiSubmitCommand that waits on a mutex is an IRQL violation,
 * because the call runs at DISPATCH_LEVEL, where no thread may wait.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_submitcommand.md (req.irql: DISPATCH_LEVEL)
 * Quote: "DxgkDdiSubmitCommand should be made nonpageable because it runs at IRQL = DISPATCH_LEVEL."
 * Scenario submit: MUST-REACH DxgkDdiSubmitCommand acquiring a mutex (KeWaitForSingleObject on a KMUTEX) at DISPATCH_LEVEL: property irql.
 *
 * How: SubmitCommand takes and releases a mutex in one step, as a driver that
 * guards its ring with a KMUTEX would.
 */
import { defineModel, mutex } from '../../src/index.js';

export default defineModel({
  name: 'probe-irql-submit-mutex',
  global: { ringLock: mutex() },
  ddis: {
    DxgkDdiSubmitCommand: {
      steps: { submit: (s, k) => { k.acquireMutex(s.g.ringLock); k.releaseMutex(s.g.ringLock); return 'return'; } },
    },
  },
  scenarios: {
    submit: { description: 'one thread calls SubmitCommand once', calls: ['DxgkDdiSubmitCommand'] },
  },
  expect: { submit: { verdict: 'violated', property: 'irql' } },
});
