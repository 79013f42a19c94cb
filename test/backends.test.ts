/**
 * The fast backend against the immer oracle on every bundled model: for each
 * model file under models/ (files starting with `_` are shared parts, not
 * models) and each of its scenarios, both backends under one state budget must
 * give the same verdict, property, message, state and transition counts, and
 * counterexample. When the budget stops one it must stop the other at the same
 * counts, so the comparison holds whether or not a scenario fits the budget.
 *
 * The models written in the other engine and kernel tests go through both
 * backends where they are checked (test/support/check-both.ts).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, type AnyModel } from '../src/index.js';
import { observable } from './support/check-both.js';

/** Small enough that the immer sweep of the whole library stays in seconds. */
const BUDGET = 2000;

const root = fileURLToPath(new URL('../models/', import.meta.url));

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return modelFiles(p);
    return e.name.endsWith('.ts') && !e.name.startsWith('_') && !e.name.endsWith('.test.ts') ? [p] : [];
  }).sort();
}

const files = modelFiles(root);

describe('fast and immer backends agree on every bundled model', () => {
  it('finds the model library', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = relative(root, file);
    it(name, async () => {
      const mod = (await import(pathToFileURL(file).href)) as { default?: AnyModel };
      const model = mod.default;
      expect(model, `${name} must default-export a model`).toBeDefined();
      const scenarios = Object.keys(model!.scenarios);
      expect(scenarios.length).toBeGreaterThan(0);
      for (const scenario of scenarios) {
        const fast = check(model!, { scenario, backend: 'fast', maxStates: BUDGET });
        const immer = check(model!, { scenario, backend: 'immer', maxStates: BUDGET });
        expect(observable(immer), `${name} scenario ${scenario}`).toEqual(observable(fast));
        if (fast.verdict === 'inconclusive') expect(fast.stats.distinctStates).toBe(BUDGET);
      }
    }, 60_000);
  }
});
