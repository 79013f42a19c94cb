/**
 * Probe: after a surprise removal the OS still calls DDIs to release resources, and the device raises nothing more.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_notify_surprise_removal.md
 * Quote: "If the display miniport driver returns STATUS_SUCCESS, the DirectX graphics kernel subsystem will continue to remove the external display adapter from the graphics stack and will call other driver-implemented DxgkDdiXxx kernel-mode functions to release all resources."
 * Scenario release: MUST-REACH an ordinary DDI entering the driver after DxgkDdiNotifySurpriseRemoval returned.
 * Scenario device: MUST-NOT-REACH a message-signaled interrupt (one the device raised) after DxgkDdiNotifySurpriseRemoval began.
 *
 * How: the removal raises the ghost flag `removed` inside
 * KeSynchronizeExecution (no ISR call is in progress then) and `notified` in
 * its last step. The device starts with the interrupt enabled and two flips
 * queued; it raises an interrupt for each it takes. The present asserts `notified`
 * is down, the (MSI, never spurious) ISR that `removed` is.
 */
import { defineModel, t } from '../../src/index.js';
import { inCall, running, type Witnesses } from './_witness.js';

export default defineModel({
  name: 'probe-surprise-removal',
  global: { removed: t.ghost(t.bool()), notified: t.ghost(t.bool()) },
  adapter: { queues: { flip: { depth: 2, tokens: 2 } } },
  ddis: {
    DxgkDdiNotifySurpriseRemoval: {
      steps: {
        gone: (s, k) => { k.synchronizeExecution(() => { s.g.removed = true; }); return 'done'; },
        done: (s) => { s.g.notified = true; return 'return'; },
      },
    },
    DxgkDdiPresentDisplayOnly: { steps: { run: (s, k) => { k.assert(!s.g.notified, 'a present entered after DxgkDdiNotifySurpriseRemoval returned', 'probe'); return 'return'; } } },
  },
  // The device was started and has two flips queued.
  init: (_s, k) => { k.hw.enableInterrupts(true); k.hw.submit('flip', 1); k.hw.submit('flip', 2); },
  isr: {
    steps: {
      run: (s, k) => {
        k.assert(!s.g.removed, 'the device raised an interrupt after DxgkDdiNotifySurpriseRemoval began', 'probe');
        if (k.hw.ackInterrupt()) k.hw.takeCompleted('flip');
        return 'return';
      },
    },
  },
  scenarios: {
    release: { description: 'one thread presents once; the PnP thread reports a surprise removal', calls: ['DxgkDdiPresentDisplayOnly'], lifecycle: { surpriseRemoval: true } },
    device: { description: 'two flips queued; up to 2 MSI interrupts; the PnP thread reports a surprise removal', interrupts: { count: 2, kind: 'msi' }, lifecycle: { surpriseRemoval: true } },
  },
  expect: { release: { verdict: 'violated', property: 'probe' }, device: { verdict: 'holds' } },
});

export const witnesses: Witnesses = {
  device: {
    'an interrupt before the removal': (s) => running(s, 'ISR') && !s.g.removed,
    'the removal with a flip still queued': (s) => inCall(s, 'PnP', 'DxgkDdiNotifySurpriseRemoval') && s.adapter!.queues.flip.pending.length > 0,
  },
};
