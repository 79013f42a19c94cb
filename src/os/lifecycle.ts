/**
 * The device lifecycle as scenario events: the OS's PnP thread starts the
 * adapter (DxgkDdiStartDevice), may report a surprise removal
 * (DxgkDdiNotifySurpriseRemoval) and stops it (DxgkDdiStopDevice), so a model
 * need not guard every DDI against a device that is not started. What the pages
 * say, and what follows here:
 *
 * - DxgkDdiStartDevice "prepares a display adapter to receive I/O requests"
 *   (dispmprt/nc-dispmprt-dxgkddi_start_device.md): the OS sends none before it
 *   returns. Among its tasks is "Enable interrupts for the display adapter", so
 *   the ISR may be called from the moment StartDevice begins (a shared line's
 *   spurious calls included); DxgkCbSynchronizeExecution may fail "because the
 *   interrupt has not yet been connected" (nc-dispmprt-dxgkcb_synchronize_execution.md),
 *   so before StartDevice nothing calls the ISR at all.
 * - The one DDI a page allows before StartDevice: DxgkDdiCollectDiagnosticInfo,
 *   "called at PASSIVE level at any time between AddDevice and StartDevice"
 *   (nc-dispmprt-dxgkddi_collectdiagnosticinfo.md).
 * - DxgkDdiStopDevice "resets a display adapter and frees resources allocated
 *   during DxgkDdiStartDevice" (nc-dispmprt-dxgkddi_stop_device.md); it is a
 *   level-3 call (threading-and-synchronization-third-level.md), so it starts
 *   on an idle adapter with nothing else in the driver, and nothing starts
 *   after it. Once it has returned, the OS disconnects the interrupt: no more
 *   ISR calls. DPCs and timers the driver left queued or armed still run: that
 *   is the bug class a lifecycle scenario is for.
 * - DxgkDdiNotifySurpriseRemoval (nc-dispmprt-dxgkddi_notify_surprise_removal.md):
 *   the hardware is gone; the OS "will call other driver-implemented DxgkDdiXxx
 *   kernel-mode functions to release all resources", and the driver "must not
 *   touch or clean any hardware settings". Here: from the notification on, the
 *   device consumes no more work, raises no interrupt and does not hang;
 *   ordinary calls may still come (the release), and StopDevice follows.
 *
 * The PnP thread follows this script (which call comes next); whether a call
 * may start at all is the rules' (rules.ts, lifecycleEntry), for its calls and
 * everyone's.
 */

export const START_DDI = 'DxgkDdiStartDevice';
export const STOP_DDI = 'DxgkDdiStopDevice';
export const REMOVAL_DDI = 'DxgkDdiNotifySurpriseRemoval';
/** The DDIs only the PnP thread makes in a lifecycle scenario. */
export const LIFECYCLE_DDIS: readonly string[] = [START_DDI, REMOVAL_DDI, STOP_DDI];
/** Rows a page allows before StartDevice has returned. */
export const BEFORE_START_DDIS: readonly string[] = ['DxgkDdiCollectDiagnosticInfo'];

/** Where the device stands. Without `start`, a scenario begins at `started`. */
export const LIFECYCLE_PHASES = ['unstarted', 'starting', 'started', 'stopping', 'stopped'] as const;
export type LifecyclePhase = (typeof LIFECYCLE_PHASES)[number];
export const lifePhaseIndex = (p: LifecyclePhase): number => LIFECYCLE_PHASES.indexOf(p);

/** The scenario's `lifecycle` key, read. */
export interface LifecycleSpec {
  readonly start: boolean;
  readonly stop: boolean;
  readonly surpriseRemoval: boolean;
}

/** The PnP thread's calls as call kinds (-1: not in this scenario). */
export interface LifecycleScript {
  readonly start: number;
  readonly removal: number;
  readonly stop: number;
}

/** A call's part in the lifecycle. */
export type LifecycleRole = 'start' | 'removal' | 'stop' | null;

export function lifecycleRole(script: LifecycleScript, kind: number): LifecycleRole {
  if (kind === script.start) return 'start';
  if (kind === script.removal) return 'removal';
  if (kind === script.stop) return 'stop';
  return null;
}

/** The phase a scenario starts in. */
export const initialPhase = (script: LifecycleScript): LifecyclePhase => (script.start >= 0 ? 'unstarted' : 'started');

/**
 * Whether the PnP thread's script lets it start `kind` now: StartDevice first,
 * then (if the scenario has one) the surprise removal, then StopDevice. Removal
 * and stop are each made once; the removal may also never come.
 */
export function pnpAllows(script: LifecycleScript, phase: LifecyclePhase, removed: boolean, kind: number): boolean {
  switch (lifecycleRole(script, kind)) {
    case 'start': return phase === 'unstarted';
    case 'removal': return phase === 'started' && !removed;
    case 'stop': return phase === 'started';
    default: return false;
  }
}

/** The phase after `kind` enters the driver. */
export function phaseOnEnter(script: LifecycleScript, phase: LifecyclePhase, kind: number): LifecyclePhase {
  const role = lifecycleRole(script, kind);
  if (role === 'start') return 'starting';
  if (role === 'stop') return 'stopping';
  return phase;
}

/** The phase after `kind` leaves the driver. */
export function phaseOnLeave(script: LifecycleScript, phase: LifecyclePhase, kind: number): LifecyclePhase {
  const role = lifecycleRole(script, kind);
  if (role === 'start') return 'started';
  if (role === 'stop') return 'stopped';
  return phase;
}

/** Whether the interrupt is connected: from StartDevice's entry until StopDevice returns. */
export const interruptConnected = (phase: LifecyclePhase): boolean => phase !== 'unstarted' && phase !== 'stopped';
