/**
 * Bug: DxgkDdiStopDevice turns the interrupt off and then frees the vsync
 * context without KeFlushQueuedDpcs. The ISR can no longer queue the DPC, but
 * the DPC the last interrupt queued (before `quiesce`) may not have run yet; it
 * runs while StopDevice frees the context it writes, and after StopDevice has
 * returned. The lifecycle scenario is what exposes it: the OS calls nothing
 * after StopDevice, but a DPC (or timer) the driver left queued still runs.
 * viogpu's teardown has the same hole without its flush (see
 * models/paravirt/viogpu-teardown-without-flush.ts).
 *
 * The difference from bdd.ts (see _bdd.ts, DxgkDdiStopDevice): `quiesce` goes
 * straight to `free`, skipping `flush`.
 *
 * DDIs, contexts and scenarios as in _bdd.ts. Both scenarios are violated:
 * `data-race`, StopDevice's `free` writes g.vsync while the vsync DPC reads it.
 */
import { makeBdd } from './_bdd.js';

export default makeBdd({
  bug: 'stop-without-flush',
  expect: {
    'start-stop': { verdict: 'violated', property: 'data-race' },
    removal: { verdict: 'violated', property: 'data-race' },
  },
});
