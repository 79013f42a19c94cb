/**
 * The aim of sharded CI, on the bundled library: three shards of `ddicheck ci`
 * merged give the report one unsharded run writes (apart from timing). Each
 * check is held to a budget of 5,000 states so the library runs twice in a
 * few seconds; a check that needs more is inconclusive in both runs alike.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { planFromManifest } from '../../src/ci/config.js';
import { untimed, untimedXml } from '../support/untimed.js';

const quiet = (): IO => ({ out: () => {}, err: () => {}, errIsTTY: false, columns: 160 });

describe('sharded ci over the bundled library', () => {
  it('three shards merged equal the unsharded run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddicheck-lib-shards-'));
    const plan = await planFromManifest();
    expect(plan.checks.length).toBeGreaterThanOrEqual(80);
    const cfg = join(dir, 'library.json');
    writeFileSync(cfg, JSON.stringify({ inconclusive: 'pass', checks: plan.checks.map((c) => ({ model: c.file, scenario: c.scenario, budget: { maxStates: 5_000 } })) }));
    const out = (name: string): string[] => ['--json', join(dir, `${name}.json`), '--junit', join(dir, `${name}.xml`), '--sarif', join(dir, `${name}.sarif`)];
    const whole = await run(['ci', '--no-typecheck', '--config', cfg, ...out('whole')], quiet());
    for (let i = 1; i <= 3; i++) await run(['ci', '--no-typecheck', '--config', cfg, '--shard', `${i}/3`, ...out(`shard-${i}`)], quiet());
    const files = [1, 2, 3].flatMap((i) => [`shard-${i}.json`, `shard-${i}.xml`, `shard-${i}.sarif`].map((f) => join(dir, f)));
    const merged = await run(['merge', ...files, ...out('merged')], quiet());
    expect(merged).toBe(whole);
    const w = JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8'));
    expect(w.checks).toHaveLength(plan.checks.length);
    expect(untimed(readFileSync(join(dir, 'merged.json'), 'utf8'))).toEqual(untimed(readFileSync(join(dir, 'whole.json'), 'utf8')));
    expect(untimedXml(readFileSync(join(dir, 'merged.xml'), 'utf8'))).toBe(untimedXml(readFileSync(join(dir, 'whole.xml'), 'utf8')));
    expect(readFileSync(join(dir, 'merged.sarif'), 'utf8')).toBe(readFileSync(join(dir, 'whole.sarif'), 'utf8'));
  });
});
