/**
 * Probe: DxgkDdiCollectDiagnosticInfo may come before DxgkDdiStartDevice has returned.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_collectdiagnosticinfo.md
 * Quote: "This function is called at PASSIVE level, at any time in between the calls to DxgkDdiAddDevice and DxgkDdiStartDevice, and should support synchronization zero level."
 * Scenario early: MUST-REACH DxgkDdiCollectDiagnosticInfo entering the driver before DxgkDdiStartDevice returned.
 *
 * How: StartDevice raises the ghost flag `started` in its only step;
 * CollectDiagnosticInfo asserts it is up. The lifecycle start rule lets the
 * call through before the start (the one DDI a page allows then).
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-lifecycle-collect-diag-before-start',
  global: { started: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiStartDevice: { steps: { done: (s) => { s.g.started = true; return 'return'; } } },
    DxgkDdiCollectDiagnosticInfo: { steps: { run: (s, k) => { k.assert(s.g.started, 'DxgkDdiCollectDiagnosticInfo entered before DxgkDdiStartDevice returned', 'probe'); return 'return'; } } },
  },
  scenarios: { early: { description: 'one thread collects diagnostic info once; StartDevice by the PnP thread', calls: ['DxgkDdiCollectDiagnosticInfo'], lifecycle: { start: true } } },
  expect: { early: { verdict: 'violated', property: 'probe' } },
});
