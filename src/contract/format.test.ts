// The JSON document and the two text views of `ddicheck catalog`.
import { describe, expect, it } from 'vitest';
import { TEXT_WIDTH, catalogJson, catalogText, lintText, wrap } from './format.js';
import { defaultCatalog, lintCatalog } from './query.js';

const cat = defaultCatalog();

describe('catalogJson', () => {
  it('has exactly the documented shape', () => {
    const doc = catalogJson(cat);
    expect(Object.keys(doc).sort()).toEqual(['conflicts', 'contractVersion', 'ddis']);
    expect(doc.contractVersion).toBe(cat.contractVersion);
    expect(doc.ddis).toHaveLength(cat.ddis.length);
    for (const row of doc.ddis) {
      expect(Object.keys(row).sort()).toEqual(['class', 'family', 'level', 'name', 'perChild', 'sources']);
      for (const s of row.sources) expect(Object.keys(s).sort()).toEqual(expect.arrayContaining(['page', 'repo', 'says']));
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('gives a conflicting DDI its default level and lists the conflict', () => {
    const doc = catalogJson(cat, { level: 0 });
    const row = doc.ddis.find((d) => d.name === 'DxgkDdiRecommendFunctionalVidPn');
    expect(row?.level).toBe(0);
    expect(row?.sources.map((s) => s.page)).toEqual([
      'windows-driver-docs-pr/display/threading-and-synchronization-zero-level.md',
      'windows-driver-docs-pr/display/threading-and-synchronization-second-level.md',
    ]);
    const c = doc.conflicts.find((x) => x.ddi === 'DxgkDdiRecommendFunctionalVidPn');
    expect(c).toMatchObject({ kind: 'conflict', defaultLevel: 0 });
    expect(doc.conflicts.every((x) => doc.ddis.some((d) => d.name === x.ddi))).toBe(true);
  });

  it('filters by level and class', () => {
    const doc = catalogJson(cat, { level: 1, class: 'pointer' });
    expect(doc.ddis.map((d) => [d.name, d.level, d.class])).toEqual([
      ['DxgkDdiSetPointerPosition', 1, 'pointer'],
      ['DxgkDdiSetPointerShape', 1, 'pointer'],
    ]);
    // The pointer pages' "independently of all other functions" against the level-2/3 single-thread rule.
    expect(doc.conflicts.map((c) => c.ddi)).toEqual(['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape']);
  });
});

describe('text views', () => {
  const widest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length));

  it('catalogText is an aligned table within the terminal width, with numbered sources', () => {
    const text = catalogText(cat);
    expect(widest(text)).toBeLessThanOrEqual(TEXT_WIDTH);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+FAMILY\s+LEVEL\s+CLASS\s+CHILD\s+SRC$/);
    const rfvp = lines.find((l) => l.startsWith('DxgkDdiRecommendFunctionalVidPn '));
    expect(rfvp).toMatch(/miniport\s+0\*\s+-\s+-\s+\d+,\d+$/);
    expect(lines.find((l) => l.startsWith('DxgkDdiQueryChildStatus '))).toMatch(/child-io\s+yes/);
    expect(text).toContain('managing-pdevs.md (archived)');
    expect(text).toContain(`${cat.ddis.length} DDIs, contract ${cat.contractVersion}`);
  });

  it('catalogText of a filter shows only those rows', () => {
    const text = catalogText(cat, { level: 1, class: 'pointer' });
    expect(text.split('\n').filter((l) => l.startsWith('Dxgk'))).toHaveLength(2);
    expect(text).not.toContain('zero-level');
  });

  it('lintText shows both sources and the resolution of each finding', () => {
    const text = lintText(lintCatalog(cat));
    expect(widest(text)).toBeLessThanOrEqual(TEXT_WIDTH);
    const block = text.split('\n\n').find((b) => b.startsWith('DxgkDdiRecommendFunctionalVidPn:')) ?? '';
    expect(block).toContain('conflict (default level 0)');
    expect(block).toContain('threading-and-synchronization-zero-level.md');
    expect(block).toContain('threading-and-synchronization-second-level.md');
    expect(block).toContain('resolution:');
    const escape = text.split('\n\n').find((b) => b.startsWith('DxgkDdiEscape:')) ?? '';
    expect(escape).toContain('when HardwareAccess flag set');
    expect(escape).toContain('nc-d3dkmddi-dxgkddi_escape.md');
    expect(text).toMatch(/16 findings: 9 conflict, 3 conditional, 2 per-instance, 2 exception\.$/);
    expect(lintText([])).toBe('No conflicting or conditional facts.');
  });

  it('wrap keeps words whole and indents continuation lines', () => {
    expect(wrap('aaa bbb ccc', 8, 2, 0)).toEqual(['aaa bbb', '  ccc']);
  });
});
