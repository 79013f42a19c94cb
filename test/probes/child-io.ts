/**
 * Probe: child I/O calls for two different children overlap; two for one child
 * never do.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-first-level.md
 * Quote: "The child I/O class functions are synchronized per child device (that is, simultaneous calls to multiple child devices are allowed)."
 * Scenario two-children: MUST-REACH DxgkDdiQueryChildStatus for child 0 and for child 1 (two processes) in the driver at once.
 * Scenario one-child: MUST-NOT-REACH two DxgkDdiQueryChildStatus calls for child 0 (two processes) in the driver at once.
 *
 * How: the call is two steps that count themselves in and out of the ghost
 * counter `inside`, asserting it is 0 on the way in.
 */
import { defineModel, t } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-child-io',
  global: { inside: t.ghost(t.int(0, 2)) },
  ddis: {
    DxgkDdiQueryChildStatus: {
      steps: {
        enter: (s, k) => { k.assert(s.g.inside === 0, `DxgkDdiQueryChildStatus for child ${k.callInfo?.child} entered while another child I/O call was in the driver`, 'probe'); s.g.inside++; return 'leave'; },
        leave: (s) => { s.g.inside--; return 'return'; },
      },
    },
  },
  scenarios: {
    'two-children': {
      description: 'process 0 queries child 0, process 1 child 1',
      processes: 2, processCalls: [[{ ddi: 'DxgkDdiQueryChildStatus', child: 0 }], [{ ddi: 'DxgkDdiQueryChildStatus', child: 1 }]],
    },
    'one-child': {
      description: 'both processes query child 0, twice each',
      processes: 2, calls: [{ ddi: 'DxgkDdiQueryChildStatus', child: 0 }], callsPerThread: 2,
    },
  },
  expect: {
    'two-children': { verdict: 'violated', property: 'probe' },
    'one-child': { verdict: 'holds' },
  },
});

/** Both processes' calls for child 0 run. */
export const witnesses: Witnesses = {
  'one-child': { 'process 0 queries child 0': (s) => inCall(s, 'P0T0', 'DxgkDdiQueryChildStatus'), 'process 1 queries child 0': (s) => inCall(s, 'P1T0', 'DxgkDdiQueryChildStatus') },
};
