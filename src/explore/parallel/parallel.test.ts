/**
 * The parallel search against the one-thread search it must equal: the same
 * verdict, property, message, reason, counts, depth and counterexample, for
 * one, two and three workers, on whole spaces, under state and depth budgets,
 * and for violations of every kind. Workers stay in a pool between checks, so
 * only the first check here pays for starting them.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { resolve, dirname } from 'node:path';
import { check, checkAsync, InputError, type AnyModel, type CheckOptions } from '../../index.js';
import { bundledModelFiles, loadModel } from '../../load/model-files.js';
import { observable } from '../../../test/support/check-both.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const at = (p: string): string => resolve(root, p);

async function load(file: string): Promise<AnyModel> {
  return (await loadModel(at(file))).model;
}

/** Checks `file` on one thread and on each worker count; expects every parallel result to equal the sequential one. */
async function same(file: string, given: CheckOptions, counts: readonly number[] = [2, 3]): Promise<ReturnType<typeof check>> {
  // Unreduced unless a test asks for symmetry: the figures pinned here are the whole spaces.
  const opts: CheckOptions = { symmetry: false, ...given };
  const model = await load(file);
  const seq = check(model, opts);
  for (const workers of counts) {
    const par = check(model, { ...opts, workers, file: at(file) });
    expect({ workers: par.workers, ...observable(par) }).toEqual({ workers, ...observable(seq) });
  }
  return seq;
}

describe('parallel search', () => {
  it('under symmetry the workers key and partition states by the canonical fingerprint: the same orbit representatives as one thread', async () => {
    const r = await same('models/dispatcher.ts', { scenario: 'default', symmetry: true, stuckCheck: false }, [2, 3]);
    expect({ verdict: r.verdict, states: r.stats.distinctStates, transitions: r.stats.transitions }).toEqual({ verdict: 'holds', states: 55_552, transitions: 175_464 });
    expect(r.notes).toContain('symmetry: 2 processes interchangeable, |G| = 2; 55,552 states stored as orbit representatives');
  });

  it('runs on one worker, and says so, where the one-thread search alone keeps the verdict exact (POR, a split, the stuck check under symmetry)', async () => {
    const file = 'models/dispatcher.ts';
    const model = await load(file);
    const cases: Array<[CheckOptions, RegExp]> = [
      [{ por: true }, /^ran on one worker, not 2: partial-order reduction's cycle proviso/],
      [{ split: { index: 1, count: 2, minFrontier: 8 } }, /^ran on one worker, not 2: a split search/],
      [{}, /^ran on one worker, not 2: the stuck-context check under symmetry runs on one thread/],
    ];
    for (const [opts, note] of cases) {
      const par = check(model, { ...opts, maxStates: 3000, workers: 2, file: at(file) });
      const seq = check(model, { ...opts, maxStates: 3000 });
      expect(par.workers).toBe(1);
      expect(par.notes![0]).toMatch(note);
      expect(par.stats.distinctStates).toBe(seq.stats.distinctStates);
    }
  });

  it('explores the dispatcher\'s default scenario exactly as one thread does', async () => {
    const r = await same('models/dispatcher.ts', { scenario: 'default' });
    expect({ verdict: r.verdict, states: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.maxDepth }).toEqual({ verdict: 'holds', states: 110_080, transitions: 347_680, depth: 59 });
  });

  it('finds a context stuck behind a periodic timer, as one thread does, from the graph the workers log', async () => {
    const r = await same('test/fixtures/violated/stuck-behind-timer.ts', {}, [1, 2, 3]);
    expect({ verdict: r.verdict, property: r.property, kind: r.counterexample?.kind }).toEqual({ verdict: 'violated', property: 'deadlock', kind: 'deadlock' });
  });

  it('gives the same notes as one thread when the graph is too large to keep, or the check is off', async () => {
    const file = 'models/dispatcher.ts';
    const model = await load(file);
    for (const opts of [{ stuckCheckMaxTransitions: 1000, symmetry: false }, { stuckCheck: false, symmetry: false }, { symmetry: false }]) {
      const seq = check(model, opts);
      const par = check(model, { ...opts, workers: 2, file: at(file) });
      expect(par.notes).toEqual(seq.notes);
    }
  });

  it('stops at the same state of a state budget, with the same transitions, as inconclusive', async () => {
    const r = await same('models/dispatcher.ts', { scenario: 'default', maxStates: 5000 }, [2, 3]);
    expect({ verdict: r.verdict, reason: r.reason, states: r.stats.distinctStates }).toEqual({ verdict: 'inconclusive', reason: 'state budget of 5000 distinct states ran out', states: 5000 });
  });

  it('is cut by a depth budget as one thread is', async () => {
    const r = await same('models/dispatcher.ts', { scenario: 'default', maxDepth: 12 }, [2]);
    expect(r.reason).toBe('depth budget of 12 steps cut the search');
  });

  it('finds each fixture violation at the same depth with the same trace on any number of workers', async () => {
    for (const f of ['test/fixtures/violated/lost-update.ts', 'test/fixtures/violated/racy-counter.ts', 'test/fixtures/violated/reentrant-ddi.ts', 'examples/vsync-counter.ts']) {
      const r = await same(f, {}, [1, 2, 3]);
      expect(r.verdict, f).toBe('violated');
      expect(r.counterexample!.steps.length, f).toBeGreaterThan(0);
    }
  });

  it('counts every transition of a search that holds, the last level\'s too (they lead back to states seen before)', async () => {
    for (const f of ['test/fixtures/holds/locked-counter.ts', 'test/fixtures/holds/pointer-serialised.ts']) {
      const r = await same(f, {}, [2, 3]);
      expect(r.verdict, f).toBe('holds');
    }
  });

  it('gives every bundled model\'s every scenario the same result under a budget', async () => {
    let violated = 0;
    let scenarios = 0;
    for (const file of bundledModelFiles(root)) {
      const { model } = await loadModel(file);
      for (const scenario of Object.keys(model.scenarios)) {
        scenarios++;
        const opts = { scenario, maxStates: 1500 };
        const seq = check(model, { symmetry: false, ...opts });
        const par = check(model, { symmetry: false, ...opts, workers: 2, file });
        expect(observable(par), `${file} ${scenario}`).toEqual(observable(seq));
        if (seq.verdict === 'violated') violated++;
      }
    }
    expect(scenarios).toBeGreaterThan(80);
    expect(violated).toBeGreaterThan(5);
  });

  it('agrees on the immer backend and with an exact store', async () => {
    await same('models/dispatcher.ts', { scenario: 'default', maxStates: 1500, backend: 'immer' }, [2]);
    await same('models/present-queue.ts', { scenario: 'small', exact: true }, [2]);
  });

  it('runs a model defined inline on one worker, and says so', async () => {
    const model = await load('examples/vsync-counter.ts');
    const inline = { ...model, name: 'inline-vsync' } as AnyModel;
    const r = check(inline, { workers: 2 });
    expect(r.workers).toBe(1);
    expect(r.notes![0]).toBe('ran on one worker, not 2: the model is not in a file a worker thread can import (defined inline)');
    expect(observable(r)).toEqual(observable(check(inline, {})));
  });

  it('runs a depth-first search on one worker, and says so', async () => {
    const model = await load('examples/vsync-counter.ts');
    const r = check(model, { workers: 2, order: 'dfs', file: at('examples/vsync-counter.ts') });
    expect({ workers: r.workers, note: r.notes?.[0] }).toEqual({ workers: 1, note: 'ran on one worker, not 2: a depth-first search runs on one thread (the parallel search is breadth-first)' });
  });

  it('stops as inconclusive when interrupted', async () => {
    const model = await load('models/dispatcher.ts');
    const r = await checkAsync(model, { scenario: 'contention', workers: 2, file: at('models/dispatcher.ts'), interrupted: () => true });
    expect({ verdict: r.verdict, reason: r.reason }).toEqual({ verdict: 'inconclusive', reason: 'interrupted' });
    expect(r.stats.distinctStates).toBeLessThan(2_527_120);
  });

  it('stops as inconclusive when a worker\'s share of the memory budget would run out', async () => {
    const model = await load('models/dispatcher.ts');
    const r = check(model, { scenario: 'contention', workers: 2, symmetry: false, file: at('models/dispatcher.ts'), memoryMB: 2 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/^memory budget of 1 MB \(one worker's share\) (ran out|would run out)/);
  });

  it('reports a step that throws in a worker as the bad input it is', async () => {
    const file = 'test/fixtures/bad-input/step-throws.ts';
    const model = await load(file);
    const seq = (() => { try { check(model, {}); return null; } catch (e) { return e; } })();
    expect(seq).toBeInstanceOf(InputError);
    expect(() => check(model, { workers: 2, file: at(file) })).toThrow((seq as InputError).message);
  });

  it('refuses a worker count that is not a whole number from 1 to 64', async () => {
    const model = await load('examples/vsync-counter.ts');
    expect(() => check(model, { workers: 0 })).toThrow(InputError);
    expect(() => check(model, { workers: 1.5 })).toThrow(/whole number from 1 to 64/);
  });
});
