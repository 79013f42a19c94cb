/**
 * viogpu, bug: the completion DPC handles the host's display change itself,
 * reading the new display info, which means sending GET_DISPLAY_INFO and
 * waiting for the answer at DISPATCH_LEVEL. Real driver: viogpudo
 * (virtio-win/kvm-guest-drivers-windows, viogpu/viogpudo/viogpudo.cpp) avoids
 * exactly this: VioGpuAdapter::DpcRoutine only sets m_ConfigUpdateEvent for
 * ISR_REASON_CHANGE, and ThreadWorkRoutine calls ConfigChanged, whose
 * GetDisplayInfo -> CtrlQueue::AskDisplayInfo blocks in KeWaitForSingleObject
 * (it is PAGED_CODE). The one difference from viogpu.ts: the DPC runs those
 * steps itself instead of KeSetEvent (see dpcConfigStep in _viogpu.ts).
 *
 * DDIs, contexts and scenario bounds: as viogpu.ts.
 * - `power`, `stop`, `config`: violated, irql: the host's display change is
 *   reported with the first interrupt after StartDevice in every scenario, and
 *   the DPC then waits on the request's event at DISPATCH_LEVEL (19 steps).
 */
import { makeViogpu } from './_viogpu.js';

export default makeViogpu('display-info-in-dpc', {
  name: 'viogpu-display-info-in-dpc',
  description: 'viogpu whose DPC reads the changed display info itself: a blocking wait at DISPATCH_LEVEL',
  expect: {
    power: { verdict: 'violated', property: 'irql' },
    stop: { verdict: 'violated', property: 'irql' },
    config: { verdict: 'violated', property: 'irql' },
  },
});
