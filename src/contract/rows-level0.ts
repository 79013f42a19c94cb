/**
 * Level-0 rows: the list of threading-and-synchronization-zero-level.md, the
 * interrupt pair, and DDIs whose own reference page states level zero.
 */
import { row } from './row.js';
import { PAGE, ddi, docs, km, listed, mp } from './sources.js';
import type { DdiEntry, LevelFact } from './types.js';

const P = 'PASSIVE_LEVEL';

/** The rows of the level-zero list that need no special handling. */
const plain: readonly DdiEntry[] = [
  row('DxgkDdiCloseAllocation', 0, null, { page: km('CloseAllocation'), irql: P }),
  row('DxgkDdiControlEtwLogging', 0, null, { page: mp('control_etw_logging'), irql: P }),
  row('DxgkDdiCreateAllocation', 0, null, { page: km('CreateAllocation'), irql: P }),
  row('DxgkDdiCreateContext', 0, null, { page: km('CreateContext'), irql: P }),
  row('DxgkDdiCreateDevice', 0, null, { page: km('CreateDevice'), irql: P }),
  row('DxgkDdiDescribeAllocation', 0, null, { page: km('DescribeAllocation'), irql: P }),
  row('DxgkDdiDestroyAllocation', 0, null, { page: km('DestroyAllocation'), irql: P }),
  row('DxgkDdiDestroyContext', 0, null, { page: km('DestroyContext'), irql: P }),
  row('DxgkDdiDestroyDevice', 0, null, { page: km('DestroyDevice'), irql: P }),
  row('DxgkDdiEnumVidPnCofuncModality', 0, null, { page: km('EnumVidPnCofuncModality'), irql: P }),
  row('DxgkDdiGetScanLine', 0, null, { page: km('GetScanLine'), irql: P }),
  row('DxgkDdiGetStandardAllocationDriverData', 0, null, { page: km('GetStandardAllocationDriverData'), irql: P }),
  row('DxgkDdiIsSupportedVidPn', 0, null, { page: km('IsSupportedVidPn'), irql: P }),
  row('DxgkDdiOpenAllocation', 0, null, { page: km('OpenAllocationInfo'), irql: P }),
  row('DxgkDdiPresent', 0, null, { page: km('Present'), irql: P }),
  row('DxgkDdiQueryCurrentFence', 0, null, { page: km('QueryCurrentFence'), irql: P }),
  row('DxgkDdiRecommendVidPnTopology', 0, null, { page: km('RecommendVidPnTopology'), irql: P }),
  row('DxgkDdiRender', 0, null, { page: km('Render'), irql: P }),
  row('DxgkDdiRenderKm', 0, null, { page: km('RenderKm'), irql: P }),
];

/** Level-0 rows with exceptions, conditions or notes. */
const special: readonly DdiEntry[] = [
  row('DxgkDdiCollectDbgInfo', 0, null, {
    page: km('CollectDbgInfo'),
    irql: 'undefined (may be high); PASSIVE_LEVEL for the timeout reasons',
    irqlWhen: {
      when: { TimeoutReason: true },
      irql: 'PASSIVE_LEVEL',
      source: ddi(km('CollectDbgInfo'), 'For the two timeout reasons it must be pageable, run at PASSIVE_LEVEL and support level zero.'),
    },
    facts: [
      {
        level: 0,
        condition: 'Reason is VIDEO_TDR_TIMEOUT_DETECTED or VIDEO_ENGINE_TIMEOUT_DETECTED',
        source: ddi(km('CollectDbgInfo'), 'For the two timeout reasons it must be pageable, run at PASSIVE_LEVEL and support level zero.'),
      },
      {
        level: 0,
        condition: 'driver supports per-engine TDR (SupportPerEngineTDR)',
        source: docs(PAGE.tdrWin8, 'A driver with per-engine reset must support level zero for CollectDbgInfo, so level-zero calls go on during a reset.'),
      },
    ],
    exemptions: [
      {
        kind: 'any-time',
        condition: 'Reason is not one of the two timeout reasons',
        when: { TimeoutReason: false },
        source: docs(PAGE.level0, 'May be called at any time and at high IRQL; the IRQL is generally undefined; it must check its own synchronization.'),
      },
    ],
    tdr: {
      role: 'preamble',
      order: 1,
      flags: { TimeoutReason: true },
      source: docs(PAGE.level0, 'Called to gather a debug report when a timeout is detected (VIDEO_TDR_TIMEOUT_DETECTED), right before the TDR work.'),
    },
    notes: ['Called just before a TDR or a bug check to gather a debug report.'],
  }),
  row('DxgkDdiQueryAdapterInfo', 0, null, {
    page: km('QueryAdapterInfo'),
    irql: P,
    exemptions: [
      {
        kind: 'may-overlap',
        ddis: ['DxgkDdiSetPowerState', 'DxgkDdiQueryChildRelations'],
        source: docs(PAGE.level3, 'May run at the same time as SetPowerState or QueryChildRelations, so a sleeping device need not be woken; the driver synchronizes.'),
      },
    ],
  }),
  row('DxgkDdiRecommendFunctionalVidPn', 0, null, {
    page: km('RecommendFunctionalVidPn'),
    irql: P,
    facts: [listed(2)],
    notes: ['On both the level-0 and the level-2 list; see the conflict.'],
  }),
  row('DxgkDdiResetDevice', 0, null, {
    page: mp('reset_device'),
    irql: 'any IRQL',
    refs: [ddi(mp('reset_device'), 'Can be called at any IRQL, so it must be nonpageable and touch no pageable code or data.')],
  }),
  row('DxgkDdiPresentDisplayOnly', 0, null, {
    page: km('PresentDisplayOnly'),
    irql: P,
    unlisted: true,
    facts: [{ level: 0, source: ddi(km('PresentDisplayOnly'), 'The OS guarantees zero-level synchronization for this display-only present.') }],
  }),
];

/** The Miracast DDIs: on the level-0 list, but their own pages say level 2 or 3. */
const miracastClass = (page: string): LevelFact => ({
  level: 2,
  class: 'miracast',
  source: ddi(page, 'Grouped with the other Miracast DDIs as a Miracast class at level two; only one Miracast-class call at a time, beside level 0/1 calls.'),
});

const miracast: readonly DdiEntry[] = [
  row('DxgkDdiMiracastCreateContext', 0, null, {
    page: mp('miracast_create_context'),
    irql: P,
    facts: [miracastClass(mp('miracast_create_context'))],
  }),
  row('DxgkDdiMiracastDestroyContext', 0, null, {
    page: mp('miracast_destroy_context'),
    irql: P,
    facts: [miracastClass(mp('miracast_destroy_context'))],
  }),
  row('DxgkDdiMiracastIoControl', 0, null, {
    page: mp('miracast_handle_io_control'),
    irql: P,
    facts: [
      {
        level: 2,
        class: 'miracast',
        condition: 'HardwareAccess is FALSE',
        when: { HardwareAccess: false },
        source: ddi(mp('miracast_handle_io_control'), 'With HardwareAccess FALSE: level two, Miracast class; one Miracast-class call at a time.'),
      },
      {
        level: 3,
        condition: 'HardwareAccess is TRUE',
        when: { HardwareAccess: true },
        source: ddi(mp('miracast_handle_io_control'), 'With HardwareAccess TRUE: level three (the GPU is flushed, at a real cost).'),
      },
    ],
  }),
  row('DxgkDdiMiracastQueryCaps', 0, null, {
    page: mp('miracast_query_caps'),
    irql: P,
    facts: [{ level: 3, source: ddi(mp('miracast_query_caps'), 'The OS guarantees third-level synchronization for this call.') }],
  }),
];

/** The first multiplane-overlay check DDIs, on the current level-0 page (not in the spec's copy of the list). */
const mpoCheck: readonly DdiEntry[] = ['', '2', '3'].map((n) =>
  row(`DxgkDdiCheckMultiPlaneOverlaySupport${n}`, 0, null, {
    page: km(`CheckMultiPlaneOverlaySupport${n}`),
    ...(n === '3' ? {} : { irql: P }),
    notes: ['On the current level-0 page; absent from the copy of the list in spec/wddm-contract.md.'],
  }),
);

/** ISR and DPC: level 0 by the list, and interrupt context (no process, not a thread). */
const interrupt: readonly DdiEntry[] = [
  row('DxgkDdiInterruptRoutine', 0, null, {
    family: 'interrupt',
    page: mp('interrupt_routine'),
    irql: 'DIRQL',
    refs: [ddi(mp('interrupt_routine'), 'Runs at raised IRQL; other functions that share state with it must use DxgkCbSynchronizeExecution.')],
  }),
  row('DxgkDdiDpcRoutine', 0, null, {
    family: 'interrupt',
    page: mp('dpc_routine'),
    irql: 'DISPATCH_LEVEL',
    refs: [ddi(mp('dpc_routine'), 'Runs at DISPATCH_LEVEL after DxgkCbQueueDpc; may run on two processors at once for two adapters.')],
  }),
];

/** Level-0 DDIs whose own reference pages say so (none is on the level-0 list). */
const byPage: readonly DdiEntry[] = [
  row('DxgkDdiPresentToHwQueue', 0, null, {
    page: km('PresentToHwQueue'),
    irql: P,
    unlisted: true,
    facts: [{ level: 0, source: ddi(km('PresentToHwQueue'), 'WDDM synchronization class: zero level.') }],
  }),
  row('DxgkDdiSubmitCommandToHwQueue', 0, null, {
    page: km('SubmitCommandToHwQueue'),
    irql: 'PASSIVE_LEVEL or DISPATCH_LEVEL',
    unlisted: true,
    perInstance: 'hardware queue',
    facts: [{ level: 0, perInstance: 'hardware queue', source: ddi(km('SubmitCommandToHwQueue'), 'Zero level, with no reentrancy within one hardware queue.') }],
  }),
  row('DxgkDdiSignalMonitoredFence', 0, null, {
    page: km('SignalMonitoredFence'),
    irql: P,
    unlisted: true,
    facts: [
      {
        level: 0,
        condition: 'RenderGdi or PresentBlt submission',
        when: { PagingSubmission: false },
        source: ddi(km('SignalMonitoredFence'), 'Zero level for RenderGdi and PresentBlt submissions.'),
      },
      {
        level: 1,
        class: 'gpu-scheduler',
        condition: 'BuildPagingBuffer submission',
        when: { PagingSubmission: true },
        source: ddi(km('SignalMonitoredFence'), 'First level, GPU scheduler class, for BuildPagingBuffer submissions.'),
      },
    ],
  }),
  row('DxgkDdiNotifySurpriseRemoval', 0, null, {
    page: mp('notify_surprise_removal'),
    irql: P,
    unlisted: true,
    facts: [{ level: 0, source: ddi(mp('notify_surprise_removal'), 'A level-zero DDI: may come while GPU work is pending or while other DDIs run.') }],
  }),
  row('DxgkDdiCollectDiagnosticInfo', 0, null, {
    page: mp('collectdiagnosticinfo'),
    irql: P,
    unlisted: true,
    facts: [{ level: 0, source: ddi(mp('collectdiagnosticinfo'), 'Called at PASSIVE level at any time between AddDevice and StartDevice; should support level zero.') }],
  }),
  row('DxgkDdiGetDisplayStateIntrusive', 0, null, {
    page: mp('getdisplaystateintrusive'),
    unlisted: true,
    facts: [{ level: 0, source: ddi(mp('getdisplaystateintrusive'), 'Its synchronization level is zero.') }],
  }),
  row('DxgkDdiGetDisplayStateNonIntrusive', 0, null, {
    page: mp('getdisplaystatenonintrusive'),
    unlisted: true,
    facts: [{ level: 0, source: ddi(mp('getdisplaystatenonintrusive'), 'Its synchronization level is zero.') }],
  }),
];

/** Every level-0 row of the catalog (miniport and interrupt families). */
export const LEVEL0_ROWS: readonly DdiEntry[] = [...plain, ...special, ...miracast, ...mpoCheck, ...interrupt, ...byPage];
