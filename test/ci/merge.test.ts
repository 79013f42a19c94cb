/**
 * `ddicheck ci --shard i/n` and `ddicheck merge`: the shards' reports join into
 * what one unsharded run writes (apart from timing), with the same exit code;
 * a missing, duplicated or foreign shard is refused naming its file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { untimed, untimedXml } from '../support/untimed.js';

const fx = (f: string): string => resolve(__dirname, 'fixtures', f);
let dir: string;
let cfg: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ddicheck-merge-'));
  cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ checks: [
    { model: fx('counter.ts') },
    { model: fx('racy.ts'), expect: 'holds' },
    { model: fx('deadlock.ts'), expect: { verdict: 'violated', property: 'deadlock' } },
    { model: fx('big.ts'), budget: { maxStates: 300 } },
    { model: fx('counter.ts'), scenario: 'one' },
  ] }));
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: IO = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, errIsTTY: false, columns: 160 };
  const code = await run(argv, io);
  return { code, out, err };
}

async function shards(name: string, n: number, config: string, extra: string[] = []): Promise<{ codes: number[]; folder: string }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const codes: number[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await cli('ci', '--no-typecheck', '--config', config, '--shard', `${i}/${n}`, '--json', join(folder, `ci-${i}.json`), '--junit', join(folder, `junit-${i}.xml`), '--sarif', join(folder, `ci-${i}.sarif`), ...extra);
    codes.push(r.code);
  }
  return { codes, folder };
}

describe('ddicheck merge of ci shards', () => {
  it('equals the unsharded run: JSON and JUnit apart from timing, SARIF exactly; the same exit code', async () => {
    const whole = await cli('ci', '--no-typecheck', '--config', cfg, '--json', join(dir, 'whole.json'), '--junit', join(dir, 'whole.xml'), '--sarif', join(dir, 'whole.sarif'));
    expect(whole.code).toBe(1);
    const { codes, folder } = await shards('three', 3, cfg);
    // Round-robin over the sorted ids: big, counter#default, counter#one, deadlock, racy -> 1, 2, 3, 1, 2.
    expect(codes).toEqual([3, 1, 0]);
    const m = await cli('merge', folder, '--json', join(dir, 'merged.json'), '--junit', join(dir, 'merged.xml'), '--sarif', join(dir, 'merged.sarif'));
    expect(m.err).toBe('');
    expect(m.code).toBe(1);
    expect(m.out).toMatch(/5 checks from .*cfg\.json, merged from 3 shards/);
    expect(m.out).toMatch(/3 as expected, 0 known \(baseline\), 1 unexpected, 1 inconclusive, 0 not run, 0 errors/);
    expect(untimed(readFileSync(join(dir, 'merged.json'), 'utf8'))).toEqual(untimed(readFileSync(join(dir, 'whole.json'), 'utf8')));
    expect(untimedXml(readFileSync(join(dir, 'merged.xml'), 'utf8'))).toBe(untimedXml(readFileSync(join(dir, 'whole.xml'), 'utf8')));
    expect(readFileSync(join(dir, 'merged.sarif'), 'utf8')).toBe(readFileSync(join(dir, 'whole.sarif'), 'utf8'));
    const merged = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'));
    expect(merged.shard).toBeNull();
    expect(merged.mergedFrom).toHaveLength(3);
    const one = JSON.parse(readFileSync(join(folder, 'ci-2.json'), 'utf8'));
    expect(one.shard).toEqual({ index: 2, count: 3, by: 'id' });
    expect(one.checks.map((c: { check: string }) => c.check.replace(/.*\//, ''))).toEqual(['counter.ts#default', 'racy.ts#default']);
  });

  it('balanced by the costs of an earlier report: the dearest check alone in its shard', async () => {
    await cli('ci', '--no-typecheck', '--config', cfg, '--json', join(dir, 'costs.json'));
    const { folder } = await shards('costed', 2, cfg, ['--costs', join(dir, 'costs.json')]);
    const s1 = JSON.parse(readFileSync(join(folder, 'ci-1.json'), 'utf8'));
    const s2 = JSON.parse(readFileSync(join(folder, 'ci-2.json'), 'utf8'));
    // big (300 states) goes first to shard 1; the four others (3 to 12 states) all fit under it in shard 2.
    expect(s1.checks.map((c: { check: string }) => c.check.replace(/.*\//, ''))).toEqual(['big.ts#default']);
    expect(s2.checks).toHaveLength(4);
    expect(s1.shard).toEqual({ index: 1, count: 2, by: 'costs' });
    expect((await cli('merge', folder)).code).toBe(1);
  });

  it('an empty shard (more shards than checks) still merges', async () => {
    const { codes, folder } = await shards('seven', 7, cfg);
    expect(codes).toEqual([3, 0, 0, 0, 1, 0, 0]);
    const m = await cli('merge', folder, '--json', join(dir, 'seven.json'));
    expect(m.code).toBe(1);
    expect(untimed(readFileSync(join(dir, 'seven.json'), 'utf8'))).toEqual(untimed(readFileSync(join(dir, 'whole.json'), 'utf8')));
  });

  describe('refuses, exit 2, naming the file', () => {
    let folder: string;
    beforeAll(async () => { folder = (await shards('refuse', 3, cfg)).folder; });
    const f = (i: number, ext = 'json'): string => join(folder, ext === 'json' ? `ci-${i}.json` : ext === 'xml' ? `junit-${i}.xml` : `ci-${i}.sarif`);

    it('a missing shard', async () => {
      const r = await cli('merge', f(1), f(3));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/ci-1\.json: is shard 1 of 3, and the report of shard 2 is missing/);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
    it('a duplicated shard', async () => {
      const copy = join(dir, 'copy-of-2.json');
      writeFileSync(copy, readFileSync(f(2)));
      const r = await cli('merge', f(1), f(2), f(3), copy);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/copy-of-2\.json: is shard 2\/3 again \(.*ci-2\.json already is\)/);
    });
    it('a shard of another ddicheck version', async () => {
      const other = join(dir, 'old-3.json');
      writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(f(3), 'utf8')), ddicheck: '0.0.1' }));
      const r = await cli('merge', f(1), f(2), other);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/old-3\.json: was written by ddicheck 0\.0\.1, and .*ci-1\.json by ddicheck \d/);
    });
    it('a shard of another config', async () => {
      const cfg2 = join(dir, 'cfg2.json');
      writeFileSync(cfg2, JSON.stringify({ checks: [{ model: fx('counter.ts') }, { model: fx('racy.ts') }] }));
      const other = await shards('other', 3, cfg2);
      const r = await cli('merge', f(1), f(2), join(other.folder, 'ci-3.json'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/other\/ci-3\.json: ran another list of checks \(plan [0-9a-f]+\) than .*ci-1\.json/);
    });
    it('shards of a different count', async () => {
      const other = await shards('two', 2, cfg);
      const r = await cli('merge', f(1), f(2), join(other.folder, 'ci-2.json'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/two\/ci-2\.json: is shard 2\/2, and .*ci-1\.json is shard 1\/3/);
    });
    it('a whole run among shards', async () => {
      const r = await cli('merge', f(1), f(2), f(3), join(dir, 'whole.json'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/whole\.json: is the report of a whole run, not of a shard/);
    });
    it('JUnit files without the JSON reports that say which shard each is', async () => {
      const r = await cli('merge', f(1, 'xml'), f(2, 'xml'), f(3, 'xml'), '--junit', join(dir, 'x.xml'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/junit-1\.xml: was given no shard's --json report/);
    });
    it('a JUnit file missing', async () => {
      const r = await cli('merge', f(1), f(2), f(3), f(1, 'xml'), f(3, 'xml'), '--junit', join(dir, 'x.xml'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/junit-1\.xml: the JUnit files have no testcase for \S+counter\.ts#default \(and 1 more\)/);
    });
    it('a SARIF file missing a violated check', async () => {
      const r = await cli('merge', f(1), f(2), f(3), f(1, 'sarif'), f(3, 'sarif'), '--sarif', join(dir, 'x.sarif'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/ci-1\.sarif: the SARIF files have no result for \S+racy\.ts#default, which was violated/);
    });
    it('a file that is no report', async () => {
      const junk = join(dir, 'junk.json');
      writeFileSync(junk, '{"hello": 1}');
      const r = await cli('merge', f(1), junk);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/junk\.json: is not a shard's report/);
    });
    it('a path that names nothing', async () => {
      const r = await cli('merge', join(dir, 'nowhere'));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/nowhere: no such file or folder/);
    });
    it('--update-baseline with --shard', async () => {
      const r = await cli('ci', '--no-typecheck', '--config', cfg, '--shard', '1/2', '--baseline', join(dir, 'b.json'), '--update-baseline');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--update-baseline: writes the baseline of the whole run, and --shard runs a part of it/);
    });
  });
});
