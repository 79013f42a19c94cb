/**
 * ddicheck as a user gets it: `npm pack`, a fresh `npm init -y` project (a
 * CommonJS package.json) with the tarball installed from the registry's way of
 * shipping it, and `npx ddicheck` run there. One install for the whole file (it
 * fetches ddicheck's runtime dependencies, so it needs the registry: without it
 * this file fails, it does not skip). No check here has a wall-clock limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as api from '../../src/index.js';
import { root, fixtures, STACK_FRAME, type Run } from './spawn.js';

function sh(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let project = '';
let packed: string[] = [];
const npx = (cwd: string, ...args: string[]): Promise<Run> => sh('npx', ['--no-install', 'ddicheck', ...args], cwd);

/** The lost-update fixture, importing 'ddicheck' by name as a user's model does. */
function userModel(): string {
  return readFileSync(join(fixtures, 'violated', 'lost-update.ts'), 'utf8').replace("'../../../src/index.js'", "'ddicheck'");
}

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ddicheck-pkg-'));
  const pack = await sh('npm', ['pack', '--json', '--pack-destination', tmp], root);
  expect(pack.code, pack.stderr).toBe(0);
  const info = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info[0].files.map((f) => f.path);
  project = join(tmp, 'project');
  mkdirSync(project);
  expect((await sh('npm', ['init', '-y'], project)).code).toBe(0);
  const install = await sh('npm', ['install', '--no-audit', '--no-fund', join(tmp, info[0].filename)], project);
  expect(install.code, `npm install of the packed tarball failed (the registry must be reachable):\n${install.stderr}`).toBe(0);
  const model = userModel();
  for (const name of ['model.ts', 'model.mts', 'model.js']) writeFileSync(join(project, name), name === 'model.js' ? model.replace(/\(s\)/g, '(s)') : model);
  for (const f of ['scenario-typo.ts', 'type-error.ts']) copyFileSync(join(fixtures, 'package', f), join(project, f));
  writeFileSync(join(project, 'spin.ts'), readFileSync(join(fixtures, 'runaway', 'spin.ts'), 'utf8').replace("'../../../src/index.js'", "'ddicheck'"));
  mkdirSync(join(project, 'models'));
  writeFileSync(join(project, 'models', 'lost.ts'), model);
  mkdirSync(join(project, 'configured'));
  writeFileSync(join(project, 'configured', 'ddicheck.config.json'), '{ "models": ["../model.mts"] }\n');
  // An ES module package beside it, using the same install.
  mkdirSync(join(project, 'esm'));
  writeFileSync(join(project, 'esm', 'package.json'), '{ "name": "esm-user", "type": "module" }\n');
  writeFileSync(join(project, 'esm', 'model.ts'), model);
}, 600_000);

describe('the packed tarball', () => {
  it('ships the sources, the bin and the models, and no tests or benchmarks', () => {
    expect(packed).toContain('bin/ddicheck.js');
    expect(packed).toContain('lib/index.js');
    expect(packed).toContain('src/index.ts');
    expect(packed.filter((p) => p.startsWith('test/') || p.startsWith('bench/') || p.endsWith('.test.ts'))).toEqual([]);
  });
});

describe('in a fresh npm init -y project (CommonJS package.json)', () => {
  for (const file of ['model.ts', 'model.mts', 'model.js', 'esm/model.ts']) {
    it(`checks ${file}: VIOLATED lostUpdate with the fixture's hand-derived counts`, async () => {
      const r = await npx(project, 'check', file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('VIOLATED lostUpdate: both workers finished but count is 1, not 2');
      expect(r.stdout).toContain('12 distinct states, 12 transitions, max depth 4');
    });
  }

  it('a scenario typo is bad input naming the key and the nearest known one', async () => {
    const r = await npx(project, 'check', 'scenario-typo.ts');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario-typo.ts: scenario default: has unknown key "worker" (did you mean "workers"?)');
    expect(r.stderr).not.toContain(STACK_FRAME);
  });

  it('a type error is found with no @types/node in the project', async () => {
    const r = await npx(project, 'check', 'type-error.ts');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ddicheck: type-error\.ts:9:\d+: does not type-check: Type 'string' is not assignable to type 'number'\./);
  });

  it('a step that never returns is stopped by the watchdog: exit 2 naming the step', async () => {
    // The fixture uses node:fs, and the project has no @types/node: skip the type check.
    const r = await npx(project, 'check', 'spin.ts', '--step-timeout', '1', '--no-typecheck');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spin.ts: model spin: step worker/spin (context worker0): did not return within 1 s (--step-timeout)');
  });

  it('plain Node imports the package with every value export of src/index.ts', async () => {
    const r = await sh(process.execPath, ['-e', "import('ddicheck').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))"], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(Object.keys(api).sort());
  });
});

describe('with no model on the command line: the project\'s own models, never ddicheck\'s library', () => {
  it('check uses ./models/ and says so', async () => {
    const r = await npx(project, 'check');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('checking 1 model file: the models under models/');
    expect(r.stdout).toContain('models/lost.ts  scenario default');
    expect(r.stdout).toContain('VIOLATED lostUpdate');
    expect(r.stdout).not.toContain('dispatcher');
  });

  it('check uses the models ddicheck.config.json lists', async () => {
    const r = await npx(join(project, 'configured'), 'check');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('checking 1 model file: the models ddicheck.config.json lists');
    expect(r.stdout).toContain('VIOLATED lostUpdate');
  });

  it('ci gates the project\'s models (no manifest entry: expected to hold)', async () => {
    const r = await npx(project, 'ci');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ddicheck ci: 1 check from the manifest of the models under models/');
    expect(r.stdout).toMatch(/FAIL\s+models\/lost\.ts#default\s.*expected holds, got violated lostUpdate/);
  });

  it('a project with neither: bad input saying what to do', async () => {
    const r = await npx(join(project, 'esm'), 'check');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no ddicheck.config.json and no model files under models/');
    expect(r.stderr).toContain('give model files on the command line');
  });
});
