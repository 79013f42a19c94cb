/**
 * Probe: DxgkDdiSubmitCommand and DxgkDdiPreemptCommand are entered at
 * DISPATCH_LEVEL, their pages' IRQL, not at the PASSIVE_LEVEL of an ordinary
 * thread.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_submitcommand.md (req.irql: DISPATCH_LEVEL)
 * Quote: "DxgkDdiSubmitCommand should be made nonpageable because it runs at IRQL = DISPATCH_LEVEL."
 * Also: wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_preemptcommand.md, "DxgkDdiPreemptCommand should be made nonpageable because it runs at IRQL = DISPATCH_LEVEL"
 * Scenario submit: MUST-NOT-REACH DxgkDdiSubmitCommand's first step running at an IRQL other than DISPATCH_LEVEL.
 * Scenario preempt: MUST-NOT-REACH DxgkDdiPreemptCommand's first step running at an IRQL other than DISPATCH_LEVEL.
 *
 * How: the first step asserts k.irql === DISPATCH_LEVEL (2). That the calls
 * run at all is shown by irql-submit-mutex.ts (violated there).
 */
import { defineModel, DISPATCH_LEVEL, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const atDispatch = (ddi: string): Procedure<Scope<{}, {}, {}>> => ({
  steps: { run: (s, k) => { k.assert(k.irql === DISPATCH_LEVEL, `${ddi} was entered at IRQL ${k.irql}, not DISPATCH_LEVEL`, 'probe'); return 'return'; } },
});

export default defineModel({
  name: 'probe-irql-submit-command',
  ddis: {
    DxgkDdiSubmitCommand: atDispatch('DxgkDdiSubmitCommand'),
    DxgkDdiPreemptCommand: atDispatch('DxgkDdiPreemptCommand'),
  },
  scenarios: {
    submit: { description: 'one thread calls SubmitCommand once', calls: ['DxgkDdiSubmitCommand'] },
    preempt: { description: 'one thread calls PreemptCommand once', calls: ['DxgkDdiPreemptCommand'] },
  },
  expect: {
    submit: { verdict: 'holds' },
    preempt: { verdict: 'holds' },
  },
});

/** Each call is entered. */
export const witnesses: Witnesses = {
  submit: { 'SubmitCommand is entered': (s) => inCall(s, 'P0T0', 'DxgkDdiSubmitCommand') },
  preempt: { 'PreemptCommand is entered': (s) => inCall(s, 'P0T0', 'DxgkDdiPreemptCommand') },
};
