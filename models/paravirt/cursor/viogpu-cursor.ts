/**
 * viogpu-cursor: the cursor path of a virtio-gpu display driver with the host
 * as a device procedure, the correct variant (design in _viogpu-cursor.ts;
 * follows viogpudo's VioGpuAdapter::SetPointerShape, UpdateCursor,
 * InterruptRoutine and VioGpuAdapterClose in
 * virtio-win/kvm-guest-drivers-windows, viogpu/viogpudo/viogpudo.cpp).
 *
 * Scenarios:
 * - `shape` (default): two SetPointerShape calls; the host copies each shape
 *   from the cursor memory on the control queue. Holds: the driver waits for
 *   the previous transfer's response before it rewrites the memory.
 * - `stop`: a SetPointerShape and StopDevice. Holds: the queues' interrupt
 *   sources go off, DPCs are flushed and the device reset before the cursor
 *   memory is freed.
 */
import { makeViogpuCursor } from './_viogpu-cursor.js';

export default makeViogpuCursor('none', {
  name: 'viogpu-cursor',
  description: 'virtio-gpu cursor path: the host copies the cursor image on the control queue (a device procedure); MSI per queue; close disables queue interrupts and resets the device',
  expect: {
    shape: { verdict: 'holds' },
    stop: { verdict: 'holds' },
  },
});
