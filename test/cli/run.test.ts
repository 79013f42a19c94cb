/**
 * `run(argv, io)` in process, with the output captured: the same command line as
 * the bin without a process per case, so usage checks and formatting details
 * are cheap to test. (The spawned tests prove the bin and exit codes end to end.)
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { fixture, root, STACK_FRAME } from './spawn.js';
import { join } from 'node:path';

interface Captured { readonly io: IO; readonly out: () => string; readonly err: () => string }

function capture(columns = 100): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s) => { out.push(s); }, err: (s) => { err.push(s); }, errIsTTY: false, columns },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}

const locked = fixture('holds/locked-counter.ts');
const lostUpdate = fixture('violated/lost-update.ts');
const reentrant = fixture('violated/reentrant-ddi.ts');

describe('run() with captured IO', () => {
  it('check --json: exit 0 and the summary on out, nothing on err', async () => {
    const c = capture();
    expect(await run(['check', locked, '--json'], c.io)).toBe(0);
    expect(c.err()).toBe('');
    const j = JSON.parse(c.out()) as { results: { verdict: string; stats: { distinctStates: number } }[] };
    expect(j.results.map((r) => [r.verdict, r.stats.distinctStates])).toEqual([['holds', 12]]);
  });

  it('check --memory-mb: a search that would outgrow it ends inconclusive with its report (exit 3)', async () => {
    const c = capture();
    const dispatcher = join(root, 'models', 'dispatcher.ts');
    expect(await run(['check', dispatcher, '--scenario', 'contention', '--memory-mb', '6', '--no-symmetry', '--no-typecheck'], c.io)).toBe(3);
    expect(c.out()).toContain('INCONCLUSIVE for 1 process x 3 threads, 1 interrupts thread: memory budget of 6 MB would run out: the visited set would grow by 1.7 MB');
    expect(c.out()).toContain('raise the memory budget (--memory-mb; memoryMB in a CI budget)');
    expect(c.out()).toContain('78,643 distinct states');
  });

  it('check a violation: exit 1 and the text report', async () => {
    const c = capture();
    expect(await run(['check', lostUpdate, '--no-typecheck'], c.io)).toBe(1);
    expect(c.out()).toContain('VIOLATED lostUpdate: both workers finished but count is 1, not 2');
    expect(c.out()).toContain('Counterexample:');
  });

  it('a narrow terminal clips step lines, never the violation', async () => {
    const c = capture(40);
    expect(await run(['check', reentrant, '--no-typecheck'], c.io)).toBe(1);
    const lines = c.out().split('\n');
    const steps = lines.slice(lines.findIndex((l) => l.includes('Counterexample:')) + 1);
    expect(steps.some((l) => l.endsWith('…'))).toBe(true);
    for (const l of steps.filter((x) => !x.includes('!!'))) expect(l.length).toBeLessThanOrEqual(40);
    expect(c.out()).toContain('!! no-reentrancy: P1T0 enters DxgkDdiCreateAllocation while another call is inside');
  });

  it('bad input: exit 2, one message on err, nothing on out', async () => {
    const c = capture();
    expect(await run(['check', fixture('bad-input/unknown-label.ts')], c.io)).toBe(2);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/^ddicheck: test\/fixtures\/bad-input\/unknown-label\.ts: .*unknown label "secnod"/);
    expect(c.err()).not.toContain(STACK_FRAME);
  });

  it('--help goes to out (not the console), with the exit codes', async () => {
    const c = capture();
    expect(await run(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('Exit codes:');
    expect(c.err()).toBe('');
  });

  it('catalog: exit 0 and the table on out', async () => {
    const c = capture();
    expect(await run(['catalog', '--level', '1', '--class', 'pointer'], c.io)).toBe(0);
    expect(c.out()).toContain('DxgkDdiSetPointerPosition');
    expect(c.out()).toContain('DxgkDdiSetPointerShape');
  });
});

describe('run(): usage mistakes exit 2 before anything runs', () => {
  const cases: [string[], string][] = [
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['check', locked, '--frob'], 'Unknown argument: frob'],
    [['check', locked, '--backend', 'bogus'], 'Choices: "fast", "immer"'],
    [['check', locked, '--max-states', '-1'], '--max-states: must be a positive integer, got -1'],
    [['check', locked, '--max-states', 'lots'], '--max-states: must be a positive integer, got NaN'],
    [['check', locked, '--max-states', '0'], '--max-states: must be a positive integer, got 0'],
    [['check', locked, '--max-depth', '2.5'], '--max-depth: must be a positive integer, got 2.5'],
    [['check', locked, '--time', '0'], '--time: must be a positive number, got 0'],
    [['catalog', '--family', 'nope'], '--family: unknown family "nope"'],
    [['catalog', '--bogus'], 'Unknown argument: bogus'],
  ];
  for (const [argv, message] of cases) {
    it(`ddicheck ${argv.join(' ')}`, async () => {
      const c = capture();
      expect(await run(argv, c.io)).toBe(2);
      // Nothing ran: a failed usage check must not fall through to the command.
      expect(c.out()).toBe('');
      expect(c.err()).toContain(message);
      expect(c.err()).not.toContain(STACK_FRAME);
    });
  }
});

describe('run(): --dfs, --exact and --backend immer agree on every fixture', () => {
  interface Res { verdict: string; property: string | null; stats: { distinctStates: number; transitions: number; maxDepth: number; collisions: number; collisionProbability: number }; counterexample?: { choices: number[] } }
  const check = async (argv: string[]): Promise<{ code: number; res: Res }> => {
    const c = capture();
    const code = await run(['check', ...argv, '--json', '--no-typecheck'], c.io);
    expect(c.err()).toBe('');
    return { code, res: (JSON.parse(c.out()) as { results: Res[] }).results[0] };
  };
  const cases: [string, ...string[]][] = [
    [locked], [fixture('holds/pointer-serialised.ts')], [lostUpdate], [fixture('violated/racy-counter.ts')], [reentrant],
    [fixture('inconclusive/small-budget.ts'), '--max-states', '100'],
  ];
  for (const [file, ...extra] of cases) {
    it(`${[file, ...extra].join(' ')}`, async () => {
      const base = await check([file, ...extra]);
      const dfs = await check([file, ...extra, '--dfs']);
      const exact = await check([file, ...extra, '--exact']);
      const immer = await check([file, ...extra, '--backend', 'immer']);
      for (const x of [dfs, exact, immer]) {
        expect(x.code).toBe(base.code);
        expect([x.res.verdict, x.res.property]).toEqual([base.res.verdict, base.res.property]);
      }
      const b = base.res.stats;
      // Breadth-first runs visit the same states in the same order, whatever the store or backend.
      for (const x of [exact, immer]) {
        expect(x.res.stats).toMatchObject({ distinctStates: b.distinctStates, transitions: b.transitions, maxDepth: b.maxDepth });
        expect(x.res.counterexample?.choices).toEqual(base.res.counterexample?.choices);
      }
      // A finished search visits every reachable state, in any order.
      if (base.res.verdict === 'holds') expect(dfs.res.stats).toMatchObject({ distinctStates: b.distinctStates, transitions: b.transitions });
      expect(exact.res.stats).toMatchObject({ collisions: 0, collisionProbability: 0 });
    });
  }
});

describe('run(): a long search on a terminal', () => {
  it('shows progress on one rewritten status line, and Ctrl-C stops it with a partial report (exit 3)', async () => {
    const statuses: string[] = [];
    const c = capture();
    // Ctrl-C once the first progress line is shown: call the SIGINT listeners the command
    // installs (never signal the test process itself).
    const before = new Set(process.listeners('SIGINT'));
    const ctrlC = (): void => { for (const l of process.listeners('SIGINT')) if (!before.has(l)) (l as () => void)(); };
    const io: IO = { ...c.io, errIsTTY: true, status: (line) => { statuses.push(line); if (statuses.length === 1) ctrlC(); } };
    const code = await run(['check', 'models/dispatcher.ts', '--scenario', 'contention', '--time', '30', '--no-symmetry', '--no-typecheck'], io);
    expect(code).toBe(3);
    expect(c.out()).toMatch(/INCONCLUSIVE for .*: interrupted; no violation in the [\d,]+ states explored/);
    expect(c.out()).not.toContain('HOLDS');
    expect(c.err()).toContain('interrupted: the report above covers what finished; the rest was not checked');
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses[0]).toMatch(/^ {2}models\/dispatcher\.ts: [\d,]+ states, [\d,]+ states\/s, depth \d+, queue [\d,]+$/);
    // Cleared before the report is printed.
    expect(statuses.at(-1)).toBe('');
    expect(process.listeners('SIGINT').filter((l) => !before.has(l))).toHaveLength(0);
  });
});
