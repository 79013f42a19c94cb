/**
 * Level-1 rows: the classes of threading-and-synchronization-first-level.md,
 * with what the DDIs' own reference pages add, and SetRootPageTable (level one
 * by its page, no class named).
 */
import { row } from './row.js';
import { PAGE, ddi, docs, km, mp } from './sources.js';
import type { DdiEntry, Exemption, LevelFact } from './types.js';

const P = 'PASSIVE_LEVEL';

/** "The OS guarantees first-level synchronization" on the DDI's own page (no class named). */
const firstLevelByPage = (page: string): LevelFact => ({
  level: 1,
  source: ddi(page, 'The OS guarantees first-level synchronization for this call.'),
});

/** A reference page that pairs the two pointer DDIs: each may run beside any other DDI, never beside the other. */
const pointerPage = (page: string): LevelFact => ({
  level: 1,
  class: 'pointer',
  source: ddi(page, 'Called independently of all other miniport functions, but never at the same time as the other pointer DDI.'),
});

/** A swizzling page: serialized with itself only, not with any other DDI. */
const swizzlePage = (page: string): LevelFact => ({
  level: 1,
  selfOnly: true,
  source: ddi(page, 'All calls of this DDI are serialized among themselves, but not with any other DDI.'),
});

/** The pointer pages' "called independently of all of the other display miniport driver functions". */
const independentOfOthers = (page: string): Exemption => ({
  kind: 'independent',
  source: ddi(page, 'Called independently of all of the other display miniport driver functions: beside level-2 and level-3 calls too.'),
});

const pointer: readonly DdiEntry[] = [
  row('DxgkDdiSetPointerPosition', 1, 'pointer', {
    page: km('SetPointerPosition'),
    irql: P,
    facts: [pointerPage(km('SetPointerPosition'))],
    exemptions: [independentOfOthers(km('SetPointerPosition'))],
    notes: ['Must program the pointer hardware independently of DMA submission and MMIO work on other threads.'],
  }),
  row('DxgkDdiSetPointerShape', 1, 'pointer', {
    page: km('SetPointerShape'),
    irql: P,
    facts: [pointerPage(km('SetPointerShape'))],
    exemptions: [independentOfOthers(km('SetPointerShape'))],
    notes: ['Must program the pointer hardware independently of DMA submission and MMIO work on other threads.'],
  }),
];

const gpuScheduler: readonly DdiEntry[] = [
  row('DxgkDdiBuildPagingBuffer', 1, 'gpu-scheduler', {
    page: km('BuildPagingBuffer'),
    irql: P,
    tdr: {
      role: 'cleanup',
      operations: ['DXGK_OPERATION_TRANSFER with Transfer.Size = 0', 'DXGK_OPERATION_UNMAP_APERTURE_SEGMENT'],
      source: docs(PAGE.tdr, 'After the reset, told of evictions (TRANSFER with size 0: content lost) and aperture unmaps; should not touch the GPU.'),
    },
  }),
  row('DxgkDdiPatch', 1, 'gpu-scheduler', { page: km('Patch'), irql: P }),
  row('DxgkDdiPreemptCommand', 1, 'gpu-scheduler', {
    page: km('PreemptCommand'),
    irql: 'DISPATCH_LEVEL',
    tdr: {
      role: 'preamble',
      order: 0,
      optional: true,
      source: ddi('d3dkmddi/nc-d3dkmddi-dxgkddi_resetfromtimeout', 'The timeout is typically a delayed response to a preempt request: a preemption usually comes before the reset.'),
    },
  }),
  row('DxgkDdiQueryDependentEngineGroup', 1, 'gpu-scheduler', {
    page: km('QueryDependentEngineGroup'),
    irql: P,
    facts: [firstLevelByPage(km('QueryDependentEngineGroup'))],
  }),
  row('DxgkDdiQueryEngineStatus', 1, 'gpu-scheduler', {
    page: km('QueryEngineStatus'),
    irql: P,
    facts: [firstLevelByPage(km('QueryEngineStatus'))],
  }),
  row('DxgkDdiResetEngine', 1, 'gpu-scheduler', {
    page: km('ResetEngine'),
    irql: P,
    facts: [firstLevelByPage(km('ResetEngine'))],
  }),
  row('DxgkDdiSubmitCommand', 1, 'gpu-scheduler', {
    page: km('SubmitCommand'),
    irql: 'DISPATCH_LEVEL',
    refs: [ddi(km('SubmitCommand'), 'Runs at DISPATCH_LEVEL, so it must be nonpageable; a failure status bugchecks (0x119).')],
    tdr: {
      role: 'rendering',
      source: docs(PAGE.tdr, 'After the cleanup calls the OS calls DxgkDdiRestartFromTimeout, and then resumes rendering on the adapter: no submission from the timeout until then.'),
    },
  }),
];

const swizzling: readonly DdiEntry[] = [
  row('DxgkDdiAcquireSwizzlingRange', 1, 'swizzling-range', {
    page: km('AcquireSwizzlingRange'),
    irql: P,
    facts: [swizzlePage(km('AcquireSwizzlingRange'))],
  }),
  row('DxgkDdiReleaseSwizzlingRange', 1, 'swizzling-range', {
    page: km('ReleaseSwizzlingRange'),
    irql: P,
    facts: [swizzlePage(km('ReleaseSwizzlingRange'))],
    tdr: {
      role: 'cleanup',
      source: docs(PAGE.tdr, 'After the reset, called to release unswizzling and segment aperture ranges; should not touch the GPU.'),
    },
  }),
];

const overlay: readonly DdiEntry[] = ['CreateOverlay', 'DestroyOverlay', 'FlipOverlay', 'UpdateOverlay'].map((n) =>
  row(`DxgkDdi${n}`, 1, 'overlay', { page: km(n), irql: P }),
);

/** Child I/O: [name, page]; all synchronized per child device. */
const childIoPages: readonly (readonly [string, string, string | undefined])[] = [
  ['DxgkDdiQueryChildStatus', mp('query_child_status'), P],
  ['DxgkDdiQueryConnectionChange', km('QueryConnectionChange'), undefined],
  ['DxgkDdiQueryDeviceDescriptor', mp('query_device_descriptor'), P],
  ['DxgkDdiDisplayDetectControl', km('DisplayDetectControl'), undefined],
  ['DxgkDdiI2CReceiveDataFromDisplay', mp('i2c_receive_data_from_display'), P],
  ['DxgkDdiI2CTransmitDataToDisplay', mp('i2c_transmit_data_to_display'), P],
  ['DxgkDdiOPMConfigureProtectedOutput', mp('opm_configure_protected_output'), P],
  ['DxgkDdiOPMCreateProtectedOutput', mp('opm_create_protected_output'), P],
  ['DxgkDdiOPMDestroyProtectedOutput', mp('opm_destroy_protected_output'), P],
  ['DxgkDdiOPMGetCertificate', mp('opm_get_certificate'), P],
  ['DxgkDdiOPMGetCertificateSize', mp('opm_get_certificate_size'), P],
  ['DxgkDdiOPMGetCOPPCompatibleInformation', mp('opm_get_copp_compatible_information'), P],
  ['DxgkDdiOPMGetInformation', mp('opm_get_information'), P],
  ['DxgkDdiOPMGetRandomNumber', mp('opm_get_random_number'), P],
  ['DxgkDdiOPMSetSigningKeyAndSequenceNumbers', mp('opm_set_signing_key_and_sequence_numbers'), P],
];

const childIo: readonly DdiEntry[] = childIoPages.map(([name, page, irql]) =>
  row(name, 1, 'child-io', { page, ...(irql ? { irql } : {}) }, true),
);

const display: readonly DdiEntry[] = [
  row('DxgkDdiSetTargetGamma', 1, 'display', { page: km('SetTargetGamma') }),
  row('DxgkDdiSetTargetContentType', 1, 'display', { page: km('SetTargetContentType') }),
  row('DxgkDdiSetTargetAnalogCopyProtection', 1, 'display', { page: km('SetTargetAnalogCopyProtection') }),
  row('DxgkDdiSetTargetAdjustedColorimetry', 1, 'display', { page: mp('settargetadjustedcolorimetry') }),
];

/** Level one by its own page; the page names no class. */
const byPage: readonly DdiEntry[] = [
  row('DxgkDdiSetRootPageTable', 1, null, {
    page: km('SetRootPageTable'),
    unlisted: true,
    facts: [
      {
        level: 1,
        source: ddi(km('SetRootPageTable'), 'A level-1 synchronization function; the target context is idle (not scheduled) during the update.'),
      },
    ],
    idles: 'context',
    notes: ['No class is named, so the default rule makes it a class of its own.', 'Its target context is the adapter queue its instance names; the device consumes none of it while the call runs.'],
  }),
];

/** Every level-1 row of the catalog. */
export const LEVEL1_ROWS: readonly DdiEntry[] = [
  ...pointer,
  ...gpuScheduler,
  ...swizzling,
  ...overlay,
  ...childIo,
  ...display,
  ...byPage,
];
