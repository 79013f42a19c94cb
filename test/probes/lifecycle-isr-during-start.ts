/**
 * Probe: the ISR may be called while DxgkDdiStartDevice is still in the driver.
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_start_device.md
 * Quote: "Enable interrupts for the display adapter represented by MiniportDeviceContext."
 * Scenario start: MUST-REACH DxgkDdiInterruptRoutine running between StartDevice's first and last step.
 *
 * How: StartDevice raises the ghost flag `starting` in its first step and
 * lowers it in its last; the ISR asserts it is down. StartDevice enables the
 * interrupt itself, so an ISR that returns FALSE until its device is set up is
 * what the driver must be ready for (the line may be shared).
 */
import { defineModel, t } from '../../src/index.js';

export default defineModel({
  name: 'probe-lifecycle-isr-during-start',
  global: { starting: t.ghost(t.bool()) },
  ddis: {
    DxgkDdiStartDevice: {
      steps: {
        enter: (s) => { s.g.starting = true; return 'done'; },
        done: (s) => { s.g.starting = false; return 'return'; },
      },
    },
  },
  isr: { steps: { run: (s, k) => { k.assert(!s.g.starting, 'the ISR ran while DxgkDdiStartDevice was in the driver', 'probe'); return 'return'; } } },
  scenarios: { start: { description: 'StartDevice by the PnP thread; the ISR may be called once', interrupts: 1, lifecycle: { start: true } } },
  expect: { start: { verdict: 'violated', property: 'probe' } },
});
