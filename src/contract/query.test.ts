// Level resolution policies, filtering, and user extensions of the catalog.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defaultCatalog,
  extendCatalog,
  filterCatalog,
  findDdi,
  lintCatalog,
  requireDdi,
  resolveLevel,
  resolveRule,
} from './query.js';
import type { CatalogExtension, DdiEntry } from './types.js';

const cat = defaultCatalog();
const get = (name: string): DdiEntry => requireDdi(cat, name);

/** The ContractError `fn` throws (fails the test if it throws anything else or nothing). */
function contractError(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return e as ContractError;
  }
  throw new Error('expected a ContractError');
}

describe('resolveLevel', () => {
  it('RecommendFunctionalVidPn: driver takes level 0, dispatcher level 2', () => {
    const e = get('DxgkDdiRecommendFunctionalVidPn');
    expect(resolveLevel(e, 'driver')).toBe(0);
    expect(resolveLevel(e, 'dispatcher')).toBe(2);
    expect(resolveRule(e).level).toBe(0);
  });

  it('Escape follows HardwareAccess when the call gives it, else the policy', () => {
    const e = get('DxgkDdiEscape');
    expect(resolveLevel(e, 'driver', { HardwareAccess: true })).toBe(2);
    expect(resolveLevel(e, 'dispatcher', { HardwareAccess: false })).toBe(0);
    expect(resolveLevel(e, 'driver')).toBe(0);
    expect(resolveLevel(e, 'dispatcher')).toBe(2);
  });

  it('Miracast: the list under driver, the reference page under dispatcher', () => {
    expect(resolveLevel(get('DxgkDdiMiracastQueryCaps'), 'dispatcher')).toBe(3);
    const io = get('DxgkDdiMiracastIoControl');
    expect(resolveRule(io, 'dispatcher', { HardwareAccess: false })).toMatchObject({ level: 2, class: 'miracast' });
    expect(resolveLevel(io, 'dispatcher', { HardwareAccess: true })).toBe(3);
    expect(resolveLevel(io, 'driver', { HardwareAccess: true })).toBe(0);
  });

  it('swizzling: dispatcher keeps the class, driver takes a class of its own', () => {
    const e = get('DxgkDdiAcquireSwizzlingRange');
    expect(resolveRule(e, 'dispatcher')).toMatchObject({ level: 1, class: 'swizzling-range' });
    expect(resolveRule(e, 'driver')).toMatchObject({ level: 1, class: null });
  });

  it('rows without disagreement resolve to their default under both policies', () => {
    for (const d of cat.ddis) {
      if (lintCatalog(cat).some((c) => c.ddi === d.name && c.kind !== 'per-instance' && c.kind !== 'exception')) continue;
      for (const policy of ['driver', 'dispatcher'] as const) {
        const r = resolveRule(d, policy);
        expect([r.level, r.class, r.perChild], `${d.name} ${policy}`).toEqual([d.level, d.class, d.perChild]);
      }
    }
  });

  it('a page that names no class does not weaken the listed class', () => {
    expect(resolveRule(get('DxgkDdiResetEngine'), 'driver')).toMatchObject({ level: 1, class: 'gpu-scheduler' });
    expect(resolveRule(get('DxgkDdiQueryChildStatus'), 'driver')).toMatchObject({ class: 'child-io', perChild: true });
  });

  it('driver never resolves above dispatcher, whatever the flags', () => {
    const flags = fc.dictionary(fc.constantFrom('HardwareAccess', 'PagingSubmission'), fc.boolean());
    fc.assert(
      fc.property(fc.constantFrom(...cat.ddis), flags, (d, f) => {
        const lo = resolveLevel(d, 'driver', f);
        const hi = resolveLevel(d, 'dispatcher', f);
        return lo === null ? hi === null : hi !== null && lo <= hi;
      }),
    );
  });
});

describe('filterCatalog and lookup', () => {
  it('filters by level and class, keeping the conflicts of the selected rows', () => {
    const f = filterCatalog(cat, { level: 1, class: 'pointer' });
    expect(f.ddis.map((d) => d.name)).toEqual(['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape']);
    expect(f.conflicts.map((c) => [c.ddi, c.kind])).toEqual([['DxgkDdiSetPointerPosition', 'conflict'], ['DxgkDdiSetPointerShape', 'conflict']]);
    const l0 = filterCatalog(cat, { level: 0, family: 'miniport' });
    expect(l0.conflicts.map((c) => c.ddi)).toContain('DxgkDdiRecommendFunctionalVidPn');
    expect(l0.ddis.every((d) => d.level === 0 && d.family === 'miniport')).toBe(true);
  });

  it('requireDdi names an unknown DDI and suggests the closest', () => {
    const err = contractError(() => requireDdi(cat, 'DxgkDdiSetPointerPositon'));
    expect(err.code).toBe('unknown-ddi');
    expect(err.message).toContain("'DxgkDdiSetPointerPositon'");
    expect(err.message).toContain("Did you mean 'DxgkDdiSetPointerPosition'");
  });
});

describe('extendCatalog', () => {
  const vidmm: CatalogExtension = {
    name: 'mymodel',
    origin: 'models/mymodel.ts',
    classes: [{ name: 'vidmm', members: ['DxgkDdiFoo'] }],
    ddis: [{ name: 'DxgkDdiFoo', family: 'miniport', level: 1, class: 'vidmm' }],
  };

  it('adds a VidMm member without touching the base', () => {
    const ext = extendCatalog(cat, vidmm);
    expect(ext.contractVersion).toBe(`${cat.contractVersion}+mymodel`);
    expect(findDdi(ext, 'DxgkDdiFoo')).toMatchObject({ level: 1, class: 'vidmm', perChild: false });
    expect(findDdi(ext, 'DxgkDdiFoo')?.facts[0].source).toMatchObject({ repo: 'user', page: 'models/mymodel.ts' });
    expect(ext.classes.find((c) => c.name === 'vidmm')?.members).toEqual(['DxgkDdiFoo']);
    expect(findDdi(cat, 'DxgkDdiFoo')).toBeUndefined();
    expect(cat.classes.find((c) => c.name === 'vidmm')?.members).toEqual([]);
    expect(ext.ddis.length).toBe(cat.ddis.length + 1);
  });

  it('adds a new class, and places a classless level-1 DDI in a class', () => {
    const ext = extendCatalog(cat, {
      classes: [{ name: 'paging', perChild: false }, { name: 'vgpu', members: ['DxgkDdiSetRootPageTable'] }],
      ddis: [{ name: 'DxgkDdiBar', family: 'miniport', level: 1, class: 'paging' }],
    });
    expect(ext.classes.find((c) => c.name === 'paging')?.members).toEqual(['DxgkDdiBar']);
    expect(findDdi(ext, 'DxgkDdiSetRootPageTable')?.class).toBe('vgpu');
    expect(resolveRule(requireDdi(ext, 'DxgkDdiSetRootPageTable'), 'driver').class).toBe('vgpu');
  });

  it('accepts a DDI restated at its catalog level', () => {
    expect(() => extendCatalog(cat, { ddis: [{ name: 'DxgkDdiPresent', family: 'miniport', level: 0 }] })).not.toThrow();
  });

  it('rejects an unknown class, naming the DDI and the class', () => {
    const err = contractError(() =>
      extendCatalog(cat, { ddis: [{ name: 'DxgkDdiFoo', family: 'miniport', level: 1, class: 'vidmn' }] }),
    );
    expect(err).toMatchObject({ code: 'unknown-class', element: 'ddi DxgkDdiFoo' });
    expect(err.message).toMatch(/DxgkDdiFoo.*'vidmn'.*Did you mean 'vidmm'/);
  });

  it('rejects a duplicate DDI with a different level, naming both levels', () => {
    const err = contractError(() =>
      extendCatalog(cat, { ddis: [{ name: 'DxgkDdiPresent', family: 'miniport', level: 2 }] }),
    );
    expect(err.code).toBe('duplicate-ddi');
    expect(err.message).toMatch(/DxgkDdiPresent.*level 0.*level 2/);
  });

  it('rejects bad levels, families, names and members', () => {
    const bad = (ext: unknown): ContractError => contractError(() => extendCatalog(cat, ext as CatalogExtension));
    expect(bad({ ddis: [{ name: 'DxgkDdiFoo', family: 'miniport', level: 4 }] })).toMatchObject({ code: 'bad-level', element: 'ddi DxgkDdiFoo' });
    expect(bad({ ddis: [{ name: 'DxgkDdiFoo', family: 'miniport', level: 'none' }] }).code).toBe('bad-level');
    expect(bad({ ddis: [{ name: 'DxgkDdiFoo', family: 'miniport' }] }).code).toBe('bad-level');
    expect(bad({ ddis: [{ name: 'DxgkDdiFoo', family: 'kernel', level: 0 }] }).code).toBe('bad-family');
    expect(bad({ ddis: [{ name: 'Dxgk Foo', family: 'miniport', level: 0 }] }).code).toBe('bad-name');
    expect(bad({ ddis: [{ name: 'DxgkDdiFoo', family: 'miniport', level: 0, class: 'pointer' }] }).code).toBe('class-mismatch');
    expect(bad({ classes: [{ name: 'vidmm', members: ['DxgkDdiNope'] }] })).toMatchObject({ code: 'unknown-ddi', element: 'class vidmm' });
    expect(bad({ classes: [{ name: 'vidmm', members: ['DxgkDdiSetPointerShape'] }] }).code).toBe('class-mismatch');
    expect(bad({ classes: [{ name: 'child-io', perChild: false }] }).code).toBe('class-mismatch');
    expect(bad({ ddis: 'DxgkDdiFoo' }).code).toBe('bad-input');
  });

  it('placing a classless level-1 DDI in a class agrees with its page (no lint finding)', () => {
    const ext = extendCatalog(cat, { classes: [{ name: 'vidmm', members: ['DxgkDdiSetRootPageTable'] }] });
    expect(lintCatalog(ext).some((c) => c.ddi === 'DxgkDdiSetRootPageTable')).toBe(false);
  });

  it('lint derives a finding for a row that has no hand-written one', () => {
    const c = lintCatalog({ ...cat, conflicts: [] }).find((x) => x.ddi === 'DxgkDdiRecommendFunctionalVidPn');
    expect(c).toMatchObject({ kind: 'conflict', defaultLevel: 0 });
    expect(c?.resolution).toMatch(/'driver' gives 0.*'dispatcher' gives 2/);
  });
});
