/**
 * A split search (--split i/n): the shards share a breadth-first prefix, split
 * its boundary level between them, and together cover the whole space.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type CheckResult } from '../check.js';
import { loadModel } from '../load/model-files.js';
import type { AnyModel } from '../model/define.js';
import { run } from '../cli/main.js';
import type { IO } from '../cli/io.js';
import { ownerOf } from './split.js';

const HOLDS = 'models/kmdod/kmdod.ts';
const VIOLATED = 'models/paravirt/viogpu-release-on-timeout.ts';
let holds: AnyModel;
let violated: AnyModel;
beforeAll(async () => {
  holds = (await loadModel(HOLDS)).model;
  violated = (await loadModel(VIOLATED)).model;
});

const shards = (m: AnyModel, scenario: string, count: number, minFrontier: number): CheckResult[] =>
  Array.from({ length: count }, (_, k) => check(m, { scenario, split: { index: k + 1, count, minFrontier } }));

describe('ownerOf', () => {
  it('is a shard 1..n, spread over both lanes of the fingerprint', () => {
    const fp = new Uint32Array(2);
    const seen = new Array<number>(4).fill(0);
    for (let i = 0; i < 4000; i++) {
      fp[0] = Math.imul(i, 0x9e3779b1); fp[1] = i;
      const o = ownerOf(fp, 4);
      expect(o >= 1 && o <= 4).toBe(true);
      seen[o - 1]++;
    }
    for (const n of seen) expect(n).toBeGreaterThan(800);
  });
});

describe('check with split', () => {
  it('a model that holds: every shard holds, the shards partition the boundary, and together cover the space', () => {
    const whole = check(holds, { scenario: 'power' });
    expect(whole.verdict).toBe('holds');
    for (const count of [1, 2, 3, 5]) {
      for (const minFrontier of [1, 4, 16]) {
        const parts = shards(holds, 'power', count, minFrontier);
        const b = parts[0].split!;
        expect(b.boundaryDepth).not.toBeNull();
        for (const p of parts) {
          expect(p.verdict).toBe('holds');
          expect(p.split).toMatchObject({ count, boundaryDepth: b.boundaryDepth, boundaryStates: b.boundaryStates, minFrontier });
          // A shard never sees a state the whole search does not.
          expect(p.stats.distinctStates).toBeLessThanOrEqual(whole.stats.distinctStates);
          expect(p.notes?.some((n) => n.startsWith(`split ${p.split!.index}/${count}: holds for this shard's part`) && n.includes('stuck-context check skipped under --split'))).toBe(true);
        }
        // Every boundary state is exactly one shard's, and the boundary is the first level wide enough.
        expect(parts.reduce((t, p) => t + p.split!.ownStates, 0)).toBe(b.boundaryStates);
        expect(b.boundaryStates).toBeGreaterThanOrEqual(minFrontier * count);
        expect(parts.reduce((t, p) => t + p.stats.distinctStates, 0)).toBeGreaterThanOrEqual(whole.stats.distinctStates);
        if (count === 1) expect(parts[0].stats.distinctStates).toBe(whole.stats.distinctStates);
      }
    }
  });

  it('no level wide enough: each shard searches the whole space, and says so', () => {
    const whole = check(holds, { scenario: 'power' });
    for (const p of shards(holds, 'power', 3, 1_000_000)) {
      expect(p.split!.boundaryDepth).toBeNull();
      expect(p.stats.distinctStates).toBe(whole.stats.distinctStates);
      expect(p.stats.transitions).toBe(whole.stats.transitions);
      expect(p.notes!.join('\n')).toContain('so this shard searched the whole space');
    }
  });

  it('a violating model: some shard finds it at the unsplit shortest depth, none shallower', () => {
    const whole = check(violated, { scenario: 'config' });
    expect(whole.verdict).toBe('violated');
    const shortest = whole.counterexample!.steps.length;
    for (const count of [2, 3, 4]) {
      const parts = shards(violated, 'config', count, 4);
      expect(parts[0].split!.boundaryDepth).not.toBeNull();
      const lengths = parts.filter((p) => p.verdict === 'violated').map((p) => p.counterexample!.steps.length);
      expect(lengths.length).toBeGreaterThan(0);
      expect(Math.min(...lengths)).toBe(shortest);
      for (const p of parts) if (p.verdict === 'violated') expect(p.notes!.join('\n')).toContain('violated in this shard\'s part (the counterexample is real)');
      for (const p of parts) expect(['holds', 'violated']).toContain(p.verdict);
    }
  });

  it('refuses a depth-first split', () => {
    expect(() => check(holds, { scenario: 'power', order: 'dfs', split: { index: 1, count: 2 } })).toThrow(/--split: splits a breadth-first search/);
  });
});

describe('ddicheck check --split, then ddicheck merge', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ddicheck-split-')); });
  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: IO = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, errIsTTY: false, columns: 200 };
    return { code: await run(argv, io), out, err };
  }
  /** Runs the shards to files (the JSON goes to stdout) and merges them. */
  async function splitRun(model: string, scenario: string, n: number, name: string): Promise<{ codes: number[]; merged: { code: number; out: string; err: string }; files: string[] }> {
    const codes: number[] = [];
    const files: string[] = [];
    for (let i = 1; i <= n; i++) {
      const r = await cli('check', model, '--scenario', scenario, '--no-typecheck', '--split', `${i}/${n}`, '--split-min-frontier', '4', '--json');
      codes.push(r.code);
      const f = join(dir, `${name}-${i}.json`);
      writeFileSync(f, r.out);
      files.push(f);
    }
    return { codes, files, merged: await cli('merge', ...files, '--json', join(dir, `${name}-merged.json`)) };
  }

  it('the merge of a model that holds holds, exit 0, stating its bounds and what it did not check', async () => {
    const whole = check(holds, { scenario: 'power' });
    const { codes, merged } = await splitRun(HOLDS, 'power', 3, 'holds');
    expect(codes).toEqual([0, 0, 0]);
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out).toContain('HOLDS');
    expect(merged.out).toContain(`within ${whole.bounds}`);
    expect(merged.out).toContain('stuck-context check not run');
    const m = JSON.parse(readFileSync(join(dir, 'holds-merged.json'), 'utf8')).results[0];
    expect(m.verdict).toBe('holds');
    expect(m.split.shards.map((s: { verdict: string }) => s.verdict)).toEqual(['holds', 'holds', 'holds']);
    expect(m.stats.distinctStates).toBeGreaterThanOrEqual(whole.stats.distinctStates);
  });

  it('the merge of a violating model is violated, exit 1, with the unsplit shortest counterexample length', async () => {
    const whole = check(violated, { scenario: 'config' });
    const { merged } = await splitRun(VIOLATED, 'config', 3, 'violated');
    expect(merged.code).toBe(1);
    const m = JSON.parse(readFileSync(join(dir, 'violated-merged.json'), 'utf8')).results[0];
    expect(m.verdict).toBe('violated');
    expect(m.counterexample.length).toBe(whole.counterexample!.steps.length);
    expect(m.property).toBe(whole.property);
    expect(merged.out).toContain(`VIOLATED ${m.property}`);
  });

  it('refuses a missing shard and a shard of other options, naming the file', async () => {
    const { files } = await splitRun(HOLDS, 'power', 3, 'refuse');
    const missing = await cli('merge', files[0], files[2]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/refuse-1\.json: \S+kmdod\.ts#power: is shard 1 of 3, and shard 2 is missing/);
    const r = await cli('check', HOLDS, '--scenario', 'power', '--no-typecheck', '--split', '2/3', '--split-min-frontier', '4', '--max-states', '100000', '--json');
    const other = join(dir, 'other-2.json');
    writeFileSync(other, r.out);
    const bad = await cli('merge', files[0], other, files[2]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/other-2\.json: \S+kmdod\.ts#power: was checked with other search options/);
  });

  it('the text of a shard says it holds for its part only, and what it skipped', async () => {
    const r = await cli('check', HOLDS, '--scenario', 'power', '--no-typecheck', '--split', '2/3', '--split-min-frontier', '4');
    expect(r.code).toBe(0);
    expect(r.out).toContain("HOLDS (split 2/3: for this shard's part only) for ");
    expect(r.out).toMatch(/note: split 2\/3: holds for this shard's part: the \d+ of \d+ states at depth \d+ whose fingerprint falls in shard 2/);
    expect(r.out).toContain('stuck-context check skipped under --split');
  });

  it('flags: --split-min-frontier needs --split; --split refuses --dfs; a bad i/n', async () => {
    expect((await cli('check', HOLDS, '--no-typecheck', '--split-min-frontier', '4')).err).toMatch(/--split-min-frontier: sets where --split divides the search/);
    expect((await cli('check', HOLDS, '--no-typecheck', '--split', '1/2', '--dfs')).err).toMatch(/--split: splits a breadth-first search/);
    const bad = await cli('check', HOLDS, '--no-typecheck', '--split', '3/2');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--split: must be i\/n/);
  });
});
