/**
 * viogpu, bug: the waiter releases its request buffer when its wait times out,
 * while the request is still with the host. Real driver: viogpudo
 * (virtio-win/kvm-guest-drivers-windows, viogpu/common/viogpu_queue.cpp,
 * CtrlQueue::AskDisplayInfo waits one second on an event, and on
 * STATUS_TIMEOUT only breaks into the debugger and returns the buffer;
 * viogpu/viogpudo/viogpudo.cpp, VioGpuAdapter::GetDisplayInfo then reads it
 * and calls ReleaseBuffer). When the host answers late, the DPC dequeues the
 * released buffer and its completion callback signals the event through it.
 * The one difference from viogpu.ts: on timeout the waiter frees the buffer
 * instead of handing it to the DPC (see askDisplayInfo in _viogpu-queues.ts).
 *
 * DDIs, contexts and scenario bounds: as viogpu.ts.
 * - `config`: violated, use-after-free: the configuration worker's
 *   GET_DISPLAY_INFO times out and is released; the host completes it and the
 *   DPC's completion touches the freed buffer (27 steps).
 * - `stop`: violated, use-after-free, the same race with StopDevice in the
 *   scenario (27 steps).
 * - `power`: holds (no worker).
 */
import { makeViogpu } from './_viogpu.js';

export default makeViogpu('release-on-timeout', {
  name: 'viogpu-release-on-timeout',
  description: 'viogpu whose GET_DISPLAY_INFO waiter releases the buffer on timeout: the late completion touches a freed buffer',
  expect: {
    power: { verdict: 'holds' },
    stop: { verdict: 'violated', property: 'use-after-free' },
    config: { verdict: 'violated', property: 'use-after-free' },
  },
});
