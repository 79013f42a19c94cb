/**
 * The verdict cache of `ddicheck ci --cache DIR`: a second run of unchanged
 * checks takes every verdict from the cache and says so; editing a model, or a
 * file it imports, runs the checks that depend on it again; --no-cache runs
 * everything; an inconclusive result is never kept.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, appendFileSync, utimesSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';

const src = resolve(__dirname, '../../src/index.ts');
let dir: string;
let cfg: string;
let cache: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ddicheck-cache-'));
  cache = join(dir, 'cache');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  // The fixtures, copied so the test may edit them: racy.ts imports counter.ts.
  writeFileSync(join(dir, 'counter.ts'), readFileSync(resolve(__dirname, 'fixtures/counter.ts'), 'utf8').replace("'../../../src/index.js'", JSON.stringify(src)));
  writeFileSync(join(dir, 'racy.ts'), readFileSync(resolve(__dirname, 'fixtures/racy.ts'), 'utf8'));
  writeFileSync(join(dir, 'big.ts'), readFileSync(resolve(__dirname, 'fixtures/big.ts'), 'utf8').replace(/'(\.\.\/)+src\/index\.js'/, JSON.stringify(src)));
  cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ checks: [
    { model: 'counter.ts' }, { model: 'racy.ts', expect: { verdict: 'violated', property: 'data-race' } }, { model: 'big.ts', budget: { maxStates: 200 } },
  ] }));
});

interface Check { check: string; status: string; reason: string; cached?: { key: string } }
async function ci(...extra: string[]): Promise<{ code: number; out: string; checks: Check[] }> {
  let out = '';
  const io: IO = { out: (s) => { out += `${s}\n`; }, err: (s) => { out += `${s}\n`; }, errIsTTY: false, columns: 200 };
  const json = join(dir, 'ci.json');
  const code = await run(['ci', '--no-typecheck', '--config', cfg, '--json', json, ...extra], io);
  return { code, out, checks: (JSON.parse(readFileSync(json, 'utf8')) as { checks: Check[] }).checks };
}
const cachedOf = (checks: Check[]): string[] => checks.map((c) => `${c.check.replace(/.*\//, '')} ${c.cached ? 'cached' : 'searched'}`);

describe('ddicheck ci --cache', () => {
  it('the second run hits, reported in the summary, the reason and the JSON', async () => {
    const first = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(first.code).toBe(0);
    expect(cachedOf(first.checks)).toEqual(['counter.ts#default searched', 'racy.ts#default searched', 'big.ts#default searched']);
    expect(first.out).toContain(`verdict cache ${cache}: 0 cached, 3 searched`);
    // Two verdicts kept; the inconclusive one is not.
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const second = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(second.code).toBe(0);
    expect(cachedOf(second.checks)).toEqual(['counter.ts#default cached', 'racy.ts#default cached', 'big.ts#default searched']);
    expect(second.checks[1].cached!.key).toMatch(/^[0-9a-f]{64}$/);
    expect(second.checks[1].reason).toBe("violated data-race, as expected (cached verdict: the model's sources, scenario and options are unchanged; --no-cache runs it)");
    expect(second.out).toContain(`verdict cache ${cache}: 2 cached, 1 searched`);
    expect(second.out).toMatch(/pass\s+\S*racy\.ts#default\s+3\s.*cached verdict/);
  });

  it('--no-cache runs every check', async () => {
    const r = await ci('--cache', cache, '--no-cache', '--inconclusive', 'pass');
    expect(cachedOf(r.checks)).toEqual(['counter.ts#default searched', 'racy.ts#default searched', 'big.ts#default searched']);
    expect(r.out).not.toContain('verdict cache');
  });

  it('touching a file without changing it keeps the key (it is by content)', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'racy.ts'), later, later);
    const r = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(cachedOf(r.checks).slice(0, 2)).toEqual(['counter.ts#default cached', 'racy.ts#default cached']);
  });

  it('editing a model runs it again; editing a file it imports runs every model that imports it', async () => {
    appendFileSync(join(dir, 'racy.ts'), '// edited\n');
    const a = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(cachedOf(a.checks).slice(0, 2)).toEqual(['counter.ts#default cached', 'racy.ts#default searched']);
    appendFileSync(join(dir, 'counter.ts'), '// edited\n');
    const b = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(cachedOf(b.checks).slice(0, 2)).toEqual(['counter.ts#default searched', 'racy.ts#default searched']);
    const c = await ci('--cache', cache, '--inconclusive', 'pass');
    expect(cachedOf(c.checks).slice(0, 2)).toEqual(['counter.ts#default cached', 'racy.ts#default cached']);
  });

  it('a cached result is judged afresh: a changed expectation fails on it', async () => {
    const strict = join(dir, 'strict.json');
    writeFileSync(strict, JSON.stringify({ checks: [{ model: 'racy.ts', expect: 'holds' }] }));
    let out = '';
    const io: IO = { out: (s) => { out += `${s}\n`; }, err: (s) => { out += `${s}\n`; }, errIsTTY: false, columns: 200 };
    const code = await run(['ci', '--no-typecheck', '--config', strict, '--cache', cache], io);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+\S*racy\.ts#default.*expected holds, got violated data-race.*cached verdict/);
  });

  it('a changed budget is another key', async () => {
    writeFileSync(cfg, JSON.stringify({ checks: [{ model: 'counter.ts', budget: { maxStates: 1000 } }] }));
    const r = await ci('--cache', cache);
    expect(cachedOf(r.checks)).toEqual(['counter.ts#default searched']);
  });
});
