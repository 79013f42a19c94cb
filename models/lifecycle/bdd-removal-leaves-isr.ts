/**
 * Bug: DxgkDdiNotifySurpriseRemoval marks the device gone for the present path
 * but does not tell the ISR (it leaves hwReady set). The interrupt line may be
 * shared, so the ISR is still called after the removal, and it reads the status
 * register of a device that is no longer there. The page
 * (nc-dispmprt-dxgkddi_notify_surprise_removal.md): once the call returns, the
 * driver "must not touch or clean any hardware settings".
 *
 * The difference from bdd.ts (see _bdd.ts, DxgkDdiNotifySurpriseRemoval): no
 * `isrOff` step (clearing hwReady under the interrupt lock).
 *
 * DDIs, contexts and scenarios as in _bdd.ts. `start-stop` holds (no removal);
 * `removal` is violated: `gpu-access-after-removal`, a spurious ISR call
 * acknowledges an interrupt after DxgkDdiNotifySurpriseRemoval returned.
 */
import { makeBdd } from './_bdd.js';

export default makeBdd({
  bug: 'removal-leaves-isr',
  expect: {
    'start-stop': { verdict: 'holds' },
    removal: { verdict: 'violated', property: 'gpu-access-after-removal' },
  },
});
