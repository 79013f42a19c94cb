/**
 * The watchdog, end to end: a model whose step never returns (test/fixtures/
 * runaway/spin.ts) under `check` and `ci`. Every run here is bounded by the step
 * limit it passes, not by a wall-clock timeout; the signal tests wait for the
 * fixture's mark (the step has begun spinning) before they signal.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ddicheck, fixture, root, STACK_FRAME } from './spawn.js';

const spin = fixture('runaway/spin.ts');
const STEP = 'model spin: step worker/spin (context worker0)';

interface Signalled { code: number | null; stdout: string; stderr: string }

/** Runs ddicheck, sends `signal` once the spin step has started, and waits for it to exit. */
function signalWhenSpinning(signal: NodeJS.Signals, ...args: string[]): Promise<Signalled> {
  const dir = mkdtempSync(join(tmpdir(), 'ddicheck-spin-'));
  const mark = join(dir, 'spinning');
  return new Promise((done) => {
    const p = spawn(process.execPath, [join(root, 'bin', 'ddicheck.js'), ...args], { cwd: root, env: { ...process.env, DDICHECK_SPIN_MARK: mark } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const poll = setInterval(() => { if (existsSync(mark)) { clearInterval(poll); p.kill(signal); } }, 50);
    p.on('close', (code) => { clearInterval(poll); done({ code, stdout, stderr }); });
  });
}

describe('check: a step that never returns', () => {
  it('--time 3 --step-timeout 1: bad input naming the step, exit 2', async () => {
    const r = await ddicheck('check', spin, '--time', '3', '--step-timeout', '1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ddicheck: ${spin}: ${STEP}: did not return within 1 s (--step-timeout)\n`
      + '  a step must return: no unbounded loop or busy wait inside one (wait with a guard or k.await(...)); if it is only slow, raise --step-timeout\n');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while it spins: the partial report, inconclusive, exit 3`, async () => {
      const r = await signalWhenSpinning(signal, 'check', spin, '--step-timeout', '600');
      expect(r.code).toBe(3);
      expect(r.stdout).toContain(`${spin}  scenario default`);
      expect(r.stdout).toMatch(/ {2}INCONCLUSIVE for 1 worker thread: interrupted while step worker\/spin \(context worker0\) had been running for [\d.]+ s; no violation in the \d+ states explored, the rest unchecked/);
      expect(r.stdout).toMatch(/\d+ distinct states, \d+ transitions, max depth \d+/);
      expect(r.stderr).toContain('interrupted: the report above covers what finished');
      expect(r.stderr).not.toContain(STACK_FRAME);
    });
  }
});

describe('ci: a step that never returns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ddicheck-ci-spin-'));
  const cfg = join(dir, 'ci.json');
  writeFileSync(cfg, JSON.stringify({ checks: [{ model: join(root, 'test/ci/fixtures/counter.ts') }, { model: join(root, spin) }, { model: join(root, 'test/ci/fixtures/racy.ts'), expect: 'violated' }] }));

  it('--step-timeout 1: that check is an error naming the step, the others run, the reports are written, exit 2', async () => {
    const junit = join(dir, 'timeout.xml');
    const r = await ddicheck('ci', '--no-typecheck', '--config', cfg, '--junit', junit, '--step-timeout', '1');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/ERROR\s+test\/fixtures\/runaway\/spin\.ts#default\s.*model spin: step worker\/spin \(context worker0\): did not return within 1 s/);
    expect(r.stdout).toMatch(/pass\s+test\/ci\/fixtures\/racy\.ts#default/);
    expect(r.stdout).toContain('2 as expected, 0 known (baseline), 0 unexpected, 0 inconclusive, 0 not run, 1 error, in');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('errors="1"');
    expect(xml).toMatch(/<error message="[^"]*did not return within 1 s/);
  });

  it('SIGTERM while it spins: the reports cover what finished, the spinning check is inconclusive, the rest not run, exit 3', async () => {
    const junit = join(dir, 'sig.xml');
    const r = await signalWhenSpinning('SIGTERM', 'ci', '--no-typecheck', '--config', cfg, '--junit', junit, '--step-timeout', '600');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/pass\s+test\/ci\/fixtures\/counter\.ts#default/);
    expect(r.stdout).toMatch(/INCONCL\s+test\/fixtures\/runaway\/spin\.ts#default\s.*interrupted while step worker\/spin/);
    expect(r.stdout).toMatch(/not run\s+test\/ci\/fixtures\/racy\.ts#default\s.*interrupted/);
    expect(readFileSync(junit, 'utf8')).toContain('name="default"');
  });
});
