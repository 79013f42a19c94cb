/**
 * Probe: level-0 calls from two processes overlap; no two threads of one
 * process are in the driver at once, at level 0 or across level 0 and level 1.
 *
 * Page: MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/display/threading-and-synchronization-zero-level.md
 * Quote: "The Windows Display Driver Model (WDDM) permits the following calls into the display miniport driver to be made in a reentrant fashion. That is, more than one thread can simultaneously enter the driver by calling the following functions:"
 * Also the same page: "Although two or more threads can be running in the driver at the same time, no two threads can belong to a single process."
 * Also: windows-driver-docs-pr/display/threading-and-synchronization-first-level.md, "Although two or more threads from different first-level classes and threads from zero-level calls can be running in the driver at the same time, no two threads can belong to a single process."
 * Scenario two-processes: MUST-REACH two DxgkDdiPresent calls of two processes in the driver at once.
 * Scenario one-process: MUST-NOT-REACH two DxgkDdiPresent calls of two threads of one process in the driver at once.
 * Scenario one-process-level1: MUST-NOT-REACH DxgkDdiPresent (level 0) and DxgkDdiPatch (level 1, gpu-scheduler) of two threads of one process in the driver at once.
 *
 * (Patch, not a pointer call: the pointer pages' "called independently of all
 * of the other display miniport driver functions" is a conflict of its own,
 * probed in any-time-pointer.ts.)
 *
 * How: each call is two steps that count themselves in and out of the ghost
 * counter `inside`, asserting it is 0 on the way in.
 */
import { defineModel, t, type Procedure, type Scope } from '../../src/index.js';
import { inCall, type Witnesses } from './_witness.js';

const global = { inside: t.ghost(t.int(0, 2)) };

const counted = (ddi: string): Procedure<Scope<typeof global, {}, {}>> => ({
  steps: {
    enter: (s, k) => { k.assert(s.g.inside === 0, `${k.name} entered ${ddi} while another call was in the driver`, 'probe'); s.g.inside++; return 'leave'; },
    leave: (s) => { s.g.inside--; return 'return'; },
  },
});

export default defineModel({
  name: 'probe-level0-processes',
  global,
  ddis: { DxgkDdiPresent: counted('DxgkDdiPresent'), DxgkDdiPatch: counted('DxgkDdiPatch') },
  scenarios: {
    'two-processes': { description: '2 processes x 1 thread, one Present each', processes: 2, calls: ['DxgkDdiPresent'] },
    'one-process': { description: '1 process x 2 threads, two Presents each', threadsPerProcess: 2, calls: ['DxgkDdiPresent'], callsPerThread: 2 },
    'one-process-level1': { description: '1 process x 2 threads, two calls of Present or Patch each', threadsPerProcess: 2, calls: ['DxgkDdiPresent', 'DxgkDdiPatch'], callsPerThread: 2 },
  },
  expect: {
    'two-processes': { verdict: 'violated', property: 'probe' },
    'one-process': { verdict: 'holds' },
    'one-process-level1': { verdict: 'holds' },
  },
});

/** Both threads of the one process make their calls. */
export const witnesses: Witnesses = {
  'one-process': { 'thread 0 presents': (s) => inCall(s, 'P0T0', 'DxgkDdiPresent'), 'thread 1 presents': (s) => inCall(s, 'P0T1', 'DxgkDdiPresent') },
  'one-process-level1': { 'thread 0 patches': (s) => inCall(s, 'P0T0', 'DxgkDdiPatch'), 'thread 1 presents': (s) => inCall(s, 'P0T1', 'DxgkDdiPresent') },
};
