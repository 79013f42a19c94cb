/**
 * Every bug in the model library is found by PCT schedules, and soon: for each
 * bundled model scenario whose manifest (`expect`) says 'violated', PCT with
 * seed 1 finds a violation of the manifest's property within RUNS runs. Runs are
 * deterministic given the seed, so this is a fixed fact about each model, and a
 * new library bug that PCT cannot find fails here by name. (`npm run
 * bench:random` measures the medians over 20 seeds, random walk against PCT.)
 */
import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyModel } from 'ddicheck';
import { bundledModelFiles, projectRoot } from '../../src/load/model-files.js';
import { ScheduleRunner } from '../../src/fastcheck/runner.js';
import { firstViolation } from '../../src/fastcheck/random-check.js';

/** The bound: the worst library bug needs a few dozen PCT runs with this seed. */
const RUNS = 500;
const SEED = 1;

const library = await Promise.all(bundledModelFiles().map(async (abs) => {
  const file = relative(projectRoot, abs);
  try { return { file, model: ((await import(pathToFileURL(abs).href)) as { default: AnyModel }).default, error: undefined }; } catch (e) {
    return { file, model: undefined, error: e as Error };
  }
}));

interface Case { readonly file: string; readonly scenario: string; readonly property?: string; readonly model?: AnyModel; readonly error?: Error }

describe('PCT finds every library bug', () => {
  const cases: Case[] = library.flatMap((m): Case[] => (m.error
    ? [{ file: m.file, scenario: '(load)', error: m.error }]
    : Object.entries(m.model!.expect ?? {}).filter(([, e]) => e.verdict === 'violated').map(([scenario, e]) => ({ file: m.file, scenario, property: e.property, model: m.model }))));

  it('the library has buggy models to find', () => {
    expect(cases.filter((c) => c.model).length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.file} ${c.scenario}: ${c.property ?? 'a violation'} within ${RUNS} runs (seed ${SEED})`, () => {
      if (c.error) throw c.error;
      const r = firstViolation(new ScheduleRunner(c.model!, { scenario: c.scenario, strategy: 'pct' }), SEED, RUNS, c.property);
      expect(r, `PCT (depth 3, seed ${SEED}) found no ${c.property ?? 'violation'} in ${RUNS} runs`).not.toBeNull();
      if (c.property) expect(r!.found.property).toBe(c.property);
    });
  }
});
