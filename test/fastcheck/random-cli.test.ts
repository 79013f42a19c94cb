/**
 * `ddicheck random`: in process through `run(argv, io)` for the output, and once
 * through the real bin for exit codes and a trace file that `ddicheck replay`
 * confirms and `ddicheck show` draws.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import type { JsonRandomResult } from '../../src/fastcheck/report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'ddicheck-random-'));
const lostUpdate = 'test/fixtures/violated/lost-update.ts';
const locked = 'test/fixtures/holds/locked-counter.ts';
const presentQueue = 'models/present-queue.ts';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, errIsTTY: false, columns: 120 };
  const code = await run(['random', ...argv, '--no-typecheck'], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function bin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [join(root, 'bin', 'ddicheck.js'), ...args], { cwd: root }, (e, stdout, stderr) => {
      if (e && typeof e.code !== 'number') { fail(e); return; }
      done({ code: e ? (e.code as number) : 0, stdout, stderr });
    });
  });
}

describe('ddicheck random', () => {
  it('no violation: exit 0, the runs, the states, the coverage table, and that it proves nothing', async () => {
    const r = await cli(presentQueue, '--runs', '200', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('models/present-queue.ts  scenario default  random schedules: PCT depth 3, up to 292 steps per run, seed 1');
    expect(r.out).toContain('NO VIOLATION in 200 runs within 2 processes x 1 thread, each of 2 threads calls DxgkDdiPresent x2, 1 submit4 thread, 4 interrupts (narrowed by the model\'s isr.when): random testing proves nothing beyond these runs');
    expect(r.out).toMatch(/\d[\d,]* distinct states visited, [\d,]+ steps \(longest run \d+\)/);
    expect(r.out).toContain('Overlap coverage: pairs active at once on two contexts (calls in the driver, driver threads, ISR, DPCs)');
    expect(r.out).toMatch(/\n +[1-9][\d,]* +DxgkDdiPresent \+ DxgkDdiPresent\n/);
    expect(r.out).toMatch(/\n +[1-9][\d,]* +DxgkDdiPresent \+ ISR\n/);
  });

  it('a violation: exit 1, the run that found it, the shrunk counterexample, how to replay it', async () => {
    const r = await cli(lostUpdate, '--seed', '1', '--strategy', 'random');
    expect(r.code).toBe(1);
    expect(r.out).toContain('VIOLATED lostUpdate: both workers finished but count is 1, not 2');
    expect(r.out).toMatch(/found in run \d+ of 1,000 within 2 worker threads; shrunk \d+ times? to 4 steps/);
    expect(r.out).toContain('Counterexample random[');
    expect(r.out).toContain('-- in this state: both workers finished but count is 1, not 2');
    expect(r.out).toMatch(/Replay this run: --seed 1 \(fast-check: \{ seed: 1, path: "[\d:]+" \}\)/);
  });

  it('--json: the summary, the coverage rows and the counterexample as data', async () => {
    const r = await cli(locked, '--json', '--runs', '50', '--seed', '2', '--strategy', 'random', '--steps', '100');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as JsonRandomResult;
    expect(j).toMatchObject({ model: 'locked-counter', scenario: 'default', mode: 'random', strategy: 'random', seed: 2, maxSteps: 100, verdict: 'no-violation', runs: 50, runsRequested: 50, property: null });
    expect(j.stats.distinctStates).toBe(12);
    expect(j.coverage).toEqual([{ a: 'worker thread', b: 'worker thread', states: expect.any(Number) as number }]);
    expect(j.coverage[0].states).toBeGreaterThan(0);
    const v = JSON.parse((await cli(lostUpdate, '--json', '--seed', '2')).out) as JsonRandomResult;
    expect(v).toMatchObject({ verdict: 'violated', property: 'lostUpdate', counterexample: { kind: 'state', length: 4, trace: null } });
    expect(v.counterexample!.choices).toHaveLength(4);
  });

  it('the coverage table reads against the contract: excluded pairs, and allowed pairs never reached', async () => {
    const r = await cli('models/render/render.ts', '--scenario', 'tdr', '--runs', '300', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n +0 {2}excluded \(exclusive-reset\) +DxgkDdiSubmitCommand \+ DxgkDdiResetFromTimeout\n/);
    expect(r.out).toMatch(/\n +0 {2}NOT REACHED +DxgkDdiSubmitCommand \+ DxgkDdiReleaseSwizzlingRange\n/);
    expect(r.out).toContain('NOT REACHED: 1 pair of calls the contract lets overlap never ran at once');
  });

  it('the same seed gives the same report', async () => {
    const a = JSON.parse((await cli(presentQueue, '--json', '--runs', '100', '--seed', '9', '--scenario', 'small')).out) as JsonRandomResult;
    const b = JSON.parse((await cli(presentQueue, '--json', '--runs', '100', '--seed', '9', '--scenario', 'small')).out) as JsonRandomResult;
    expect({ ...b, stats: { ...b.stats, seconds: 0 } }).toEqual({ ...a, stats: { ...a.stats, seconds: 0 } });
  });

  it('--no-shrink reports the schedule as found', async () => {
    const r = JSON.parse((await cli(lostUpdate, '--json', '--seed', '1', '--no-shrink')).out) as JsonRandomResult;
    expect(r.counterexample!.shrinks).toBe(0);
  });

  it('bad input: exit 2 and one message', async () => {
    for (const [args, msg] of [
      [['--runs', '0'], '--runs: must be a positive integer, got 0'],
      [['--depth', '-1'], '--depth: must be a positive integer, got -1'],
      [['--steps', '1.5'], '--steps: must be a positive integer, got 1.5'],
      [['--scenario', 'nope'], 'has no scenario "nope"'],
      [['--strategy', 'dfs'], 'Argument: strategy, Given: "dfs", Choices: "random", "pct"'],
    ] as const) {
      const r = await cli(lostUpdate, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(msg);
      expect(r.out).toBe('');
    }
  });

  it('through the bin: --trace writes a trace that replay confirms and show draws', async () => {
    const trace = join(tmp, 'lost.json');
    const r = await bin('random', lostUpdate, '--seed', '4', '--trace', trace);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Trace written to ${trace} (ddicheck show, ddicheck replay)`);
    const replayed = await bin('replay', trace);
    expect(replayed.stdout).toContain('reproduced: lostUpdate after step 4: both workers finished but count is 1, not 2');
    expect(replayed.code).toBe(1);
    const shown = await bin('show', trace);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('lostUpdate');
    expect((await bin('random', locked, '--runs', '20', '--seed', '1')).code).toBe(0);
  });
});
