/**
 * Every command the README prints, run exactly as printed (through `sh -c`, with
 * npx), in order, in a copy of the project so the files they write (out/, the
 * baseline) stay out of the checkout. Each has the exit code it must give; a
 * command added to the README without an entry here fails, so none goes untried.
 * The config file the CI section shows is written from the README's own JSON
 * block. No command has a time limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './spawn.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/**
 * The README's shell commands, in order: each line of a ```sh block, and each
 * `$ ` line of a block that shows a command with its output; trailing comments dropped.
 */
const commands = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)]
  .flatMap((m) => m[2].split('\n').filter((l) => m[1] === 'sh' || l.startsWith('$ ')).map((l) => l.replace(/^\$ /, '')))
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => l !== '');

/** Not run here, and why. */
const NOT_RUN: Record<string, string> = {
  'npm ci && npx ddicheck ci': 'reinstalls node_modules; .ci/run does exactly this, and `npx ddicheck ci` is run below',
  'npm test': 'it is the command that runs this test',
  'npm run bench': 'a benchmark: speed is measured by it, never by a test',
  'npm run bench:random': 'a benchmark: speed is measured by it, never by a test',
  'npm run bench -- --reductions-only': 'a benchmark: speed is measured by it, never by a test',
};

/** The exit code each command must give (and, for some, what its output must say). */
const EXPECT: Record<string, { code: number; says?: string }> = {
  'npx ddicheck check': { code: 1, says: 'checking' },
  'npx ddicheck check models/render/render.ts --scenario tdr': { code: 0, says: 'HOLDS for' },
  'npx ddicheck check models/kmdod/kmdod.ts --all-scenarios --max-states 1000000': { code: 0, says: 'HOLDS for' },
  'npx ddicheck check examples/vsync-counter.ts --json': { code: 1, says: '"verdict": "violated"' },
  'npx ddicheck check examples/vsync-counter.ts --trace out/vsync-trace.json': { code: 1, says: 'trace written to out/vsync-trace.json' },
  'npx ddicheck check models/render/render-submit-waits-for-ring.ts --scenario tdr --trace out/trace.json': { code: 1, says: 'VIOLATED deadlock' },
  'npx ddicheck show out/trace.json': { code: 0 },
  'npx ddicheck show out/trace.json --html out/trace.html': { code: 0, says: 'wrote out/trace.html' },
  'npx ddicheck show out/trace.json --mermaid': { code: 0, says: 'sequenceDiagram' },
  'npx ddicheck replay out/trace.json': { code: 1, says: 'reproduced: deadlock' },
  'npx ddicheck replay out/trace.json --minimize --out out/small.json': { code: 1, says: 'wrote out/small.json' },
  'npx ddicheck check examples/vsync-counter.ts': { code: 1, says: 'VIOLATED data-race: P0T0 (DxgkDdiPresent/add) writes g.inFlight while DPC_retire (retire/retire) reads it' },
  'npx ddicheck check examples/vsync-counter-fixed.ts': { code: 0, says: 'HOLDS for 2 processes x 1 thread, 1 call per thread, 1 interrupt: all 77 reachable states checked' },
  'npx ddicheck random models/kmdod/kmdod-dpc-after-power-down.ts --scenario power --runs 2000 --seed 7 --strategy pct': { code: 1 },
  'npx ddicheck catalog': { code: 0 },
  'npx ddicheck catalog --level 1 --class pointer': { code: 0 },
  'npx ddicheck catalog --family display-driver --json': { code: 0 },
  'npx ddicheck catalog --lint': { code: 0 },
  'npx ddicheck ci': { code: 0, says: '0 unexpected, 0 inconclusive, 0 not run, 0 errors' },
  'npx ddicheck ci --config ddicheck.ci.json --junit out/junit.xml --sarif out/ddicheck.sarif --json out/ci.json': { code: 0, says: '2 as expected' },
  'npx ddicheck ci --config ddicheck.ci.json --baseline ddicheck.baseline.json --update-baseline': { code: 0, says: 'wrote 0 known violations to ddicheck.baseline.json' },
  'npx ddicheck ci --config ddicheck.ci.json --baseline ddicheck.baseline.json': { code: 0, says: '2 as expected' },
  'npx ddicheck ci --config ddicheck.ci.json --shard 1/2 --json out/shards/ci-1.json --junit out/shards/junit-1.xml --sarif out/shards/ci-1.sarif': { code: 0, says: '1 as expected' },
  'npx ddicheck ci --config ddicheck.ci.json --shard 2/2 --json out/shards/ci-2.json --junit out/shards/junit-2.xml --sarif out/shards/ci-2.sarif': { code: 0, says: '1 as expected' },
  'npx ddicheck merge out/shards --json out/ci.json --junit out/junit.xml --sarif out/ddicheck.sarif': { code: 0, says: '2 as expected' },
  'npx ddicheck ci --config ddicheck.ci.json --cache out/verdicts': { code: 0, says: 'verdict cache out/verdicts:' },
};

let copy = '';
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'ddicheck-readme-'));
  for (const f of ['bin', 'lib', 'src', 'models', 'examples', 'docs', 'package.json', 'tsconfig.json', 'README.md']) cpSync(join(root, f), join(copy, f), { recursive: true });
  if (existsSync(join(root, 'properties'))) cpSync(join(root, 'properties'), join(copy, 'properties'), { recursive: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'));
  const config = /A config lists checks[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
  expect(config, 'the README shows a ddicheck.ci.json').not.toBeNull();
  writeFileSync(join(copy, 'ddicheck.ci.json'), config![1]);
});

function sh(command: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile('sh', ['-c', command], { cwd: copy, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describe('the README', () => {
  it('prints commands, each either run below or not run for a stated reason', () => {
    expect(commands.length).toBeGreaterThan(15);
    for (const c of commands) expect(EXPECT[c] !== undefined || NOT_RUN[c] !== undefined, `README command with no expected exit code in this test: ${c}`).toBe(true);
    for (const c of [...Object.keys(EXPECT), ...Object.keys(NOT_RUN)]) expect(commands, `no longer in the README: ${c}`).toContain(c);
  });
});

describe('every README command, in order, exactly as printed', () => {
  for (const c of commands.filter((x) => NOT_RUN[x] === undefined)) {
    it(c, async () => {
      const e = EXPECT[c];
      expect(e, `no expected exit code for ${c}`).toBeDefined();
      const r = await sh(c);
      expect(r.code, r.out).toBe(e.code);
      if (e.says) expect(r.out).toContain(e.says);
      expect(r.out).not.toContain('internal error');
    });
  }
});
