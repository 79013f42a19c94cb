/**
 * The bugcheck path as a scenario event. At any point of a schedule the system
 * may halt on a stop error; from then on every other context is frozen where it
 * stands (no more steps, no interrupts, no DPCs, no timers, no device moves),
 * still holding whatever locks it held, and the OS's `BUGCHECK` context drives
 * the one display path it uses then:
 *
 * - DxgkDdiSystemDisplayEnable (dispmprt/nc-dispmprt-dxgkddi_system_display_enable.md):
 *   "Starting with Windows 8, the operating system calls this function during a
 *   bugcheck operation following a system stop error"; the driver "must cancel
 *   all graphics processing unit (GPU) operations or reset the GPU to the idle
 *   state"; it "can be called at any IRQL", and "Windows kernel-mode functions
 *   might not be available while this function is being called".
 * - DxgkDdiSystemDisplayWrite (nc-dispmprt-dxgkddi_system_display_write.md),
 *   one or more times: "The operating system calls this function only if the
 *   display device was previously reset through a call to
 *   DxgkDdiSystemDisplayEnable"; the driver "should use the CPU to write the
 *   image block to the frame buffer"; also any IRQL.
 *
 * Their catalog rows are unlevelled with the IRQL "Any level (see Remarks
 * section)", which driver mode reads as every level up to HIGH_LEVEL, and each
 * is explored. The display path runs beside the frozen calls, so no overlap
 * rule applies to it; what a driver gets wrong there is its own: a wait or a
 * spin lock at a raised IRQL (`irql`), or a lock a frozen context holds (a
 * `deadlock` that names the frozen holder).
 *
 * The OS uses the driver's display path only while the driver owns the
 * display: with a lifecycle scenario, the halt comes only once StartDevice has
 * returned and before StopDevice has (otherwise the OS would show the stop
 * screen through the firmware's display, not the driver's).
 */

export const ENABLE_DDI = 'DxgkDdiSystemDisplayEnable';
export const WRITE_DDI = 'DxgkDdiSystemDisplayWrite';
/** The name of the OS context that runs the display path after the halt. */
export const BUGCHECK_CONTEXT = 'BUGCHECK';

/** The scenario's `bugcheck` key, read: how many image blocks the OS writes. */
export interface BugcheckSpec { readonly writes: number }

/** The BUGCHECK context's calls as call kinds, and how many writes follow the enable. */
export interface BugcheckScript {
  readonly enable: number;
  readonly write: number;
  readonly writes: number;
}

/**
 * Whether the BUGCHECK context may start `kind` now, `made` being how many of
 * its calls have started: first the enable, then `writes` writes.
 */
export function bugcheckAllows(script: BugcheckScript, made: number, kind: number): boolean {
  if (made === 0) return kind === script.enable;
  return kind === script.write && made <= script.writes;
}
