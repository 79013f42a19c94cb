/**
 * Display-driver rows: GDI Drv*, DirectDraw Dd* and Direct3D D3d* functions of a
 * display driver that works with PDEVs (managing-pdevs.md). They have no WDDM
 * level; the PDEV rules govern them: one thread at a time across all enabled
 * PDEVs, any number on disabled PDEVs, and only the listed functions on a
 * disabled PDEV.
 */
import { PAGE, docs } from './sources.js';
import type { DdiEntry, Source } from './types.js';

const ONE_THREAD = docs(
  PAGE.pdevs,
  'One thread at a time may be in the driver with an enabled PDEV (across all enabled PDEVs); any number with disabled PDEVs.',
  true,
);

const DISABLED_LIST = docs(PAGE.pdevs, 'On the short list of functions that may be called with a disabled PDEV.', true);

interface PdevExtra {
  readonly condition?: string;
  readonly role?: DdiEntry['pdevRole'];
  readonly refs?: readonly Source[];
  readonly notes?: readonly string[];
}

function pdevRow(name: string, allowed: boolean, extra: PdevExtra = {}): DdiEntry {
  return {
    name,
    family: 'display-driver',
    level: null,
    class: null,
    perChild: false,
    facts: [],
    refs: [ONE_THREAD, ...(allowed ? [DISABLED_LIST] : []), ...(extra.refs ?? [])],
    disabledPdevAllowed: allowed,
    ...(extra.condition !== undefined ? { disabledPdevCondition: extra.condition } : {}),
    ...(extra.role !== undefined ? { pdevRole: extra.role } : {}),
    ...(extra.notes ? { notes: extra.notes } : {}),
  };
}

/** The functions the page allows on a disabled PDEV, with their restrictions. */
const disabledAllowed: readonly DdiEntry[] = [
  pdevRow('DdMapMemory', true, { condition: 'unmapping only' }),
  pdevRow('DrvDisableDirectDraw', true),
  pdevRow('D3dCreateSurfaceEx', true, { condition: 'system memory only' }),
  pdevRow('D3dDestroyDDLocal', true),
  pdevRow('D3dContextCreate', true),
  pdevRow('D3dContextDestroy', true),
  pdevRow('DdDestroySurface', true),
  pdevRow('DdLock', true),
  pdevRow('DdUnlock', true),
  pdevRow('DestroyD3DBuffer', true),
  pdevRow('LockD3DBuffer', true),
  pdevRow('UnlockD3DBuffer', true),
  pdevRow('DrvAssertMode', true, {
    role: 'assert-mode',
    refs: [docs(PAGE.pdevs, 'Enables or disables a PDEV; at most one enabled PDEV per adapter output.', true)],
  }),
  pdevRow('DrvDisablePDEV', true, { role: 'destroy' }),
  pdevRow('DrvDisableSurface', true, {
    refs: [docs(PAGE.pdevs, 'Example: may destroy a disabled PDEV while DrvBitBlt runs on the enabled one.', true)],
  }),
  pdevRow('DrvResetPDEV', true),
];

/** Functions the page names that are not allowed on a disabled PDEV. */
const enabledOnly: readonly DdiEntry[] = [
  pdevRow('DrvEnablePDEV', false, {
    role: 'create',
    refs: [
      docs(
        PAGE.pdevs,
        'Can get the shared mutex (kept in the video miniport device extension, set up in HwVidInitialize) by a custom IOCTL.',
        true,
      ),
    ],
    notes: [
      'The driver is mapped per session: a mutex in a display-driver global does not exclude other sessions.',
      'The display driver may not call kernel mutex routines itself; it acquires and releases through miniport functions.',
    ],
  }),
  pdevRow('DrvBitBlt', false, {
    refs: [docs(PAGE.pdevs, 'Example: may run on the enabled PDEV while another, disabled PDEV is destroyed.', true)],
  }),
];

/** Every display-driver row of the catalog. */
export const DISPLAY_DRIVER_ROWS: readonly DdiEntry[] = [...enabledOnly, ...disabledAllowed];
