/**
 * `ddicheck check` end to end: the real bin against the bundled models and the
 * fixture folders named by expected outcome (holds/, violated/, inconclusive/),
 * asserting exit codes, the text report and the JSON summary. State counts of
 * the fixtures are derived by hand in each fixture's header comment.
 */
import { describe, it } from 'vitest';
import { relative } from 'node:path';
import { properties } from '../../properties/index.js';
import { bundledModelFiles } from '../../src/load/model-files.js';
import { ddicheck, fixture, fixturesIn, json, root } from './spawn.js';

const STATS = /[\d,]+ distinct states, [\d,]+ transitions, max depth \d+, [\d.]+ s, [\d,]+ states\/s/;
const lostUpdate = fixture('violated/lost-update.ts');
const racy = fixture('violated/racy-counter.ts');
const reentrant = fixture('violated/reentrant-ddi.ts');
const locked = fixture('holds/locked-counter.ts');
const smallBudget = fixture('inconclusive/small-budget.ts');
const stuck = fixture('violated/stuck-behind-timer.ts');
const dispatcher = 'models/dispatcher.ts';

// The bundled library, a folder per spawn (one spawn of all of it is the README's
// `npx ddicheck check`, run by test/cli/readme.test.ts): each model with its default
// scenario, every verdict as its manifest expects. No spawn here has a time limit.
const libraryGroups = ((): [string, string[]][] => {
  const groups = new Map<string, string[]>();
  for (const f of bundledModelFiles(root).map((x) => relative(root, x))) {
    const g = f.split('/').length > 2 ? f.split('/')[1] : '(top level)';
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  return [...groups];
})();

describe.concurrent('the bundled library, a folder at a time', () => {
  it('has models in several folders', ({ expect }) => { expect(libraryGroups.length).toBeGreaterThan(3); });
  for (const [group, models] of libraryGroups) {
    it(`${group}: each model with its bounds and statistics, every verdict as its manifest expects`, async ({ expect }) => {
      const r = await ddicheck('check', ...models);
      expect(r.stderr).toBe('');
      for (const m of models) expect(r.stdout).toContain(`${m}  scenario `);
      const verdicts = r.stdout.split('\n').filter((l) => /^\s+(HOLDS|VIOLATED|INCONCLUSIVE)/.test(l));
      expect(verdicts).toHaveLength(models.length);
      for (const v of verdicts) {
        expect(v).toMatch(/^ {2}(HOLDS for \S.*: all [\d,]+ reachable states checked|VIOLATED \S+: .*)( {2}\(as the manifest expects\))?$/);
        expect(v).not.toContain('NOT as the manifest expects');
      }
      expect(r.stdout.split('\n').filter((l) => STATS.test(l))).toHaveLength(models.length);
      // Its two processes are interchangeable: one state per orbit, and the note says so.
      if (models.includes(dispatcher)) expect(r.stdout).toMatch(/HOLDS for 2 processes x 1 thread.*: all 55,552 reachable states checked.*\n.*\n {2}note: symmetry: 2 processes interchangeable, \|G\| = 2; 55,552 states stored as orbit representatives\n/);
      // Buggy variants in the library are violated, so the exit code says so; the tally says they were expected.
      const violated = verdicts.filter((v) => v.includes('VIOLATED')).length;
      expect(r.code).toBe(violated > 0 ? 1 : 0);
      if (models.length > 1) expect(r.stdout).toMatch(new RegExp(`${models.length} checks: \\d+ hold, ${violated} violated, 0 inconclusive; all \\d+ with a manifest entry as expected`));
    });
  }
});

describe.concurrent('fixture folders: exit code by expected outcome', () => {
  const outcomes = [['holds', 0, 'HOLDS for'], ['violated', 1, 'VIOLATED'], ['inconclusive', 3, 'INCONCLUSIVE for']] as const;
  for (const [folder, code, word] of outcomes) {
    for (const f of fixturesIn(folder)) {
      it(`${f}: exit ${code}, ${word}`, async ({ expect }) => {
        const r = await ddicheck('check', f);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(code);
        expect(r.stdout).toContain(`${f}  scenario default`);
        expect(r.stdout).toContain(`  ${word}`);
        expect(r.stdout).toMatch(STATS);
        if (folder !== 'holds') expect(r.stdout).not.toContain('HOLDS');
      });
    }
  }
});

describe.concurrent('a violation', () => {
  it('text: names the property and message, then numbered steps with contexts and state changes', async ({ expect }) => {
    const r = await ddicheck('check', lostUpdate);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain('VIOLATED lostUpdate: both workers finished but count is 1, not 2');
    expect(out).toMatch(/within \S.*; counterexample of 4 steps \(a shortest one: breadth-first search\)/);
    expect(out).toContain('12 distinct states, 12 transitions, max depth 4');
    expect(out).toContain('Counterexample:');
    const steps = out.slice(out.indexOf('Counterexample:')).split('\n');
    const at = (n: number, ctx: string, step: string): number => steps.findIndex((l) => new RegExp(`^\\s+${n}\\s+${ctx}\\s+${step}\\s+\\[PASSIVE_LEVEL\\]$`).test(l));
    const lines = [at(1, 'worker0', 'worker/read'), at(2, 'worker1', 'worker/read'), at(3, 'worker0', 'worker/write'), at(4, 'worker1', 'worker/write')];
    for (const l of lines) expect(l).toBeGreaterThan(0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(steps[lines[2] + 1].trim()).toBe('g.count: 0 -> 1');
    expect(out).toContain('-- in this state: both workers finished but count is 1, not 2');
  });

  it('--json: exactly the documented shape, with hand-derived state counts', async ({ expect }) => {
    const r = await ddicheck('check', lostUpdate, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const j = json(r);
    expect(Object.keys(j)).toEqual(['results']);
    expect(j.results).toHaveLength(1);
    const res = j.results[0];
    for (const k of ['model', 'scenario', 'verdict', 'property', 'message', 'bounds', 'stats']) expect(res).toHaveProperty(k);
    for (const k of Object.keys(res)) expect(['model', 'file', 'scenario', 'verdict', 'property', 'propertySummary', 'message', 'bounds', 'reason', 'notes', 'stats', 'counterexample']).toContain(k);
    // A model's own invariant is not in the property table: no summary.
    expect(res).not.toHaveProperty('propertySummary');
    expect(res).toMatchObject({
      model: 'lost-update', file: lostUpdate, scenario: 'default', verdict: 'violated',
      property: 'lostUpdate', message: 'both workers finished but count is 1, not 2',
    });
    expect(res.bounds).toMatch(/^2 .*worker/);
    expect(res.stats).toMatchObject({ distinctStates: 12, transitions: 12, maxDepth: 4, collisions: 0 });
    expect(res.stats.seconds).toBeGreaterThanOrEqual(0);
    expect(typeof res.stats.statesPerSecond).toBe('number');
    expect(res.stats.collisionProbability).toBeGreaterThan(0);
    expect(res.stats.collisionProbability).toBeLessThan(1e-9);
    const ce = res.counterexample!;
    expect(ce).toMatchObject({ kind: 'state', length: 4 });
    expect(ce.choices).toHaveLength(4);
    expect(ce.steps.map((s) => [s.index, s.context, s.step])).toEqual([
      [1, 'worker0', 'worker/read'], [2, 'worker1', 'worker/read'], [3, 'worker0', 'worker/write'], [4, 'worker1', 'worker/write'],
    ]);
    expect(ce.steps[2].changes).toContainEqual({ path: 'g.count', old: 0, new: 1 });
    expect(ce.steps[3].changes.find((c) => c.path === 'g.count')).toBeUndefined();
  });

  it('a data race: names both steps and the location; 5 states, 4 transitions, depth 2', async ({ expect }) => {
    const [text, js] = await Promise.all([ddicheck('check', racy), ddicheck('check', racy, '--json')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('VIOLATED data-race: worker0 (worker/write) writes g.count while worker1 (worker/read) reads it');
    expect(text.stdout).toMatch(/^\s+1\s+worker0\s+worker\/read/m);
    expect(text.stdout).toMatch(/-- now both (worker0 )?worker\/write and (worker1 )?worker\/read can run, and they conflict on g\.count/);
    expect(js.code).toBe(1);
    const res = json(js).results[0];
    expect(res).toMatchObject({ model: 'racy-counter', verdict: 'violated', property: 'data-race', propertySummary: properties.get('data-race')!.summary });
    expect(res.stats).toMatchObject({ distinctStates: 5, transitions: 4, maxDepth: 2 });
    expect(res.counterexample).toMatchObject({ kind: 'race', length: 1 });
  });

  it('a failing k.assert in a DDI: OS-thread contexts, call steps, the failing step marked', async ({ expect }) => {
    const [text, js] = await Promise.all([ddicheck('check', reentrant), ddicheck('check', reentrant, '--json')]);
    expect(text.code).toBe(1);
    const out = text.stdout;
    expect(out).toContain('VIOLATED no-reentrancy: P1T0 enters DxgkDdiCreateAllocation while another call is inside');
    expect(out).toMatch(/^\s+1\s+P0T0\s+call DxgkDdiCreateAllocation/m);
    expect(out).toMatch(/^\s+2\s+P0T0\s+DxgkDdiCreateAllocation\/enter/m);
    expect(out).toContain('g.inside: 0 -> 1');
    expect(out).toMatch(/^\s+!4\s+P1T0\s+DxgkDdiCreateAllocation\/enter/m);
    // The violation line is never clipped, whatever the width.
    expect(out).toContain('!! no-reentrancy: P1T0 enters DxgkDdiCreateAllocation while another call is inside\n');
    const res = json(js).results[0];
    expect(res.bounds).toContain('2 processes x 1 thread');
    expect(res.counterexample!.kind).toBe('step');
    expect(res.counterexample!.steps.at(-1)!.violation).toEqual({ property: 'no-reentrancy', message: 'P1T0 enters DxgkDdiCreateAllocation while another call is inside' });
  });
});

describe.concurrent('contexts stuck while a periodic timer keeps running', () => {
  const message = 'first0 at first/second and other0 at other/second can never move again, while DPC_tickDpc and timer tick keep running';
  it('a deadlock with its 2-step counterexample; --no-stuck-check holds with a note saying what was not looked for', async ({ expect }) => {
    const [on, off, offJson] = await Promise.all([ddicheck('check', stuck), ddicheck('check', stuck, '--no-stuck-check'), ddicheck('check', stuck, '--no-stuck-check', '--json')]);
    expect(on.code).toBe(1);
    expect(on.stdout).toContain(`VIOLATED deadlock: ${message}`);
    expect(on.stdout).toContain('counterexample of 2 steps (a shortest one: breadth-first search)');
    expect(on.stdout).toContain('52 distinct states, 147 transitions');
    expect(on.stdout).toContain(`-- deadlock: ${message}`);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/HOLDS for \S.*: all 52 reachable states checked/);
    expect(off.stdout).toContain('\n  note: stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for\n');
    const res = json(offJson).results[0];
    expect(res).toMatchObject({ verdict: 'holds', notes: ['stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for'] });
  });
});

describe.concurrent('a model that holds', () => {
  it('--json: holds, no property or message, 12 states, 12 transitions, depth 6', async ({ expect }) => {
    const r = await ddicheck('check', locked, '--json');
    expect(r.code).toBe(0);
    const res = json(r).results[0];
    expect(res).toMatchObject({ model: 'locked-counter', scenario: 'default', verdict: 'holds', property: null, message: null });
    expect(res.stats).toMatchObject({ distinctStates: 12, transitions: 12, maxDepth: 6, collisions: 0 });
    expect(res).not.toHaveProperty('counterexample');
  });

  it('text: HOLDS for its bounds, with the statistics line', async ({ expect }) => {
    const r = await ddicheck('check', locked);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/HOLDS for \S.*: all 12 reachable states checked/);
    expect(r.stdout).toContain('12 distinct states, 12 transitions, max depth 6');
    expect(r.stdout).toMatch(/states\/s, P\(fingerprint collision hid a state\) ~ /);
  });

  it('--scenario picks another scenario (one worker: 4 states, 3 transitions)', async ({ expect }) => {
    const r = await ddicheck('check', locked, '--scenario', 'one', '--json');
    expect(r.code).toBe(0);
    const res = json(r).results[0];
    expect(res.scenario).toBe('one');
    expect(res.stats).toMatchObject({ distinctStates: 4, transitions: 3, maxDepth: 3 });
  });

  it('--all-scenarios checks each scenario', async ({ expect }) => {
    const r = await ddicheck('check', locked, '--all-scenarios', '--json');
    expect(r.code).toBe(0);
    expect(json(r).results.map((x) => [x.scenario, x.verdict, x.stats.distinctStates])).toEqual([['default', 'holds', 12], ['one', 'holds', 4]]);
  });

  it('several models: one report each, the exit code of the worst verdict', async ({ expect }) => {
    const r = await ddicheck('check', locked, lostUpdate, '--json');
    expect(r.code).toBe(1);
    expect(json(r).results.map((x) => [x.file, x.verdict])).toEqual([[locked, 'holds'], [lostUpdate, 'violated']]);
    const text = await ddicheck('check', smallBudget, locked);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain(`${smallBudget}  scenario default\n  INCONCLUSIVE`);
    expect(text.stdout).toContain(`${locked}  scenario default\n  HOLDS`);
  });
});

describe.concurrent('budgets: inconclusive, never holds', () => {
  it('--max-states 10: exit 3 after exactly 10 states', async ({ expect }) => {
    const [text, js] = await Promise.all([ddicheck('check', dispatcher, '--max-states', '10'), ddicheck('check', dispatcher, '--max-states', '10', '--json')]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('INCONCLUSIVE for ');
    expect(text.stdout).toContain('state budget of 10 distinct states ran out; no violation in the 10 states explored, the rest unchecked');
    expect(text.stdout).not.toContain('HOLDS');
    expect(js.code).toBe(3);
    const res = json(js).results[0];
    expect(res).toMatchObject({ verdict: 'inconclusive', property: null, reason: 'state budget of 10 distinct states ran out' });
    expect(res.stats.distinctStates).toBe(10);
  });

  it('--max-depth 2: exit 3, the depth cut is named', async ({ expect }) => {
    const [text, js] = await Promise.all([ddicheck('check', dispatcher, '--max-depth', '2'), ddicheck('check', dispatcher, '--max-depth', '2', '--json')]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('INCONCLUSIVE for ');
    expect(text.stdout).toContain('depth budget of 2 steps cut the search');
    expect(text.stdout).not.toContain('HOLDS');
    const res = json(js).results[0];
    expect(res.verdict).toBe('inconclusive');
    expect(res.stats.maxDepth).toBe(2);
  });

  it('budgets above what the search needs leave the verdict alone', async ({ expect }) => {
    // locked-counter has 12 states, the deepest at depth 6.
    const r = await ddicheck('check', locked, '--max-depth', '7', '--max-states', '13');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('HOLDS');
  });

  it('--time is accepted (seconds, fractions too); a short one stops a big search', async ({ expect }) => {
    const [frac, cut] = await Promise.all([
      ddicheck('check', locked, '--time', '0.5'),
      ddicheck('check', dispatcher, '--scenario', 'contention', '--time', '0.2'),
    ]);
    expect(frac.code).toBe(0);
    expect(frac.stdout).toContain('HOLDS');
    expect(cut.code).toBe(3);
    expect(cut.stdout).toContain('time budget of 0.2 s ran out');
    expect(cut.stdout).not.toContain('HOLDS');
  });

  it("a scenario's own budget applies, and the command line overrides it", async ({ expect }) => {
    const [own, over] = await Promise.all([ddicheck('check', smallBudget, '--json'), ddicheck('check', smallBudget, '--max-states', '100', '--json')]);
    expect(own.code).toBe(3);
    expect(json(own).results[0]).toMatchObject({ verdict: 'inconclusive', reason: 'state budget of 5 distinct states ran out' });
    expect(over.code).toBe(0);
    // Two independent workers of 3 steps: 4 x 4 states, 2 x 3 x 4 transitions, depth 6.
    expect(json(over).results[0].stats).toMatchObject({ distinctStates: 16, transitions: 24, maxDepth: 6 });
  });
});

// The full matrix (every fixture x --dfs, --exact, --backend immer) runs in process in
// run.test.ts; here each flag once through the real bin.
describe.concurrent('search options through the bin', () => {
  it('on the bundled dispatcher with --no-symmetry: --dfs and --exact find all 110,080 states; --exact reports 0 collisions', async ({ expect }) => {
    const [dfs, exact] = await Promise.all([ddicheck('check', dispatcher, '--dfs', '--no-symmetry'), ddicheck('check', dispatcher, '--exact', '--no-symmetry')]);
    for (const r of [dfs, exact]) {
      expect(r.stdout).toContain('note: symmetry (2 processes interchangeable, |G| = 2) turned off (--no-symmetry): every state stored');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('all 110,080 reachable states checked');
      expect(r.stdout).toContain('110,080 distinct states, 347,680 transitions');
    }
    expect(dfs.stdout).toContain('scenario default  (depth-first)');
    expect(exact.stdout).toContain('exact store: 0 fingerprint collisions');
    expect(exact.stdout).not.toContain('P(fingerprint collision');
  });

  it('symmetry by default: --exact stores 55,552 orbit representatives, and --json carries the group', async ({ expect }) => {
    const [exact, json] = await Promise.all([ddicheck('check', dispatcher, '--exact'), ddicheck('check', dispatcher, '--json')]);
    expect(exact.code).toBe(0);
    expect(exact.stdout).toContain('55,552 distinct states, 175,464 transitions');
    expect(exact.stdout).toContain('exact store: 0 fingerprint collisions');
    expect(json.code).toBe(0);
    const [out] = (JSON.parse(json.stdout) as { results: { stats: { distinctStates: number; symmetry: unknown }; notes: string[] }[] }).results;
    expect(out.stats.distinctStates).toBe(55_552);
    expect(out.stats.symmetry).toEqual({ applied: true, group: '2 processes interchangeable, |G| = 2', order: 2 });
    expect(out.notes).toEqual(['symmetry: 2 processes interchangeable, |G| = 2; 55,552 states stored as orbit representatives']);
  });

  it('--backend immer is named in the report', async ({ expect }) => {
    const r = await ddicheck('check', racy, '--backend', 'immer');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${racy}  scenario default  (immer backend)`);
  });
});
