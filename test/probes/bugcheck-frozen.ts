/**
 * Probe: once the system halts, only the display path runs, enable first.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_write.md
 * Quote: "The operating system calls this function only if the display device was previously reset through a call to DxgkDdiSystemDisplayEnable."
 * Also: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_system_display_enable.md: "Starting with Windows 8, the operating system calls this function during a bugcheck operation following a system stop error."
 * Scenario halt: MUST-NOT-REACH DxgkDdiSystemDisplayWrite before DxgkDdiSystemDisplayEnable returned, or any other context (a thread's call, a worker, the ISR, a DPC, a timer's DPC) taking a step once the display path has begun.
 *
 * How: SystemDisplayEnable raises the ghost flag `onPath` in its first step and
 * `enabled` in its last; SystemDisplayWrite asserts `enabled`; every other
 * procedure asserts `onPath` is down in each of its steps. An OS thread
 * presents (two steps), a worker queues a DPC, the ISR may run and a periodic
 * timer keeps firing, so the halt can come in the middle of any of them.
 */
import { defineModel, t } from '../../src/index.js';
import { inCall, running, type Witnesses } from './_witness.js';

const frozen = (what: string) => (s: { g: { onPath: boolean } }, k: { assert: (c: boolean, m: string, p: string) => void }) => {
  k.assert(!s.g.onPath, `${what} moved after the system halted`, 'probe');
};

export default defineModel({
  name: 'probe-bugcheck-frozen',
  global: { onPath: t.ghost(t.bool()), enabled: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiPresentDisplayOnly: { steps: { a: (s, k) => { frozen('a present')(s, k); return 'b'; }, b: (s, k) => { frozen('a present')(s, k); return 'return'; } } },
    DxgkDdiSystemDisplayEnable: {
      steps: {
        enter: (s) => { s.g.onPath = true; return 'done'; },
        done: (s) => { s.g.enabled = true; return 'return'; },
      },
    },
    DxgkDdiSystemDisplayWrite: { steps: { blt: (s, k) => { k.assert(s.g.enabled, 'DxgkDdiSystemDisplayWrite ran before DxgkDdiSystemDisplayEnable returned', 'probe'); return 'return'; } } },
  },
  threads: { w: { steps: { a: (s, k) => { frozen('the worker')(s, k); k.queueDpc('d'); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { frozen('the ISR')(s, k); return 'return'; } } },
  dpcs: { d: { steps: { run: (s, k) => { frozen('a DPC')(s, k); return 'return'; } } }, tick: { steps: { run: (s, k) => { frozen('the timer DPC')(s, k); return 'return'; } } } },
  timers: { t: { dpc: 'tick' } },
  init: (_s, k) => { k.setTimer('t', { periodic: true }); },
  scenarios: {
    halt: { description: 'one thread presents once, a worker queues a DPC, the ISR may run once, a periodic timer; the system may halt at any point, and the OS writes 2 blocks', calls: ['DxgkDdiPresentDisplayOnly'], workers: { w: 1 }, interrupts: 1, bugcheck: { writes: 2 } },
  },
  expect: { halt: { verdict: 'holds' } },
});

export const witnesses: Witnesses = {
  halt: {
    'the display path runs with a present frozen in the driver': (s) => inCall(s, 'BUGCHECK', 'DxgkDdiSystemDisplayWrite') && inCall(s, 'P0T0', 'DxgkDdiPresentDisplayOnly'),
    'the display path runs with the DPC queued and the timer armed': (s) => inCall(s, 'BUGCHECK', 'DxgkDdiSystemDisplayWrite') && s.kernel.dpcs.d.queued && s.kernel.timers.t.armed,
    'the display path runs with the ISR frozen': (s) => inCall(s, 'BUGCHECK', 'DxgkDdiSystemDisplayEnable') && running(s, 'ISR'),
  },
};
