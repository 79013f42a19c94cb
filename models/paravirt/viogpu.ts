/**
 * viogpu: a paravirtual display-only driver for a virtio-gpu device, the
 * correct variant. It follows viogpudo from virtio-win/kvm-guest-drivers-windows
 * (viogpu/viogpudo/viogpudo.cpp: VioGpuAdapter::InterruptRoutine, DpcRoutine,
 * ThreadWorkRoutine, VioGpuAdapterClose, HWClose; viogpu/common/viogpu_queue.cpp:
 * CtrlQueue::QueueBuffer, AskDisplayInfo, DequeueBuffer, CrsrQueue, VioGpuBuf),
 * with the software vsync timer of daynix/qxl-wddm-dod (qxldod/QxlDod.cpp:
 * QxlDod::EnableVsync, VsyncTimerProc). The design and the modelling choices are
 * described in _viogpu.ts; the buggy twins differ from this file's driver in one
 * place each.
 *
 * DDIs: DxgkDdiStartDevice, DxgkDdiPresentDisplayOnly (a command on the control
 * queue), DxgkDdiSetPointerPosition (the cursor queue), DxgkDdiSetPowerState (to
 * D3), DxgkDdiStopDevice. Contexts: one OS thread, the ISR, the completion DPC,
 * the vsync timer and its DPC, the configuration worker thread, and the host,
 * which consumes both virtqueues in any order and raises the interrupt.
 *
 * Scenarios (one OS thread making each listed call once, in any order):
 * - `power` (default): StartDevice, a present, a pointer update and
 *   SetPowerState(D3); up to 3 interrupts. Holds: power-down disables interrupts
 *   under the interrupt lock and flushes queued DPCs before it frees the rings.
 *   About 4.9e4 states.
 * - `stop`: StartDevice, a present and StopDevice, with the configuration
 *   worker; up to 3 interrupts. Holds: StopDevice stops the worker, turns vsync
 *   off under the vsync lock (the DPC re-arms only while it is on), cancels the
 *   timer and flushes DPCs before it frees the rings and the vsync context.
 *   About 5.8e4 states.
 * - `config`: StartDevice, a present, the configuration worker reading the
 *   display info the host changed; up to 3 interrupts. Holds: a GET_DISPLAY_INFO
 *   that times out is handed to the DPC (interlocked compare-exchange on the
 *   request's state), so exactly one of waiter and DPC releases it. About 1.2e4 states.
 * Each checks in well under a second.
 */
import { makeViogpu } from './_viogpu.js';

export default makeViogpu('none', {
  name: 'viogpu',
  description: 'paravirtual display driver: virtqueues to the host, completion DPC, cursor queue, config worker, vsync timer, power-down teardown',
  expect: {
    power: { verdict: 'holds' },
    stop: { verdict: 'holds' },
    config: { verdict: 'holds' },
  },
});
