/**
 * Bug: DxgkDdiSystemDisplayWrite takes queueLock before it reads the frame
 * buffer mapping, because everywhere else in the driver the mapping is read
 * under queueLock (the present path, the worker, CommitVidPn). On the bugcheck
 * path that is wrong twice over. The OS calls it at any IRQL
 * (nc-dispmprt-dxgkddi_system_display_write.md: "can be called at any IRQL"),
 * and KeAcquireSpinLock above DISPATCH_LEVEL is a bugcheck of its own; and at a
 * low IRQL the lock may be held by a context the halt froze (the present
 * worker between `lock` and `take`), which will never release it: the
 * bugcheck screen never appears.
 *
 * The difference from kmdod.ts (see _kmdod.ts, DxgkDdiSystemDisplayWrite): a
 * step `lock` that acquires queueLock before the blt, released after it.
 * BASIC_DISPLAY_DRIVER::SystemDisplayWrite (microsoft/Windows-driver-samples
 * video/KMDOD bdd.cxx) takes no lock: it blts straight into
 * m_CurrentModes[m_SystemDisplaySourceId].FrameBuffer.Ptr.
 *
 * DDIs: as in _kmdod.ts, with DxgkDdiSystemDisplayEnable and
 * DxgkDdiSystemDisplayWrite on the bugcheck path. Scenarios (details in
 * _kmdod.ts): `present`, `power`, `mode`, `pointer` hold (no halt, so the
 * display path never runs); `bugcheck` (a present; the system may halt
 * anywhere) is violated: `irql`, the spin lock at DIRQL, in 5 steps.
 */
import { makeKmdod } from './_kmdod.js';

export default makeKmdod({
  bug: 'display-write-lock',
  expect: {
    present: { verdict: 'holds' },
    power: { verdict: 'holds' },
    mode: { verdict: 'holds' },
    pointer: { verdict: 'holds' },
    bugcheck: { verdict: 'violated', property: 'irql' },
  },
});
