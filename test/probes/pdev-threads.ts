/**
 * Probe: of a GDI display driver's threads, only one at a time is in the
 * driver with an enabled PDEV, across every enabled PDEV (two sessions, two
 * monitors); a thread with a disabled PDEV runs beside it.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/managing-pdevs.md (archived from the live repository)
 * Quote: "When a display driver manages a mix of disabled and enabled PDEVs, the operating system permits a single thread to call a driver function with an enabled PDEV while simultaneously permitting multiple threads to call driver functions with disabled PDEVs."
 * Also the same page: "Even if a single display driver manages multiple enabled PDEVs, (for example, in a multiple monitor scenario), the operating system still only lets a single thread call into driver code with any of those enabled PDEVs."
 * Scenario enabled-enabled: MUST-NOT-REACH the threads of two sessions, each on its own enabled PDEV (two outputs), in the display driver at once.
 * Scenario disabled-enabled: MUST-REACH DrvDisableSurface on a disabled PDEV starting while DrvBitBlt on the enabled PDEV is in the display driver.
 *
 * How: each display-driver call is two steps that count themselves in and out
 * of the ghost counter `inside` (global space, so it counts across sessions),
 * asserting it is 0 on the way in.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inside: t.ghost(t.int(0, 2)) };

const counted = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: {
    enter: (s, k) => { k.assert(s.g.inside === 0, `${k.name} entered ${ddi} while another thread was in the display driver`, 'probe'); s.g.inside++; return 'leave'; },
    leave: (s) => { s.g.inside--; return 'return'; },
  },
});

export default defineModel({
  name: 'probe-pdev-threads',
  global,
  ddis: { DrvBitBlt: counted('DrvBitBlt'), DrvDisableSurface: counted('DrvDisableSurface') },
  scenarios: {
    'enabled-enabled': {
      description: 'session 0 draws on its enabled PDEV 0 (output 0), session 1 on its enabled PDEV 1 (output 1), twice each',
      processes: 2, sessions: 2, pdevs: 2, outputs: 2, pdevStart: ['enabled', 'enabled'], callsPerThread: 2,
      processCalls: [[{ ddi: 'DrvBitBlt', pdev: 0 }], [{ ddi: 'DrvBitBlt', pdev: 1 }]],
    },
    'disabled-enabled': {
      description: 'session 0 draws on the enabled PDEV 0, session 1 destroys the surface of its disabled PDEV 1 (one output)',
      processes: 2, sessions: 2, pdevs: 2, outputs: 1, pdevStart: ['enabled', 'disabled'],
      processCalls: [[{ ddi: 'DrvBitBlt', pdev: 0 }], [{ ddi: 'DrvDisableSurface', pdev: 1 }]],
    },
  },
  expect: {
    'enabled-enabled': { verdict: 'holds' },
    'disabled-enabled': { verdict: 'violated', property: 'probe' },
  },
});

/** Both sessions draw. */
export const witnesses: Witnesses = {
  'enabled-enabled': { 'session 0 draws': (s) => inCall(s, 'P0T0', 'DrvBitBlt'), 'session 1 draws': (s) => inCall(s, 'P1T0', 'DrvBitBlt') },
};
