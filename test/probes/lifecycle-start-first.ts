/**
 * Probe: nothing but DxgkDdiStartDevice reaches a driver that is not started.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_start_device.md
 * Quote: "The DxgkDdiStartDevice function prepares a display adapter to receive I/O requests."
 * Also: the same page lists among StartDevice's tasks "Enable interrupts for the display adapter represented by MiniportDeviceContext."
 * Scenario calls: MUST-NOT-REACH an ordinary DDI (a present, a child status query) entering the driver before DxgkDdiStartDevice returned.
 * Scenario isr: MUST-NOT-REACH the ISR called before DxgkDdiStartDevice began.
 *
 * How: StartDevice raises the ghost flag `started` in its last step; the
 * ordinary DDIs assert it is up. The invariant `probe` says the ISR is never
 * running while the PnP thread has not yet called StartDevice (the ISR may
 * be called from the moment StartDevice is entered: see
 * lifecycle-isr-during-start.ts). The PnP thread makes StartDevice (the
 * scenario's `lifecycle`); two processes may call the others at once.
 */
import { defineModel, t } from '../../src/index.js';
import { ctx, inCall, running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-lifecycle-start-first',
  global: { started: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiStartDevice: {
      steps: {
        enter: { next: 'done' },
        done: (s) => { s.g.started = true; return 'return'; },
      },
    },
    DxgkDdiPresentDisplayOnly: { steps: { run: (s, k) => { k.assert(s.g.started, 'a present entered before DxgkDdiStartDevice returned', 'probe'); return 'return'; } } },
    DxgkDdiQueryChildStatus: { steps: { run: (s, k) => { k.assert(s.g.started, 'a child status query entered before DxgkDdiStartDevice returned', 'probe'); return 'return'; } } },
  },
  isr: { steps: { run: { next: 'return' } } },
  invariants: {
    probe: (s) => !(running(s, 'ISR') && !s.g.started && ctx(s, 'PnP')?.call === null) || 'the ISR was called before DxgkDdiStartDevice began',
  },
  scenarios: {
    calls: { description: '2 threads, each one present or child status query; StartDevice by the PnP thread', processes: 2, calls: ['DxgkDdiPresentDisplayOnly', 'DxgkDdiQueryChildStatus'], lifecycle: { start: true } },
    isr: { description: 'StartDevice by the PnP thread; the ISR may be called once', interrupts: 1, lifecycle: { start: true } },
  },
  expect: { calls: { verdict: 'holds' }, isr: { verdict: 'holds' } },
});

export const witnesses: Witnesses = {
  calls: {
    'both threads in the driver after the start': (s) => s.g.started === true && inCall(s, 'P0T0', 'DxgkDdiPresentDisplayOnly') && inCall(s, 'P1T0', 'DxgkDdiQueryChildStatus'),
  },
  isr: { 'the ISR runs during StartDevice': (s) => inCall(s, 'PnP', 'DxgkDdiStartDevice') && running(s, 'ISR') },
};
