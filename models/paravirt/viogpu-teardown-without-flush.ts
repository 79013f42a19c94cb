/**
 * viogpu, bug: power-down frees the virtqueues without flushing queued DPCs.
 * Real driver: viogpudo (virtio-win/kvm-guest-drivers-windows,
 * viogpu/viogpudo/viogpudo.cpp, VioGpuAdapter::VioGpuAdapterClose) disables the
 * queue interrupts and calls KeFlushQueuedDpcs only when it runs below
 * DISPATCH_LEVEL, then resets the device and deletes the queues; on the path that
 * skips the flush, and in any driver that believes "interrupts off" means "no
 * DPC", a completion DPC the ISR queued just before is still to run, and it
 * drains rings that virtio_delete_queues already gave back. The one difference
 * from viogpu.ts: the teardown goes straight from disabling interrupts to
 * freeing the rings (see closeQueues in _viogpu.ts).
 *
 * DDIs, contexts and scenario bounds: as viogpu.ts.
 * - `power`: violated, use-after-free: the host completes StartDevice's command,
 *   the ISR queues the DPC, SetPowerState(D3) disables interrupts and frees the
 *   rings, then the DPC takes the used buffer from the freed control ring (16 steps).
 * - `stop`: violated, use-after-free: the same hole in StopDevice lets a vsync
 *   DPC the timer queued before KeCancelTimer run after the vsync context is
 *   freed (20 steps).
 * - `config`: holds (nothing is torn down).
 */
import { makeViogpu } from './_viogpu.js';

export default makeViogpu('teardown-without-flush', {
  name: 'viogpu-teardown-without-flush',
  description: 'viogpu whose power-down frees the virtqueues without KeFlushQueuedDpcs: the completion DPC drains freed rings',
  expect: {
    power: { verdict: 'violated', property: 'use-after-free' },
    stop: { verdict: 'violated', property: 'use-after-free' },
    config: { verdict: 'holds' },
  },
});
