/**
 * Probe: DxgkDdiSetPointerPosition and DxgkDdiSetPointerShape start while a
 * level-2 call (DxgkDdiCommitVidPn) is in the driver, by default (the weaker
 * guarantee of two conflicting pages); with the scenario option
 * `pointerIndependent: false` (the level-2 page's reading) they do not.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_setpointerposition.md
 * Quote: "The DxgkDdiSetPointerPosition function is called independently of all of the other display miniport driver functions. Therefore, a DxgkDdiSetPointerPosition thread can run simultaneously with another display miniport driver thread."
 * Also: wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_setpointershape.md, "The DxgkDdiSetPointerShape function is called independently of all of the other display miniport driver functions."
 * Against: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-second-level.md, "the Windows Display Driver Model (WDDM) guarantees that only a single thread (that is, the calling thread) is within the display miniport driver"
 * Scenario position: MUST-REACH DxgkDdiSetPointerPosition starting while DxgkDdiCommitVidPn is in the driver.
 * Scenario shape: MUST-REACH DxgkDdiSetPointerShape starting while DxgkDdiCommitVidPn is in the driver.
 * Scenario strict: MUST-NOT-REACH the same for DxgkDdiSetPointerPosition with `pointerIndependent: false`.
 *
 * How: CommitVidPn is two steps, raising the ghost flag inCommit in the first
 * and lowering it in the second; the pointer calls assert it is down.
 */
import { defineModel, t, type Procedure, type Scenario, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inCommit: t.ghost(t.bool()) };

const pointer = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: { run: (s, k) => { k.assert(!s.g.inCommit, `${ddi} started while DxgkDdiCommitVidPn (level 2) was in the driver`, 'probe'); return 'return'; } },
});

export default defineModel({
  name: 'probe-any-time-pointer',
  global,
  ddis: {
    DxgkDdiSetPointerPosition: pointer('DxgkDdiSetPointerPosition'),
    DxgkDdiSetPointerShape: pointer('DxgkDdiSetPointerShape'),
    DxgkDdiCommitVidPn: {
      steps: {
        enter: (s) => { s.g.inCommit = true; return 'leave'; },
        leave: (s) => { s.g.inCommit = false; return 'return'; },
      },
    },
  },
  scenarios: {
    position: { description: 'process 0 calls CommitVidPn once, process 1 SetPointerPosition once', processes: 2, processCalls: [['DxgkDdiCommitVidPn'], ['DxgkDdiSetPointerPosition']] },
    shape: { description: 'process 0 calls CommitVidPn once, process 1 SetPointerShape once', processes: 2, processCalls: [['DxgkDdiCommitVidPn'], ['DxgkDdiSetPointerShape']] },
    strict: {
      description: 'as position, with the pointer DDIs under the level rules (pointerIndependent: false)',
      processes: 2, processCalls: [['DxgkDdiCommitVidPn'], ['DxgkDdiSetPointerPosition']], pointerIndependent: false,
    } as Scenario,
  },
  expect: {
    position: { verdict: 'violated', property: 'probe' },
    shape: { verdict: 'violated', property: 'probe' },
    strict: { verdict: 'holds' },
  },
});

/** Under the strict reading the pointer call still runs. */
export const witnesses: Witnesses = { strict: { 'SetPointerPosition runs': (s) => inCall(s, 'P1T0', 'DxgkDdiSetPointerPosition') } };
