/**
 * Probe: after DxgkDdiStopDevice, a DPC the driver left queued still runs; the OS calls nothing, and the ISR is disconnected.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/wdm/nf-wdm-keflushqueueddpcs.md
 * Quote: "The KeFlushQueuedDpcs routine returns after all queued DPCs on all processors have executed."
 * Also: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_stop_device.md: "The DxgkDdiStopDevice function resets a display adapter and frees resources allocated during DxgkDdiStartDevice."
 * Scenario dpc: MUST-REACH a DPC, queued by a driver thread and not flushed, running after DxgkDdiStopDevice returned.
 * Scenario calls: MUST-NOT-REACH a present entering the driver after DxgkDdiStopDevice began.
 * Scenario isr: MUST-NOT-REACH the ISR called after DxgkDdiStopDevice returned.
 *
 * How: StopDevice raises the ghost flag `stopping` in its first step and, in
 * its last, `stopped` inside KeSynchronizeExecution (so no ISR call is in
 * progress then: one that runs later was called after the return). The DPC
 * and the ISR assert `stopped` is down, the present asserts `stopping` is.
 */
import { defineModel, t } from '../../src/index.js';
import { inCall, running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-lifecycle-after-stop',
  global: { stopping: t.ghost(t.bool()), stopped: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiStopDevice: {
      steps: {
        enter: (s) => { s.g.stopping = true; return 'done'; },
        done: (s, k) => { k.synchronizeExecution(() => { s.g.stopped = true; }); return 'return'; },
      },
    },
    DxgkDdiPresentDisplayOnly: { steps: { run: (s, k) => { k.assert(!s.g.stopping, 'a present entered after DxgkDdiStopDevice began', 'probe'); return 'return'; } } },
  },
  threads: { queuer: { steps: { queue: (_s, k) => { k.queueDpc('late'); return 'return'; } } } },
  dpcs: { late: { steps: { run: (s, k) => { k.assert(!s.g.stopped, 'a DPC ran after DxgkDdiStopDevice returned', 'probe'); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { k.assert(!s.g.stopped, 'the ISR was called after DxgkDdiStopDevice returned', 'probe'); return 'return'; } } },
  scenarios: {
    dpc: { description: 'a driver thread queues a DPC once; StopDevice by the PnP thread', workers: { queuer: 1 }, lifecycle: { stop: true } },
    calls: { description: '2 threads present once each; StopDevice by the PnP thread', processes: 2, calls: ['DxgkDdiPresentDisplayOnly'], lifecycle: { stop: true } },
    isr: { description: 'the ISR may be called twice; StopDevice by the PnP thread', interrupts: 2, lifecycle: { stop: true } },
  },
  expect: { dpc: { verdict: 'violated', property: 'probe' }, calls: { verdict: 'holds' }, isr: { verdict: 'holds' } },
});

export const witnesses: Witnesses = {
  calls: { 'a present runs before the stop': (s) => inCall(s, 'P0T0', 'DxgkDdiPresentDisplayOnly') && !s.g.stopping },
  isr: { 'the ISR runs while StopDevice is in the driver': (s) => inCall(s, 'PnP', 'DxgkDdiStopDevice') && running(s, 'ISR') },
};
