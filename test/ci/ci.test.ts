import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import AjvModule from 'ajv-draft-04';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';

const fx = (f: string): string => resolve(__dirname, 'fixtures', f);
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'ddicheck-ci-')); });

function capture(): IO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', errIsTTY: false, columns: 160, out(s: string) { io.stdout += `${s}\n`; }, err(s: string) { io.stderr += `${s}\n`; } };
  return io;
}
function config(name: string, body: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
}
async function ci(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(['ci', '--no-typecheck', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}
/** As `ci`, with the type-check on (as users run it). */
async function ciTyped(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(['ci', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('ddicheck ci: verdicts against expectations', () => {
  it('exit 0 when every check meets its expectation, including expected violations', async () => {
    const c = config('ok.json', { checks: [
      { model: fx('counter.ts'), expect: 'holds' },
      { model: fx('racy.ts'), expect: { verdict: 'violated', property: 'data-race' } },
      { model: fx('deadlock.ts'), expect: { verdict: 'violated', property: 'deadlock' } },
    ] });
    const r = await ci('--config', c);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 as expected, 0 known \(baseline\), 0 unexpected, 0 inconclusive, 0 not run/);
    expect(r.out).toMatch(/pass\s+.*racy\.ts#default.*violated data-race, as expected/);
  });

  it('exit 1 when a check does not meet its expectation, naming the bug', async () => {
    const c = config('red.json', { checks: [{ model: fx('counter.ts') }, { model: fx('racy.ts'), expect: 'holds' }] });
    const r = await ci('--config', c);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL\s+.*racy\.ts#default.*expected holds, got violated data-race: bump0 \(bump\/add\) writes g\.count/);
  });

  it('a violated check expecting another property fails', async () => {
    const c = config('prop.json', { checks: [{ model: fx('racy.ts'), expect: { verdict: 'violated', property: 'deadlock' } }] });
    const r = await ci('--config', c);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expected violated deadlock, got violated data-race');
  });

  it('exit 3 when a budget leaves a check inconclusive; --inconclusive pass turns it green', async () => {
    const c = config('budget.json', { checks: [{ model: fx('big.ts'), budget: { maxStates: 500 } }] });
    const r = await ci('--config', c);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/INCONCL\s+.*big\.ts#default\s+500 .*inconclusive \(state budget of 500 distinct states ran out\); expected holds/);
    expect((await ci('--config', c, '--inconclusive', 'pass')).code).toBe(0);
    const c2 = config('budget-pass.json', { inconclusive: 'pass', checks: [{ model: fx('big.ts'), budget: { maxStates: 500 } }] });
    expect((await ci('--config', c2)).code).toBe(0);
  });

  it("the run's overall time budget marks the checks it could not reach as not run", async () => {
    const c = config('overall.json', { budget: { seconds: 0.2 }, checks: [{ model: fx('big.ts') }, { model: fx('counter.ts') }] });
    const r = await ci('--config', c);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/not run\s+.*counter\.ts#default/);
    expect(r.out).toMatch(/INCONCL\s+.*big\.ts#default.*time budget/);
  });
});

describe('ddicheck ci: config errors exit 2 naming the file and the entry', () => {
  const cases: [string, unknown, RegExp][] = [
    ['malformed JSON', '{ "checks": [ ', /bad-json\.json: is not valid JSON/],
    ['no checks', { checks: [] }, /"checks" must be a non-empty array/],
    ['unknown model', { checks: [{ model: 'nope.ts' }] }, /checks\[0\] \(nope\.ts\): no such model file/],
    ['unknown scenario', { checks: [{ model: fx('counter.ts'), scenario: 'huge' }] }, /checks\[0\]: model counter-locked has no scenario "huge"[\s\S]*known scenarios: default, one/],
    ['bad expectation', { checks: [{ model: fx('counter.ts'), expect: 'fine' }] }, /checks\[0\]: expect: expect\.verdict must be one of holds, violated, inconclusive/],
    ['property without violated', { checks: [{ model: fx('counter.ts'), expect: { verdict: 'holds', property: 'x' } }] }, /only with verdict "violated"/],
    ['unknown field', { checks: [{ model: fx('counter.ts'), exepct: 'holds' }] }, /checks\[0\]: has unknown field "exepct"/],
    ['bad budget', { checks: [{ model: fx('counter.ts'), budget: { maxStates: -1 } }] }, /budget\.maxStates must be a positive number/],
    ['unknown property', { checks: [{ model: fx('racy.ts'), expect: { verdict: 'violated', property: 'data-rcae' } }] }, /checks\[0\]: expect: expects property "data-rcae", which model \S+ cannot report \(did you mean "data-race"\?\)/],
    ['duplicate check', { checks: [{ model: fx('counter.ts') }, { model: fx('counter.ts'), scenario: 'default' }] }, /checks\[1\]: checks \S*counter\.ts#default again \(checks\[0\] already does\)/],
  ];
  for (const [what, body, msg] of cases) {
    it(what, async () => {
      const c = config(what === 'malformed JSON' ? 'bad-json.json' : `bad-${what.replace(/\W/g, '-')}.json`, body);
      const r = await ci('--config', c);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
  it('a missing config file', async () => {
    const r = await ci('--config', join(dir, 'absent.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/absent\.json: no such config file/);
  });
});

describe('ddicheck ci: reports', () => {
  it('JUnit XML parses back: one testcase per check, the failure carries the counterexample', async () => {
    const c = config('junit.json', { checks: [{ model: fx('counter.ts') }, { model: fx('racy.ts'), expect: 'holds' }, { model: fx('big.ts'), budget: { maxStates: 100 } }] });
    const file = join(dir, 'out', 'junit.xml');
    const r = await ci('--config', c, '--junit', file);
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(file, 'utf8'));
    const suite = doc.testsuites.testsuite;
    expect(suite.tests).toBe('3');
    expect(suite.failures).toBe('2');
    const cases = suite.testcase as Record<string, any>[];
    expect(cases.map((c) => [c.classname.replace(/.*\//, ''), c.name])).toEqual([['counter.ts', 'default'], ['racy.ts', 'default'], ['big.ts', 'default']]);
    expect(cases[0].failure).toBeUndefined();
    expect(cases[1].failure.type).toBe('data-race');
    expect(cases[1].failure.message).toContain('expected holds, got violated data-race');
    expect(cases[1].failure['#text']).toContain('Counterexample:');
    expect(cases[1].failure['#text']).toMatch(/now both bump0 bump\/add and bump1 bump\/add can run/);
    expect(cases[2].failure.type).toBe('inconclusive');
  });

  it('SARIF validates against the SARIF 2.1.0 schema: one result per violation, ruleId = property, file and line', async () => {
    const c = config('sarif.json', { checks: [{ model: fx('counter.ts') }, { model: fx('racy.ts'), expect: 'holds' }, { model: fx('deadlock.ts'), expect: 'holds' }] });
    const file = join(dir, 'out', 'ddicheck.sarif');
    await ci('--config', c, '--sarif', file);
    const log = JSON.parse(readFileSync(file, 'utf8'));
    const schema = JSON.parse(readFileSync(resolve(__dirname, '../schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
    const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({ strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0].results;
    expect(results.map((x: any) => x.ruleId).sort()).toEqual(['data-race', 'deadlock']);
    const race = results.find((x: any) => x.ruleId === 'data-race');
    expect(race.locations[0].physicalLocation.artifactLocation.uri).toMatch(/test\/ci\/fixtures\/racy\.ts$|counter\.ts$/);
    expect(race.level).toBe('error');
    const dl = results.find((x: any) => x.ruleId === 'deadlock');
    expect(dl.codeFlows[0].threadFlows[0].locations.length).toBeGreaterThan(0);
    const line = dl.codeFlows[0].threadFlows[0].locations[0].location.physicalLocation.region.startLine;
    expect(readFileSync(fx('deadlock.ts'), 'utf8').split('\n')[line - 1]).toContain('first:');
    expect(log.runs[0].tool.driver.rules.map((x: any) => x.id)).toEqual(['data-race', 'deadlock']);
  });

  it('--json writes every check with its status', async () => {
    const c = config('json.json', { checks: [{ model: fx('counter.ts') }, { model: fx('racy.ts'), expect: 'holds' }] });
    const file = join(dir, 'out', 'ci.json');
    await ci('--config', c, '--json', file);
    const j = JSON.parse(readFileSync(file, 'utf8'));
    expect(j.checks.map((x: any) => x.status)).toEqual(['pass', 'fail']);
    expect(j.checks[1].result.property).toBe('data-race');
    expect(j.checks[1].signature).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('ddicheck ci: baselines', () => {
  it('known violations pass, a new one turns the build red, a fixed one is reported', async () => {
    const base = join(dir, 'baseline.json');
    const known = config('known.json', { checks: [{ model: fx('racy.ts') }, { model: fx('counter.ts') }] });
    // Adopt: the racy model is a known issue.
    const u = await ci('--config', known, '--baseline', base, '--update-baseline');
    expect(u.code).toBe(0);
    expect(u.out).toContain('wrote 1 known violation');
    const b = JSON.parse(readFileSync(base, 'utf8'));
    expect(b.known).toHaveLength(1);
    expect(b.known[0]).toMatchObject({ property: 'data-race' });
    expect(b.known[0].check).toMatch(/racy\.ts#default$/);
    // Green with the baseline.
    const g = await ci('--config', known, '--baseline', base);
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/known\s+.*racy\.ts#default.*a known issue in the baseline/);
    // A new bug elsewhere turns it red.
    const newBug = config('newbug.json', { checks: [{ model: fx('racy.ts') }, { model: fx('deadlock.ts') }] });
    const red = await ci('--config', newBug, '--baseline', base);
    expect(red.code).toBe(1);
    expect(red.out).toMatch(/FAIL\s+.*deadlock\.ts#default.*expected holds, got violated deadlock/);
    // The known bug fixed: reported so the baseline can shrink.
    // (An entry for the locked counter with the racy one's signature: that check runs, and nothing matches it.)
    const fixedBase = config('fixed-base.json', { format: 'ddicheck-baseline', version: 2, known: [{ ...b.known[0], check: b.known[0].check.replace('racy.ts', 'counter.ts'), model: 'counter-locked' }] });
    const f = await ci('--config', config('locked-only.json', { checks: [{ model: fx('counter.ts') }] }), '--baseline', fixedBase);
    expect(f.out).toMatch(/fixed: .*counter\.ts#default no longer violates data-race/);
  });

  it('a malformed baseline is bad input', async () => {
    const c = config('b2.json', { checks: [{ model: fx('counter.ts') }] });
    const r = await ci('--config', c, '--baseline', config('notbase.json', { known: 3 }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/notbase\.json: is not a ddicheck baseline/);
  });
});

describe('ddicheck ci: the real command', () => {
  it('on the bundled library is green', async () => {
    const r = await new Promise<{ code: number | null; out: string }>((res) => {
      const p = spawn(process.execPath, ['bin/ddicheck.js', 'ci'], { cwd: resolve(__dirname, '../..') });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.stderr.on('data', (d) => { out += d; });
      p.on('close', (code) => res({ code, out }));
    });
    expect(r.out).toMatch(/0 unexpected, 0 inconclusive, 0 not run/);
    expect(r.code).toBe(0);
  });
});

describe('ddicheck ci: a model that does not type-check', () => {
  it('is an error check naming the file and line; the others still run and the reports are written; exit 2', async () => {
    const c = config('type-error.json', { checks: [{ model: resolve(__dirname, '../fixtures/bad-input/type-error.ts') }, { model: fx('counter.ts') }] });
    const junit = join(dir, 'out', 'type-error.xml');
    const r = await ciTyped('--config', c, '--junit', junit);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ERROR\s+\S*type-error\.ts#/);
    expect(r.out).toMatch(/pass\s+\S*counter\.ts#default/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="2" failures="0" errors="1"');
    expect(xml).toMatch(/<error message="[^"]*type-error\.ts:\d+:\d+: does not type-check/);
  });
});

describe('ddicheck ci: a model that throws while loading', () => {
  it('is an error check; the others still run and the reports are written; exit 2', async () => {
    const c = config('load-throws.json', { checks: [{ model: resolve(__dirname, '../fixtures/bad-input/load-throws.ts') }, { model: fx('counter.ts') }] });
    const junit = join(dir, 'out', 'load-throws.xml');
    const r = await ci('--config', c, '--junit', junit);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ERROR\s+\S*load-throws\.ts#\(load\)\s.*does not load/);
    expect(r.out).toMatch(/pass\s+\S*counter\.ts#default/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="2" failures="0" errors="1"');
    expect(xml).toMatch(/<error message="[^"]*does not load/);
  });
});
