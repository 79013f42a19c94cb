// The catalog against the spec's lists (spec/wddm-contract.md), written out here
// independently of the row files, and the conflicts lint must report.
import { describe, expect, it } from 'vitest';
import { entrySources } from './format.js';
import { defaultCatalog, findDdi, lintCatalog, validateCatalog } from './query.js';
import type { DdiEntry } from './types.js';

const cat = defaultCatalog();
const DOCS = 'windows-driver-docs-pr/display/';
const L0 = `${DOCS}threading-and-synchronization-zero-level.md`;
const L1 = `${DOCS}threading-and-synchronization-first-level.md`;
const L2 = `${DOCS}threading-and-synchronization-second-level.md`;
const L3 = `${DOCS}threading-and-synchronization-third-level.md`;
const TDR = `${DOCS}thread-synchronization-and-tdr.md`;
const PDEVS = `${DOCS}managing-pdevs.md`;

const LEVEL0 = [
  'DxgkDdiCloseAllocation', 'DxgkDdiCollectDbgInfo', 'DxgkDdiControlEtwLogging', 'DxgkDdiCreateAllocation',
  'DxgkDdiCreateContext', 'DxgkDdiCreateDevice', 'DxgkDdiDescribeAllocation', 'DxgkDdiDestroyAllocation',
  'DxgkDdiDestroyContext', 'DxgkDdiDestroyDevice', 'DxgkDdiDpcRoutine', 'DxgkDdiEnumVidPnCofuncModality',
  'DxgkDdiGetScanLine', 'DxgkDdiGetStandardAllocationDriverData', 'DxgkDdiInterruptRoutine',
  'DxgkDdiIsSupportedVidPn', 'DxgkDdiMiracastCreateContext', 'DxgkDdiMiracastDestroyContext',
  'DxgkDdiMiracastIoControl', 'DxgkDdiMiracastQueryCaps', 'DxgkDdiOpenAllocation', 'DxgkDdiPresent',
  'DxgkDdiQueryAdapterInfo', 'DxgkDdiQueryCurrentFence', 'DxgkDdiRecommendFunctionalVidPn',
  'DxgkDdiRecommendVidPnTopology', 'DxgkDdiRender', 'DxgkDdiRenderKm', 'DxgkDdiResetDevice',
];

const LEVEL1: Record<string, string[]> = {
  pointer: ['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape'],
  'gpu-scheduler': [
    'DxgkDdiBuildPagingBuffer', 'DxgkDdiPatch', 'DxgkDdiPreemptCommand', 'DxgkDdiQueryDependentEngineGroup',
    'DxgkDdiQueryEngineStatus', 'DxgkDdiResetEngine', 'DxgkDdiSubmitCommand',
  ],
  'swizzling-range': ['DxgkDdiAcquireSwizzlingRange', 'DxgkDdiReleaseSwizzlingRange'],
  overlay: ['DxgkDdiCreateOverlay', 'DxgkDdiDestroyOverlay', 'DxgkDdiFlipOverlay', 'DxgkDdiUpdateOverlay'],
  'child-io': [
    'DxgkDdiQueryChildStatus', 'DxgkDdiQueryConnectionChange', 'DxgkDdiQueryDeviceDescriptor',
    'DxgkDdiDisplayDetectControl', 'DxgkDdiI2CReceiveDataFromDisplay', 'DxgkDdiI2CTransmitDataToDisplay',
    'DxgkDdiOPMConfigureProtectedOutput', 'DxgkDdiOPMCreateProtectedOutput', 'DxgkDdiOPMDestroyProtectedOutput',
    'DxgkDdiOPMGetCertificate', 'DxgkDdiOPMGetCertificateSize', 'DxgkDdiOPMGetCOPPCompatibleInformation',
    'DxgkDdiOPMGetInformation', 'DxgkDdiOPMGetRandomNumber', 'DxgkDdiOPMSetSigningKeyAndSequenceNumbers',
  ],
  display: [
    'DxgkDdiSetTargetGamma', 'DxgkDdiSetTargetContentType', 'DxgkDdiSetTargetAnalogCopyProtection',
    'DxgkDdiSetTargetAdjustedColorimetry',
  ],
};

const LEVEL2 = [
  'DxgkDdiCommitVidPn', 'DxgkDdiControlInterrupt', 'DxgkDdiDispatchIoRequest', 'DxgkDdiEscape',
  'DxgkDdiNotifyAcpiEvent', 'DxgkDdiQueryInterface', 'DxgkDdiRecommendFunctionalVidPn',
  'DxgkDdiRecommendMonitorModes', 'DxgkDdiSetPalette', 'DxgkDdiSetTimingsFromVidPn',
  'DxgkDdiSetVidPnSourceAddress', 'DxgkDdiSetVidPnSourceVisibility', 'DxgkDdiUpdateActiveVidPnPresentPath',
];

const LEVEL3 = [
  'DxgkDdiAddDevice', 'DxgkDdiQueryChildRelations', 'DxgkDdiRemoveDevice', 'DxgkDdiResetFromTimeout',
  'DxgkDdiRestartFromTimeout', 'DxgkDdiSetPowerState', 'DxgkDdiStartDevice', 'DxgkDdiStopDevice', 'DxgkDdiUnload',
];

const DISABLED_PDEV_OK = [
  'DdMapMemory', 'DrvDisableDirectDraw', 'D3dCreateSurfaceEx', 'D3dDestroyDDLocal', 'D3dContextCreate',
  'D3dContextDestroy', 'DdDestroySurface', 'DdLock', 'DdUnlock', 'DestroyD3DBuffer', 'LockD3DBuffer',
  'UnlockD3DBuffer', 'DrvAssertMode', 'DrvDisablePDEV', 'DrvDisableSurface', 'DrvResetPDEV',
];

function get(name: string): DdiEntry {
  const e = findDdi(cat, name);
  if (!e) throw new Error(`missing row ${name}`);
  return e;
}

const cites = (e: DdiEntry, level: number, page: string): boolean =>
  e.facts.some((f) => f.level === level && f.source.page === page);

describe('the level lists of the spec', () => {
  it.each(LEVEL0)('%s is level 0, no class, cited to the level-0 page', (name) => {
    const e = get(name);
    expect([e.level, e.class, e.perChild]).toEqual([0, null, false]);
    expect(cites(e, 0, L0)).toBe(true);
  });

  it('DxgkDdiPresentDisplayOnly is level 0 by its own reference page', () => {
    const e = get('DxgkDdiPresentDisplayOnly');
    expect(e.level).toBe(0);
    expect(e.facts.map((f) => f.source.page)).toEqual(['wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_presentdisplayonly.md']);
  });

  for (const [klass, names] of Object.entries(LEVEL1)) {
    it.each(names)(`%s is level 1, class ${klass}`, (name) => {
      const e = get(name);
      expect([e.level, e.class, e.perChild]).toEqual([1, klass, klass === 'child-io']);
      expect(e.facts.some((f) => f.level === 1 && f.class === klass && f.source.page === L1)).toBe(true);
    });
    it(`class ${klass} has exactly the spec's members`, () => {
      const c = cat.classes.find((k) => k.name === klass);
      expect([...(c?.members ?? [])].sort()).toEqual([...names].sort());
      expect(c?.perChild).toBe(klass === 'child-io');
    });
  }

  it.each(['vidmm', 'virtual-machine', 'vgpu'])('class %s is declared without members', (name) => {
    const c = cat.classes.find((k) => k.name === name);
    expect(c).toMatchObject({ declaredWithoutMembers: true, members: [], level: 1 });
    expect(c?.source.page).toBe(L1);
  });

  it.each(LEVEL2)('%s is cited at level 2 by the level-2 page', (name) => {
    const e = get(name);
    expect(e.level).toBe(name === 'DxgkDdiRecommendFunctionalVidPn' ? 0 : 2);
    expect(cites(e, 2, L2)).toBe(true);
  });

  it.each(LEVEL3)('%s is level 3, cited to the level-3 page', (name) => {
    const e = get(name);
    expect([e.level, e.class]).toEqual([3, null]);
    expect(cites(e, 3, L3)).toBe(true);
  });

  it('the ISR and DPC are the interrupt family; runtime power is its own family at level 0', () => {
    expect(cat.ddis.filter((d) => d.family === 'interrupt').map((d) => d.name).sort()).toEqual([
      'DxgkDdiDpcRoutine',
      'DxgkDdiInterruptRoutine',
    ]);
    for (const name of ['DxgkDdiSetPowerComponentFState', 'DxgkDdiPowerRuntimeControlRequest']) {
      expect(get(name)).toMatchObject({ family: 'runtime-power', level: 0 });
    }
    expect(get('DxgkDdiSetPowerComponentFState').perInstance).toBe('component');
  });
});

describe('TDR and the stated exceptions', () => {
  it('ResetFromTimeout admits only the ISR, the DPC and the two runtime power DDIs', () => {
    const e = get('DxgkDdiResetFromTimeout');
    expect(e.tdr?.role).toBe('reset');
    const admits = e.exemptions?.find((x) => x.kind === 'admits-during');
    expect(admits && 'ddis' in admits ? [...admits.ddis].sort() : []).toEqual([
      'DxgkDdiDpcRoutine', 'DxgkDdiInterruptRoutine', 'DxgkDdiPowerRuntimeControlRequest', 'DxgkDdiSetPowerComponentFState',
    ]);
    expect(admits?.source.page).toBe(TDR);
  });

  it('cleanup calls and restart carry their TDR role', () => {
    expect(get('DxgkDdiBuildPagingBuffer').tdr).toMatchObject({ role: 'cleanup', source: { page: TDR } });
    expect(get('DxgkDdiBuildPagingBuffer').tdr?.operations?.join()).toMatch(/TRANSFER.*Size = 0.*UNMAP_APERTURE_SEGMENT/);
    expect(get('DxgkDdiReleaseSwizzlingRange').tdr?.role).toBe('cleanup');
    expect(get('DxgkDdiRestartFromTimeout').tdr?.role).toBe('restart');
  });

  it('QueryAdapterInfo may overlap SetPowerState and QueryChildRelations (level-3 page)', () => {
    const ex = get('DxgkDdiQueryAdapterInfo').exemptions ?? [];
    expect(ex).toEqual([
      expect.objectContaining({
        kind: 'may-overlap',
        ddis: ['DxgkDdiSetPowerState', 'DxgkDdiQueryChildRelations'],
        source: expect.objectContaining({ page: L3 }),
      }),
    ]);
  });

  it('CollectDbgInfo may be called at any time, and is level 0 for the timeout reasons', () => {
    const e = get('DxgkDdiCollectDbgInfo');
    expect(e.exemptions?.some((x) => x.kind === 'any-time')).toBe(true);
    expect(e.facts.some((f) => f.level === 0 && /VIDEO_TDR_TIMEOUT_DETECTED/.test(f.condition ?? ''))).toBe(true);
  });
});

describe('display-driver PDEV functions', () => {
  it.each(DISABLED_PDEV_OK)('%s may be called with a disabled PDEV', (name) => {
    expect(get(name)).toMatchObject({ family: 'display-driver', level: null, disabledPdevAllowed: true });
    expect(entrySources(get(name)).some((s) => s.page === PDEVS)).toBe(true);
  });

  it('exactly those functions are allowed on a disabled PDEV, with the two restrictions', () => {
    const allowed = cat.ddis.filter((d) => d.disabledPdevAllowed).map((d) => d.name);
    expect(allowed.sort()).toEqual([...DISABLED_PDEV_OK].sort());
    expect(get('DdMapMemory').disabledPdevCondition).toBe('unmapping only');
    expect(get('D3dCreateSurfaceEx').disabledPdevCondition).toBe('system memory only');
  });

  it.each(['DrvEnablePDEV', 'DrvBitBlt'])('%s is a display-driver row not allowed on a disabled PDEV', (name) => {
    expect(get(name)).toMatchObject({ family: 'display-driver', level: null, disabledPdevAllowed: false });
  });
});

describe('catalog integrity', () => {
  it('validates, has unique names and a source on every row', () => {
    expect(() => validateCatalog(cat)).not.toThrow();
    expect(new Set(cat.ddis.map((d) => d.name)).size).toBe(cat.ddis.length);
    for (const d of cat.ddis) {
      const sources = entrySources(d);
      expect(sources.length, d.name).toBeGreaterThan(0);
      for (const s of sources) {
        const prefix = s.repo === 'windows-driver-docs' ? DOCS : 'wdk-ddi-src/content/';
        expect(s.page.startsWith(prefix) && s.page.endsWith('.md'), `${d.name}: ${s.page}`).toBe(true);
        expect(s.says.length, d.name).toBeLessThan(200);
      }
    }
  });

  it('every derived finding has a hand-written conflict, and vice versa', () => {
    expect(lintCatalog(cat).map((c) => c.ddi).sort()).toEqual(cat.conflicts.map((c) => c.ddi).sort());
  });
});

describe('lint', () => {
  const lint = lintCatalog(cat);
  const find = (ddi: string) => lint.find((c) => c.ddi === ddi);

  it('reports RecommendFunctionalVidPn: level 0 vs level 2, both sources, default 0', () => {
    const c = find('DxgkDdiRecommendFunctionalVidPn');
    expect(c).toMatchObject({ kind: 'conflict', defaultLevel: 0 });
    expect(c?.facts.map((f) => [f.level, f.source.page])).toEqual([[0, L0], [2, L2]]);
    expect(c?.resolution).toMatch(/dispatcher/);
  });

  it('reports Escape as conditional on HardwareAccess', () => {
    const c = find('DxgkDdiEscape');
    expect(c?.kind).toBe('conditional');
    expect(c?.facts.filter((f) => f.level === 2).every((f) => f.when?.HardwareAccess === true)).toBe(true);
    expect(c?.facts.map((f) => f.source.page)).toEqual(
      expect.arrayContaining([L2, 'wdk-ddi-src/content/d3dkmddi/nc-d3dkmddi-dxgkddi_escape.md']),
    );
  });

  it.each([
    ['DxgkDdiMiracastCreateContext', 'miracast_create_context', 2],
    ['DxgkDdiMiracastDestroyContext', 'miracast_destroy_context', 2],
    ['DxgkDdiMiracastIoControl', 'miracast_handle_io_control', 2],
    ['DxgkDdiMiracastQueryCaps', 'miracast_query_caps', 3],
  ])('reports the Miracast disagreement for %s', (ddi, page, pageLevel) => {
    const c = find(ddi);
    expect(c).toMatchObject({ kind: 'conflict', defaultLevel: 0 });
    expect(cites(get(ddi), 0, L0)).toBe(true);
    const fromPage = c?.facts.filter((f) => f.source.page === `wdk-ddi-src/content/dispmprt/nc-dispmprt-dxgkddi_${page}.md`);
    expect(fromPage?.map((f) => f.level)).toContain(pageLevel);
  });

  it('reports the swizzling-range page disagreement and the per-instance rules', () => {
    expect(find('DxgkDdiAcquireSwizzlingRange')?.kind).toBe('conflict');
    expect(find('DxgkDdiSetPowerComponentFState')?.kind).toBe('per-instance');
    expect(find('DxgkDdiSubmitCommandToHwQueue')?.kind).toBe('per-instance');
  });
});
