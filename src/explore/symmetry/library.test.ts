/**
 * Symmetry reduction against the unreduced search on every bundled model,
 * example and fixture, every scenario, under a state budget (so the suite stays
 * fast): wherever the unreduced search finishes, the reduced one gives the same
 * verdict and property with no more states, its orbits add up to the unreduced
 * count exactly when the model holds, and its counterexample is as short and
 * replays on the unreduced engine.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyModel } from '../../model/define.js';
import { check } from '../../check.js';
import { traceFromResult } from '../../trace/build.js';
import { replayTrace } from '../../trace/confirm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUDGET = 4000;

function modelFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...modelFiles(p));
    else if (f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = ['models', 'examples', 'test/fixtures/holds', 'test/fixtures/violated', 'test/fixtures/inconclusive'].flatMap((d) => modelFiles(join(root, d)));
let compared = 0;
let reduced = 0;

describe('symmetry reduction against the unreduced search, every bundled scenario', () => {
  for (const file of files) {
    it(relative(root, file), async () => {
      const model = ((await import(pathToFileURL(file).href)) as { default: AnyModel }).default;
      for (const scenario of Object.keys(model.scenarios ?? {})) {
        const plain = check(model, { scenario, maxStates: BUDGET, symmetry: false });
        if (plain.verdict === 'inconclusive') continue;
        const sym = check(model, { scenario, maxStates: BUDGET, countOrbits: true });
        const what = `${relative(root, file)} scenario ${scenario}`;
        compared++;
        expect({ verdict: sym.verdict, property: sym.property }, what).toEqual({ verdict: plain.verdict, property: plain.property });
        expect(sym.stats.distinctStates, what).toBeLessThanOrEqual(plain.stats.distinctStates);
        const applied = sym.stats.symmetry?.applied === true;
        if (applied) reduced++;
        if (applied && sym.verdict === 'holds') expect(sym.stats.symmetry!.unreducedStates, what).toBe(plain.stats.distinctStates);
        if (sym.verdict === 'violated') {
          expect(sym.counterexample!.steps.length, what).toBe(plain.counterexample!.steps.length);
          const trace = traceFromResult(model, sym, { file: relative(root, file), sha256: '', exact: false, budget: {} });
          expect(replayTrace(trace, model, { backend: 'fast' }).outcome.kind, what).toBe('reproduced');
        }
      }
    });
  }

  it('compared enough scenarios, with the reduction applied in many', () => {
    expect(compared).toBeGreaterThan(40);
    expect(reduced).toBeGreaterThan(12);
  });
});
