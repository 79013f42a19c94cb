/**
 * viogpu-cursor-overwrite: the cursor path of _viogpu-cursor.ts with the bug:
 * SetPointerShape rewrites the cursor resource's memory without waiting for the
 * previous TRANSFER_TO_HOST_2D's response (as viogpudo's UpdateCursor sends the
 * transfer and moves on), so the host may be copying the old shape from it
 * while the driver writes the new one.
 *
 * Expected: `shape` violates data-race (the second call's write beside the
 * host's copy step); `stop` (one shape) holds.
 */
import { makeViogpuCursor } from './_viogpu-cursor.js';

export default makeViogpuCursor('shape-overwrite', {
  name: 'viogpu-cursor-overwrite',
  description: 'virtio-gpu cursor path, bug: a second pointer shape rewrites the cursor memory while the host still copies the first',
  expect: {
    shape: { verdict: 'violated', property: 'data-race' },
    stop: { verdict: 'holds' },
  },
});
