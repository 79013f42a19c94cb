/**
 * Swarm runs: `ddicheck random --shard i/n` gives each shard its own seed (from
 * the base seed and i) and strategy, records i/n in its report, and `ddicheck
 * merge` joins the shards.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { shardSeed, swarmShard } from '../../src/fastcheck/swarm.js';

const lostUpdate = 'test/fixtures/violated/lost-update.ts';
const locked = 'test/fixtures/holds/locked-counter.ts';
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ddicheck-swarm-')); });

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: IO = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, errIsTTY: false, columns: 160 };
  return { code: await run(argv, io), out, err };
}

async function swarm(model: string, n: number, name: string, extra: string[] = []): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await cli('random', model, '--no-typecheck', '--runs', '30', '--shard', `${i}/${n}`, '--json', ...extra);
    expect(r.err).toBe('');
    const f = join(dir, `${name}-${i}.json`);
    writeFileSync(f, r.out);
    files.push(f);
  }
  return files;
}

describe('swarmShard', () => {
  it('a seed per shard from the base seed, the same on every machine', () => {
    const seeds = Array.from({ length: 16 }, (_, i) => shardSeed(7, i + 1));
    expect(new Set(seeds).size).toBe(16);
    expect(shardSeed(7, 3)).toBe(seeds[2]);
    expect(shardSeed(8, 3)).not.toBe(seeds[2]);
    for (const s of seeds) expect(Number.isInteger(s)).toBe(true);
  });
  it('alternates strategies and steps PCT depths unless they are given', () => {
    const plan = Array.from({ length: 6 }, (_, i) => swarmShard(i + 1, 6, 7, {}));
    expect(plan.map((s) => s.strategy)).toEqual(['pct', 'random', 'pct', 'random', 'pct', 'random']);
    expect(plan.map((s) => s.depth)).toEqual([3, 3, 4, 4, 2, 2]);
    const given = Array.from({ length: 3 }, (_, i) => swarmShard(i + 1, 3, 7, { strategy: 'random', depth: 5 }));
    expect(given.map((s) => [s.strategy, s.depth])).toEqual([['random', 5], ['random', 5], ['random', 5]]);
  });
});

describe('ddicheck random --shard', () => {
  it('each shard records i/n, its seed and strategy; the text names them', async () => {
    const files = await swarm(locked, 3, 'locked', ['--seed', '7']);
    const rs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(rs.map((r) => [r.shard.index, r.shard.count, r.shard.baseSeed])).toEqual([[1, 3, 7], [2, 3, 7], [3, 3, 7]]);
    expect(rs.map((r) => r.seed)).toEqual([1, 2, 3].map((i) => shardSeed(7, i)));
    expect(rs.map((r) => r.strategy)).toEqual(['pct', 'random', 'pct']);
    const text = await cli('random', locked, '--no-typecheck', '--runs', '5', '--shard', '2/3', '--seed', '7');
    expect(text.out).toContain(`swarm shard 2/3: seed ${shardSeed(7, 2)} from base seed 7, random;`);
    // The same shard again runs the same schedules.
    const again = JSON.parse((await cli('random', locked, '--no-typecheck', '--runs', '30', '--shard', '1/3', '--seed', '7', '--json')).out);
    expect(again.stats.distinctStates).toBe(rs[0].stats.distinctStates);
    expect(again.stats.steps).toBe(rs[0].stats.steps);
  });

  it('merge joins a swarm with no violation: the runs of all shards, exit 0', async () => {
    const files = await swarm(locked, 3, 'locked-m', ['--seed', '11']);
    const m = await cli('merge', ...files, '--json', join(dir, 'locked-merged.json'));
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'locked-merged.json'), 'utf8'));
    expect(j.verdict).toBe('no-violation');
    expect(j.runs).toBe(90);
    expect(j.shards.map((s: { index: number }) => s.index)).toEqual([1, 2, 3]);
    expect(m.out).toContain('NO VIOLATION in 90 runs');
    expect(m.out).toContain('random testing proves nothing beyond these runs');
  });

  it('merge of a swarm that found a violation: the shortest counterexample of any shard, exit 1', async () => {
    const files = await swarm(lostUpdate, 2, 'lost', ['--seed', '5']);
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const m = await cli('merge', ...files, '--json', join(dir, 'lost-merged.json'));
    expect(m.code).toBe(1);
    const j = JSON.parse(readFileSync(join(dir, 'lost-merged.json'), 'utf8'));
    expect(j.property).toBe('lostUpdate');
    const lengths = shards.filter((s) => s.verdict === 'violated').map((s) => s.counterexample.length);
    expect(j.counterexample.length).toBe(Math.min(...lengths));
  });

  it('merge refuses a missing shard and a shard of another swarm, naming the file', async () => {
    const files = await swarm(locked, 3, 'refuse', ['--seed', '3']);
    const missing = await cli('merge', files[0], files[1]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/refuse-1\.json: is shard 1 of 3, and shard 3 is missing/);
    const other = (await swarm(locked, 3, 'other', ['--seed', '4']))[2];
    const bad = await cli('merge', files[0], files[1], other);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/other-3\.json: is of the swarm of base seed 4, another one than .*refuse-1\.json/);
  });
});
