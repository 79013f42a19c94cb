/**
 * Probe: a pointer-class call (level 1) and a level-0 call overlap.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-first-level.md
 * Quote: "However, calls from multiple first-level classes and zero-level calls can be entered simultaneously."
 * Scenario overlap: MUST-REACH DxgkDdiSetPointerPosition starting while DxgkDdiPresent (another process) is in the driver.
 *
 * How: Present is two steps, raising the ghost flag inPresent in the first and
 * lowering it in the second; SetPointerPosition asserts it is down.
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-pointer-beside-present',
  global: { inPresent: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiPresent: {
      steps: {
        enter: (s) => { s.g.inPresent = true; return 'leave'; },
        leave: (s) => { s.g.inPresent = false; return 'return'; },
      },
    },
    DxgkDdiSetPointerPosition: {
      steps: { run: (s, k) => { k.assert(!s.g.inPresent, 'DxgkDdiSetPointerPosition started while DxgkDdiPresent was in the driver', 'probe'); return 'return'; } },
    },
  },
  scenarios: {
    overlap: { description: 'process 0 calls Present once, process 1 SetPointerPosition once', processes: 2, processCalls: [['DxgkDdiPresent'], ['DxgkDdiSetPointerPosition']] },
  },
  expect: { overlap: { verdict: 'violated', property: 'probe' } },
});
