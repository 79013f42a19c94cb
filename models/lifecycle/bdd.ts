/**
 * The correct driver of models/lifecycle/ (see _bdd.ts for the design it
 * follows: BasicDisplay's StartDevice/StopDevice, microsoft/Windows-driver-samples
 * video/KMDOD bdd.cxx and blthw.cxx; the ISR and vsync DPC of viogpu,
 * virtio-win viogpu/viogpudo.cpp). Every scenario holds.
 *
 * DDIs: DxgkDdiStartDevice, DxgkDdiNotifySurpriseRemoval and DxgkDdiStopDevice
 * (made by the OS's PnP thread: the scenario's `lifecycle`),
 * DxgkDdiPresentDisplayOnly. Contexts: the PnP thread, one OS thread, the
 * present worker, the ISR and the vsync DPC. Scenarios: `start-stop` (start, a
 * present, stop) and `removal` (the same, and the device may vanish while it runs).
 */
import { makeBdd } from './_bdd.js';

export default makeBdd({
  expect: {
    'start-stop': { verdict: 'holds' },
    removal: { verdict: 'holds' },
  },
});
