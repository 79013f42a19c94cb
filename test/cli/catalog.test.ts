/**
 * `ddicheck catalog` and `--help` end to end: filters, JSON, the lint of
 * conflicting documentation facts, bad filters, and the exit codes in the help.
 */
import { describe, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ddicheck, root, STACK_FRAME } from './spawn.js';

describe.concurrent('catalog', () => {
  it('--level 1 --class pointer lists exactly the two pointer DDIs', async ({ expect }) => {
    const r = await ddicheck('catalog', '--level', '1', '--class', 'pointer');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n').filter((l) => /^DxgkDdi/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape']);
    // The star: the pointer pages conflict with the level-2/3 single-thread rule (catalog --lint).
    for (const row of rows) expect(row).toMatch(/\s1\*\s+pointer\s/);
    expect(r.stdout).toMatch(/threading-and-synchronization-first-level\.md/);
  });

  it('--json: contractVersion, ddis with level, class and sources, conflicts', async ({ expect }) => {
    const r = await ddicheck('catalog', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { contractVersion: string; ddis: { name: string; level: number; class: string | null; sources: { page: string }[] }[]; conflicts: { ddi: string }[] };
    expect(typeof j.contractVersion).toBe('string');
    expect(j.contractVersion.length).toBeGreaterThan(0);
    expect(Array.isArray(j.ddis)).toBe(true);
    expect(Array.isArray(j.conflicts)).toBe(true);
    const pointer = j.ddis.find((d) => d.name === 'DxgkDdiSetPointerShape');
    expect(pointer).toMatchObject({ level: 1, class: 'pointer' });
    expect(pointer!.sources.length).toBeGreaterThan(0);
    expect(j.ddis.every((d) => d.sources.length > 0)).toBe(true);
    expect(j.conflicts.map((c) => c.ddi)).toContain('DxgkDdiRecommendFunctionalVidPn');
    // Filters apply to the JSON as well.
    const one = await ddicheck('catalog', '--json', '--level', '1', '--class', 'pointer');
    expect((JSON.parse(one.stdout) as typeof j).ddis.map((d) => d.name)).toEqual(['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape']);
  });

  it('--lint names DxgkDdiRecommendFunctionalVidPn with both source pages', async ({ expect }) => {
    const r = await ddicheck('catalog', '--lint');
    expect(r.code).toBe(0);
    const start = r.stdout.indexOf('DxgkDdiRecommendFunctionalVidPn:');
    expect(start).toBeGreaterThanOrEqual(0);
    const next = r.stdout.slice(start + 1).search(/^DxgkDdi/m);
    const entry = next < 0 ? r.stdout.slice(start) : r.stdout.slice(start, start + 1 + next);
    expect(entry).toContain('threading-and-synchronization-zero-level.md');
    expect(entry).toContain('threading-and-synchronization-second-level.md');
    expect(entry).toMatch(/level 0/);
    expect(entry).toMatch(/level 2/);
  });

  it('--level 7: exit 2, one message naming the flag', async ({ expect }) => {
    const r = await ddicheck('catalog', '--level', '7');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--level: must be 0, 1, 2 or 3, got 7');
    expect(r.stderr).not.toContain(STACK_FRAME);
  });

  it('--class nope: exit 2, lists the classes', async ({ expect }) => {
    const r = await ddicheck('catalog', '--class', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--class: unknown class "nope"');
    expect(r.stderr).toMatch(/classes: .*pointer/);
  });
});

describe.concurrent('help and version', () => {
  it('--help lists the commands and documents every exit code', async ({ expect }) => {
    const r = await ddicheck('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ddicheck check');
    expect(r.stdout).toContain('ddicheck catalog');
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('Exit codes: 0 all properties hold within the bounds, 1 a violation, 2 bad input or usage, 3 inconclusive');
  });

  it('check --help documents the options and the exit codes', async ({ expect }) => {
    const r = await ddicheck('check', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--scenario', '--all-scenarios', '--max-states', '--max-depth', '--time', '--dfs', '--exact', '--json', '--backend', '--typecheck']) expect(r.stdout).toContain(flag);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0');
  });

  it('--version prints the package version', async ({ expect }) => {
    const r = await ddicheck('--version');
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
