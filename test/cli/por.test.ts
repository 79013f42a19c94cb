/**
 * `check --por` and `check --lipton` on the real command line: the reduction's
 * note in the text report and in `--json`, on every verdict, and no claim that a
 * reduced counterexample is a shortest one.
 */
import { describe, it } from 'vitest';
import { ddicheck, fixture } from './spawn.js';

const json = (s: string): { results: { verdict: string; property: string | null; notes?: string[] }[] } => JSON.parse(s);
const SKIPPED = 'stuck-context check skipped (not preserved by the reduction)';

describe.concurrent('check --por and --lipton', () => {
  it('--por on the stuck-context fixture: holds, and the note says the stuck-context check was skipped (text and JSON)', async ({ expect }) => {
    const [text, js] = await Promise.all([ddicheck('check', fixture('violated/stuck-behind-timer.ts'), '--por'), ddicheck('check', fixture('violated/stuck-behind-timer.ts'), '--por', '--json')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\n {2}note: partial-order reduction: ample sets on \d+ of \d+ expansions; stuck-context check skipped \(not preserved by the reduction\)\n/);
    const r = json(js.stdout).results[0];
    expect(r.verdict).toBe('holds');
    expect(r.notes).toEqual([expect.stringContaining(SKIPPED)]);
  });

  it('--por on a violation: the note is there too, and the counterexample is not called a shortest one', async ({ expect }) => {
    const r = await ddicheck('check', 'examples/vsync-counter.ts', '--por');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('VIOLATED data-race');
    expect(r.stdout).toContain('counterexample of 5 steps\n');
    expect(r.stdout).not.toContain('a shortest one');
    // With symmetry on (the default) both reductions say what they did.
    expect(r.stdout).toContain(`note: partial-order reduction: ample sets on 0 of 27 expansions; ${SKIPPED}\n  note: symmetry: 2 processes interchangeable, |G| = 2; 36 states stored as orbit representatives\n`);
  });

  it('--lipton: transactions inside the spin lock, counted in the note', async ({ expect }) => {
    const r = await ddicheck('check', 'examples/vsync-counter-fixed.ts', '--lipton', '--json');
    expect(r.code).toBe(0);
    const res = json(r.stdout).results[0];
    expect(res.verdict).toBe('holds');
    expect(res.notes).toEqual([
      `partial-order reduction: ample sets on 16 of 77 expansions, 16 of them inside a kernel lock's critical section (transactions); ${SKIPPED}`,
      'symmetry: 2 processes interchangeable, |G| = 2; 77 states stored as orbit representatives',
    ]);
  });
});
