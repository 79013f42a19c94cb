/**
 * The display path the OS keeps after a stop error, and the PnP stop that hands
 * the display back to the POST device (WDDM 1.2). None of these is on a level
 * list, and their pages give no level: they are unlevelled rows (`level: null`),
 * with the IRQL as each page's requirements table states it. DxgkDdiSystemDisplayEnable
 * and DxgkDdiSystemDisplayWrite run during a bugcheck, when other processors
 * are frozen and kernel routines may be unavailable, at any IRQL.
 */
import { ddi, ddiPage, mp } from './sources.js';
import type { DdiEntry } from './types.js';

function unlevelled(name: string, page: string, irql: string, says: string, notes?: readonly string[]): DdiEntry {
  return {
    name,
    family: 'miniport',
    level: null,
    class: null,
    perChild: false,
    facts: [],
    refs: [ddi(page, says)],
    refPage: ddiPage(page),
    irql,
    ...(notes ? { notes } : {}),
  };
}

export const BUGCHECK_ROWS: readonly DdiEntry[] = [
  unlevelled(
    'DxgkDdiSystemDisplayEnable',
    mp('system_display_enable'),
    'Any level (see Remarks section)',
    'Called during a bugcheck after a stop error to reset the display; may be called at any IRQL, so nonpageable.',
    ['The driver must cancel GPU work or reset the GPU to idle, and keep the target visible.'],
  ),
  unlevelled(
    'DxgkDdiSystemDisplayWrite',
    mp('system_display_write'),
    'Any level (see Remarks section)',
    'Called during a bugcheck, only after DxgkDdiSystemDisplayEnable, to write an image block; any IRQL.',
    ['The driver should write the frame buffer with the CPU: the GPU may be in an unknown state after repeated TDRs.'],
  ),
  unlevelled(
    'DxgkDdiStopDeviceAndReleasePostDisplayOwnership',
    mp('stop_device_and_release_post_display_ownership'),
    'PASSIVE_LEVEL',
    'Called during a PnP stop on the POST device; if it succeeds the OS does not call DxgkDdiStopDevice.',
  ),
];
