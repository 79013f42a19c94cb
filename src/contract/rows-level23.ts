/**
 * Level-2 and level-3 rows (threading-and-synchronization-second-level.md and
 * -third-level.md), the TDR reset and restart, and the two runtime power DDIs
 * that may run during a reset. DxgkDdiRecommendFunctionalVidPn, on both the
 * level-0 and level-2 lists, lives with the level-0 rows.
 */
import { row } from './row.js';
import { PAGE, ddi, docs, km, mp } from './sources.js';
import type { DdiEntry } from './types.js';

const P = 'PASSIVE_LEVEL';

const level2: readonly DdiEntry[] = [
  row('DxgkDdiCommitVidPn', 2, null, { page: km('CommitVidPn'), irql: P }),
  row('DxgkDdiControlInterrupt', 2, null, { page: km('ControlInterrupt'), irql: P }),
  row('DxgkDdiDispatchIoRequest', 2, null, { page: mp('dispatch_io_request'), irql: P }),
  row('DxgkDdiEscape', 2, null, {
    page: km('Escape'),
    irql: P,
    unlisted: true,
    facts: [
      {
        level: 2,
        condition: 'HardwareAccess flag set',
        when: { HardwareAccess: true },
        source: docs(PAGE.level2, 'Listed at level two; a call is made under level two only with the HardwareAccess escape flag set.'),
      },
      {
        level: 2,
        condition: 'HardwareAccess flag set',
        when: { HardwareAccess: true },
        source: ddi(km('Escape'), 'Made under the second level only when HardwareAccess is set in D3DDDI_ESCAPEFLAGS; otherwise the call fails.'),
      },
      {
        level: 0,
        condition: 'HardwareAccess flag clear',
        when: { HardwareAccess: false },
        inferred: true,
        source: ddi(
          'd3dukmdt/ns-d3dukmdt-_d3dddi_escapeflags',
          'HardwareAccess selects whether the OS applies level-two synchronization; without it none is applied (level zero, the default level, by inference).',
        ),
      },
    ],
    notes: ['A driver that needs level two must fail an escape that arrives without HardwareAccess.'],
  }),
  row('DxgkDdiNotifyAcpiEvent', 2, null, { page: mp('notify_acpi_event'), irql: P }),
  row('DxgkDdiQueryInterface', 2, null, { page: mp('query_interface'), irql: P }),
  row('DxgkDdiRecommendMonitorModes', 2, null, { page: km('RecommendMonitorModes'), irql: '< DISPATCH_LEVEL' }),
  row('DxgkDdiSetPalette', 2, null, { page: km('SetPalette'), irql: P }),
  row('DxgkDdiSetTimingsFromVidPn', 2, null, { page: km('SetTimingsFromVidPn'), irql: P }),
  row('DxgkDdiSetVidPnSourceAddress', 2, null, {
    page: km('SetVidPnSourceAddress'),
    irql: 'PASSIVE_LEVEL; DIRQL when the driver supports MMIO-based flips',
    refs: [ddi(km('SetVidPnSourceAddress'), 'Called at device IRQL when the driver reports MMIO-based flips (FlipOnVSyncMmIo); must be nonpageable.')],
    notes: ['The level-2 page links an archived page for this DDI; the reference page is in windows-driver-docs-ddi.'],
  }),
  row('DxgkDdiSetVidPnSourceVisibility', 2, null, { page: km('SetVidPnSourceVisibility'), irql: P }),
  row('DxgkDdiUpdateActiveVidPnPresentPath', 2, null, { page: km('UpdateActiveVidPnPresentPath'), irql: P }),
];

/** The runtime power DDIs a reset admits (see DxgkDdiResetFromTimeout). */
export const RUNTIME_POWER_DDIS: readonly string[] = ['DxgkDdiSetPowerComponentFState', 'DxgkDdiPowerRuntimeControlRequest'];

const level3: readonly DdiEntry[] = [
  row('DxgkDdiAddDevice', 3, null, { page: mp('add_device'), irql: P }),
  row('DxgkDdiQueryChildRelations', 3, null, { page: mp('query_child_relations'), irql: P }),
  row('DxgkDdiRemoveDevice', 3, null, { page: mp('remove_device'), irql: P }),
  row('DxgkDdiResetFromTimeout', 3, null, {
    page: km('ResetFromTimeout'),
    irql: P,
    exemptions: [
      {
        kind: 'admits-during',
        ddis: ['DxgkDdiInterruptRoutine', 'DxgkDdiDpcRoutine', ...RUNTIME_POWER_DDIS],
        source: docs(PAGE.tdr, 'Synchronous with every other KMD function except the two runtime power DDIs; interrupts and DPCs may still come.'),
      },
    ],
    tdr: {
      role: 'reset',
      source: docs(PAGE.tdr, 'The GPU scheduler calls it on a hardware timeout; no application touches the frame buffer while it runs.'),
    },
    notes: ['The driver may use DxgkCbSynchronizeExecution (KeSynchronizeExecution) to order parts of the reset with its ISR.'],
  }),
  row('DxgkDdiRestartFromTimeout', 3, null, {
    page: km('RestartFromTimeout'),
    irql: P,
    tdr: {
      role: 'restart',
      source: docs(PAGE.tdr, 'Called when the cleanup period is over; the OS then resumes rendering on the adapter.'),
    },
  }),
  row('DxgkDdiSetPowerState', 3, null, { page: mp('set_power_state'), irql: P }),
  row('DxgkDdiStartDevice', 3, null, { page: mp('start_device'), irql: P }),
  row('DxgkDdiStopDevice', 3, null, { page: mp('stop_device'), irql: P }),
  row('DxgkDdiUnload', 3, null, { page: mp('unload'), irql: P }),
];

const FSTATE = 'd3dkmddi/nc-d3dkmddi-dxgkddisetpowercomponentfstate';
const RUNTIME = 'd3dkmddi/nc-d3dkmddi-dxgkddipowerruntimecontrolrequest';

const runtimePower: readonly DdiEntry[] = [
  row('DxgkDdiSetPowerComponentFState', 0, null, {
    family: 'runtime-power',
    page: FSTATE,
    irql: '<= DISPATCH_LEVEL',
    unlisted: true,
    perInstance: 'component',
    facts: [
      {
        level: 0,
        perInstance: 'component',
        source: ddi(FSTATE, 'Level zero; many threads may call it at once, but only one at a time for a given power component.'),
      },
    ],
    refs: [docs(PAGE.tdr, 'May run while DxgkDdiResetFromTimeout runs.')],
    notes: ['Called only if the driver sets DXGK_DRIVERCAPS.SupportRuntimePowerManagement.'],
  }),
  row('DxgkDdiPowerRuntimeControlRequest', 0, null, {
    family: 'runtime-power',
    page: RUNTIME,
    irql: '<= DISPATCH_LEVEL',
    unlisted: true,
    facts: [{ level: 0, source: ddi(RUNTIME, 'Level zero; may be called from several threads at once.') }],
    refs: [docs(PAGE.tdr, 'May run while DxgkDdiResetFromTimeout runs.')],
    notes: ['Called only if the driver sets DXGK_DRIVERCAPS.SupportRuntimePowerManagement.'],
  }),
];

/** Every level-2, level-3 and runtime-power row of the catalog. */
export const LEVEL23_ROWS: readonly DdiEntry[] = [...level2, ...level3, ...runtimePower];
