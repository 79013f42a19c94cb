/**
 * Partial-order reduction (`por`) and transaction reduction (`lipton`) against
 * the unreduced search on every bundled model scenario, every example and
 * every fixture with an outcome: the same verdict and property, never more
 * states when both searches are complete, and every counterexample a reduced
 * search reports replays, step for step, on an engine that knows nothing of
 * the reduction, to the same property.
 *
 * Both searches run under one state budget, so the large scenarios end
 * inconclusive in both (the budget is what keeps the suite's time bounded, not
 * a clock). The unreduced search runs without the stuck-context check, which
 * the reduction skips: the one fixture that needs that check is tested on its
 * own, for the note that says it was skipped.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, type AnyModel, type CheckResult } from '../../src/index.js';
import { compile } from '../../src/engine/system.js';
import { Engine } from '../../src/engine/semantics.js';
import { makeBackend } from '../../src/check.js';
import { execute } from '../../src/trace/run.js';
import { root } from '../models/manifest.js';

const BUDGET = 20_000;

function modelFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, e.name);
    if (e.isDirectory()) out.push(...modelFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.startsWith('_') && !e.name.endsWith('.test.ts')) out.push(rel);
  }
  return out.sort();
}

const files = ['models', 'examples', 'test/fixtures/holds', 'test/fixtures/violated', 'test/fixtures/inconclusive'].flatMap(modelFiles);

/** The reduced counterexample, replayed on a plain engine: the property its last state or step violates there. */
function replayedProperty(model: AnyModel, scenario: string, r: CheckResult): string | null {
  const sys = compile(model, scenario);
  const engine = new Engine(sys, makeBackend(sys, 'fast'));
  const choices = r.counterexample!.choices;
  const run = execute(engine, choices.length, (i, cands) => (cands.includes(choices[i]) ? choices[i] : { miss: `choice ${i + 1} is not a candidate` }), 'strict');
  expect(run.stuck).toBeUndefined();
  expect(run.applied).toEqual(choices);
  return run.violation?.property ?? null;
}

describe('partial-order and transaction reduction agree with the unreduced search', () => {
  it('finds the bundled models, examples and fixtures', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain('models/dispatcher.ts');
    expect(files).toContain('test/fixtures/violated/racy-counter.ts');
  });

  for (const file of files) {
    it(file, async () => {
      const model = ((await import(pathToFileURL(join(root, file)).href)) as { default: AnyModel }).default;
      for (const scenario of Object.keys(model.scenarios ?? {})) {
        const full = check(model, { scenario, maxStates: BUDGET, stuckCheck: false });
        for (const reduction of ['por', 'lipton'] as const) {
          const red = check(model, { scenario, maxStates: BUDGET, [reduction]: true });
          const where = `${file} scenario ${scenario} --${reduction}`;
          expect({ where, verdict: red.verdict, property: red.property }).toEqual({ where, verdict: full.verdict, property: full.property });
          // A scenario with a bugcheck halt is not reduced (the halt is dependent with every step), and says so.
          const said = model.scenarios?.[scenario]?.bugcheck ? 'partial-order reduction off: ' : 'partial-order reduction: ample sets on ';
          expect(red.notes?.some((n) => n.startsWith(said))).toBe(true);
          if (full.verdict === 'holds') expect(red.stats.distinctStates).toBeLessThanOrEqual(full.stats.distinctStates);
          if (red.verdict === 'violated') expect({ where, replayed: replayedProperty(model, scenario, red) }).toEqual({ where, replayed: red.property });
        }
      }
    });
  }

  it('the stuck-context fixture: unreduced it is a deadlock; reduced the check is skipped, and the verdict says so', async () => {
    const model = ((await import(pathToFileURL(join(root, 'test/fixtures/violated/stuck-behind-timer.ts')).href)) as { default: AnyModel }).default;
    const full = check(model);
    const por = check(model, { por: true });
    expect([full.verdict, full.property]).toEqual(['violated', 'deadlock']);
    expect(por.verdict).toBe('holds');
    expect(por.notes).toEqual([expect.stringMatching(/^partial-order reduction: ample sets on \d+ of \d+ expansions; stuck-context check skipped \(not preserved by the reduction\)$/)]);
  });
});
