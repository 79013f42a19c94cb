/**
 * A contract extension means what it says: `level: null` declares an unlevelled
 * DDI (its page gives no level), an unknown field is a mistake named with the
 * nearest known one, and an `irql` must be IRQL names, stored on the row.
 */
import { describe, expect, it } from 'vitest';
import { defaultCatalog, extendCatalog, ContractError, type CatalogExtension } from './index.js';
import { check, defineModel, t } from '../index.js';

const cat = defaultCatalog();
const ext = (e: unknown) => extendCatalog(cat, e as CatalogExtension);
function rejects(e: unknown): ContractError {
  try { ext(e); } catch (err) { if (err instanceof ContractError) return err; throw err; }
  throw new Error('expected a ContractError');
}

describe('level: null', () => {
  it('declares an unlevelled miniport DDI: no level, no class, its source kept as a reference', () => {
    const c = ext({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: null }] });
    const row = c.ddis.find((d) => d.name === 'DxgkDdiVendorHook')!;
    expect(row).toMatchObject({ family: 'miniport', level: null, class: null, facts: [] });
    expect(row.refs).toHaveLength(1);
  });

  it('a model can call an unlevelled DDI: two threads in it at once, no level rule to break', () => {
    const m = defineModel({
      name: 'ext-unlevelled',
      global: { inside: t.ghost(t.int(0, 2)), most: t.ghost(t.int(0, 2)) },
      contract: { extend: { ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: null, irql: 'PASSIVE_LEVEL' }] } },
      ddis: { DxgkDdiVendorHook: { steps: { enter: (s) => { s.g.inside++; if (s.g.inside > s.g.most) s.g.most = s.g.inside; return 'leave'; }, leave: (s) => { s.g.inside--; return 'return'; } } } },
      scenarios: { default: { processes: 2, calls: ['DxgkDdiVendorHook'] } },
    });
    const seen = new Set<number>();
    const r = check({ ...m, invariants: { most: (s) => { seen.add((s.g as unknown as { most: number }).most); return true; } } });
    expect(r.verdict).toBe('holds');
    expect(seen.has(2)).toBe(true);
  });

  it('cannot join a class, which has a level', () => {
    expect(rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: null, class: 'pointer' }] }).code).toBe('class-mismatch');
  });
});

describe('unknown fields', () => {
  it('a misspelt DDI field is named with the nearest known one', () => {
    const e = rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irq: 'PASSIVE_LEVEL' }] });
    expect([e.code, e.element]).toEqual(['bad-input', 'ddi DxgkDdiVendorHook']);
    expect(e.message).toMatch(/DDI 'DxgkDdiVendorHook' has unknown field 'irq'\. Did you mean 'irql'\?/);
  });

  it('a field nothing is near lists the known ones', () => {
    const e = rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, exclusiveWith: ['x'] }] });
    expect(e.message).toMatch(/unknown field 'exclusiveWith'\. Known fields: name, family, level, class, perChild, perInstance, irql, source, notes\./);
  });

  it('in a class and at the top level too', () => {
    expect(rejects({ classes: [{ name: 'vidmm', member: ['DxgkDdiPresent'] }] }).message).toMatch(/Class 'vidmm' has unknown field 'member'\. Did you mean 'members'\?/);
    expect(rejects({ ddi: [] }).message).toMatch(/The contract extension has unknown field 'ddi'\. Did you mean 'ddis'\?/);
  });

  it('reaches the user as bad input naming the model and contract.extend', () => {
    const m = defineModel({
      name: 'ext-typo',
      contract: { extend: { ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, leve: 1 } as never] } },
      ddis: { DxgkDdiVendorHook: { steps: { a: () => 'return' } } },
      scenarios: { default: { calls: ['DxgkDdiVendorHook'] } },
    });
    expect(() => check(m)).toThrow(/contract\.extend: DDI 'DxgkDdiVendorHook' has unknown field 'leve'\. Did you mean 'level'\?/);
  });
});

describe('irql', () => {
  it('a known IRQL name is stored on the row', () => {
    const c = ext({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: 'DISPATCH_LEVEL' }] });
    expect(c.ddis.find((d) => d.name === 'DxgkDdiVendorHook')!.irql).toBe('DISPATCH_LEVEL');
  });

  it('a list of them is stored as the catalog writes alternatives', () => {
    const c = ext({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: ['PASSIVE_LEVEL', 'DISPATCH_LEVEL'] }] });
    expect(c.ddis.find((d) => d.name === 'DxgkDdiVendorHook')!.irql).toBe('PASSIVE_LEVEL or DISPATCH_LEVEL');
  });

  it('restating a catalog DDI with an irql replaces the row\'s', () => {
    const present = cat.ddis.find((d) => d.name === 'DxgkDdiPresent')!;
    const c = ext({ ddis: [{ name: 'DxgkDdiPresent', family: present.family, level: present.level, irql: 'APC_LEVEL' }] });
    expect(c.ddis.find((d) => d.name === 'DxgkDdiPresent')!.irql).toBe('APC_LEVEL');
  });

  it('an unknown name, an empty list or a number is rejected, naming the nearest IRQL', () => {
    expect(rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: 'DISPATCH_LEVL' }] }).message)
      .toMatch(/has unknown irql "DISPATCH_LEVL"\. Did you mean 'DISPATCH_LEVEL'\? Use PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL, HIGH_LEVEL, or a list of them\./);
    expect(rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: ['PASSIVE_LEVEL', '<= DISPATCH_LEVEL'] }] }).message)
      .toMatch(/has unknown irql "<= DISPATCH_LEVEL"\. Did you mean 'DISPATCH_LEVEL'\? Use PASSIVE_LEVEL/);
    expect(rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: [] }] }).message).toMatch(/has irql \[\]; give an IRQL name or a list of them/);
    expect(rejects({ ddis: [{ name: 'DxgkDdiVendorHook', family: 'miniport', level: 0, irql: 2 }] }).code).toBe('bad-input');
  });
});
