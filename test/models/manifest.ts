/**
 * Holds a folder of library models to their manifests (the `expect` field): loads
 * every model file of the folder (files starting with `_` are shared code, not
 * models), and for each manifest entry checks the verdict, the property, and that
 * a counterexample is a shortest one. "Shortest" is checked independently of the
 * search that found it: with the depth bound one short of the counterexample the
 * violation must be out of reach, and with the bound at its length within reach.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, type AnyModel, type CheckResult, type ContextView, type Expectation, type SystemView } from '../../src/index.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LibraryModel { readonly file: string; readonly model: AnyModel }

/** The model files of `models/<folder>/`, by file name (without `.ts`), loaded. */
export async function loadFolder(folder: string): Promise<Map<string, AnyModel>> {
  const dir = join(root, 'models', folder);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort();
  const out = new Map<string, AnyModel>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: AnyModel };
    out.set(f.replace(/\.ts$/, ''), mod.default);
  }
  return out;
}

/** Counterexamples whose last state is only judged when it is expanded need one more level of depth. */
const judgedOnExpansion = (r: CheckResult): boolean => r.counterexample?.kind === 'deadlock' || r.counterexample?.kind === 'race';

/** Checks one manifest entry; returns the result for further assertions. */
export function holdToManifest(model: AnyModel, scenario: string, want: Expectation): CheckResult {
  const r = check(model, { scenario });
  expect({ verdict: r.verdict, property: r.property }).toEqual({ verdict: want.verdict, property: want.property });
  if (r.verdict !== 'violated') return r;
  const n = r.counterexample!.steps.length;
  expect(n).toBeGreaterThan(0);
  // Not within n - 1 steps ...
  const shorter = check(model, { scenario, maxDepth: n - 1 });
  expect(shorter.verdict).not.toBe('violated');
  // ... but within n, and the same violation.
  const within = check(model, { scenario, maxDepth: n + (judgedOnExpansion(r) ? 1 : 0) });
  expect({ verdict: within.verdict, property: within.property, length: within.counterexample?.steps.length })
    .toEqual({ verdict: 'violated', property: want.property, length: n });
  return r;
}

/** The step names of a counterexample, in order. */
export const stepNames = (r: CheckResult): string[] => (r.counterexample?.steps ?? []).map((s) => s.step);

/**
 * A scenario reaches a state where `cond` holds: the same model with one more
 * invariant, "not cond", is violated. Guards the correct variants against
 * holding vacuously (a scenario that never gets where its bugs would show).
 */
export function reaches<V extends SystemView = SystemView>(model: AnyModel, scenario: string, cond: (s: V) => boolean): boolean {
  const probe = { ...model, invariants: { ...model.invariants, 'probe: unreachable': (s: SystemView) => !cond(s as V) } };
  const r = check(probe, { scenario });
  return r.verdict === 'violated' && r.property === 'probe: unreachable';
}

/** The view of one context, by name. */
export const ctx = (s: SystemView, name: string): ContextView => {
  const c = s.contexts.find((x) => x.name === name);
  if (!c) throw new Error(`no context ${name}: ${s.contexts.map((x) => x.name).join(', ')}`);
  return c;
};

/**
 * The shape every library folder keeps: the correct driver and its buggy twins,
 * each with a manifest entry for every scenario; the correct one holds
 * everywhere and each twin fails somewhere.
 */
export function describeLibrary(folder: string, correct: string, files: readonly string[], scenarios: readonly string[], models: () => Map<string, AnyModel>): void {
  describe(`models/${folder}: the library`, () => {
    it('has the correct driver and its buggy twins, each with a manifest entry for every scenario', () => {
      expect([...models().keys()].sort()).toEqual([...files].sort());
      for (const [f, m] of models()) {
        expect(Object.keys(m.scenarios), f).toEqual([...scenarios]);
        expect(Object.keys(m.expect ?? {}).sort(), f).toEqual([...scenarios].sort());
      }
    });
    it('the correct driver holds in every scenario; each buggy one fails in at least one', () => {
      expect(Object.values(models().get(correct)!.expect!).every((e) => e.verdict === 'holds')).toBe(true);
      for (const f of files.filter((x) => x !== correct)) expect(Object.values(models().get(f)!.expect!).some((e) => e.verdict === 'violated'), f).toBe(true);
    });
  });
}
