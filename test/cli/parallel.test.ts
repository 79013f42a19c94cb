/**
 * `check --workers N` end to end: the search runs on worker threads inside the
 * check thread, the report names them, a runaway step in a worker is still
 * named by the watchdog, and a bad count is bad input.
 */
import { describe, expect, it } from 'vitest';
import { ddicheck, fixture } from './spawn.js';

describe('check --workers', () => {
  // 57,833 transitions: what `check models/dispatcher.ts --max-states 20000` reports on one thread.
  it('--workers 2 --json: the same counts as one thread, and the workers named', async () => {
    const r = await ddicheck('check', 'models/dispatcher.ts', '--workers', '2', '--no-symmetry', '--json', '--max-states', '20000');
    expect(r.code).toBe(3);
    const [res] = JSON.parse(r.stdout).results;
    expect({ verdict: res.verdict, reason: res.reason, workers: res.workers, states: res.stats.distinctStates, transitions: res.stats.transitions })
      .toEqual({ verdict: 'inconclusive', reason: 'state budget of 20000 distinct states ran out', workers: 2, states: 20000, transitions: 57_833 });
  });

  it('the text report says how many worker threads searched', async () => {
    const r = await ddicheck('check', 'examples/vsync-counter.ts', '--workers', '2', '--no-symmetry');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/56 distinct states, 107 transitions, max depth 6, [\d.]+ s, [\d,]+ states\/s, 2 worker threads, /);
  });

  it('a step that never returns in a worker: bad input naming the step, exit 2', async () => {
    const spin = fixture('runaway/spin.ts');
    const r = await ddicheck('check', spin, '--workers', '2', '--time', '3', '--step-timeout', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ddicheck: ${spin}: model spin: step worker/spin (context worker0): did not return within 1 s (--step-timeout)\n`);
  });

  it('--workers 0: bad input, exit 2', async () => {
    const r = await ddicheck('check', 'examples/vsync-counter.ts', '--workers', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers');
    expect(r.stderr).toContain('must be a positive integer, got 0');
  });
});
