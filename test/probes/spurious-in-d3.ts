/**
 * Probe: a line-based ISR is called while its device is in D3 (powered down,
 * raising nothing).
 *
 * Page: MicrosoftDocs/windows-driver-docs-ddi wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_interrupt_routine.md
 * Quote: "If the interrupt is line-based (MessageNumber = 0), DxgkDdiInterruptRoutine must determine whether the adapter represented by MiniportDeviceContext generated the interrupt and, if not, return FALSE immediately."
 * Scenario d3: MUST-REACH the ISR running after the driver's DxgkDdiSetPowerState put the adapter in D3.
 *
 * How: DxgkDdiSetPowerState sets the adapter to D3 (k.hw.setPower), once the
 * start worker has enabled the interrupt; the ISR
 * asserts the adapter is not in D3 and touches no hardware. The adapter has no
 * work, so nothing is ever pending: every interrupt here is a shared line's.
 */
import { defineModel } from '../../src/index.js';

export default defineModel({
  name: 'probe-spurious-in-d3',
  adapter: {},
  ddis: {
    // The device was started (its interrupt enabled) before it is powered down.
    DxgkDdiSetPowerState: { steps: { d3: (s, k) => { k.await(k.hw.interruptsEnabled); k.hw.setPower('D3'); return 'return'; } } },
  },
  threads: { start: { steps: { enable: (s, k) => { k.hw.enableInterrupts(true); return 'return'; } } } },
  isr: { steps: { run: (s, k) => { k.assert(k.hw.power !== 'D3', 'the ISR ran while the adapter was in D3', 'probe'); return 'return'; } } },
  scenarios: {
    d3: { description: 'one thread may call SetPowerState (to D3) once; one interrupt', calls: ['DxgkDdiSetPowerState'], workers: { start: 1 }, interrupts: 1 },
  },
  expect: { d3: { verdict: 'violated', property: 'probe' } },
});
