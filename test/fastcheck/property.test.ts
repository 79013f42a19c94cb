/**
 * `property(model, options)` as a user writes it: `fc.assert(property(...))` in a
 * vitest file. Correct models pass under both strategies; a buggy one fails with
 * fast-check's seed and path, a message naming the property and the steps, a
 * schedule shrunk to the smallest one, and a trace file that `ddicheck replay`
 * confirms.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { property, ScheduleViolation, InputError, check, type PropertyOptions } from 'ddicheck';
import lockedCounter from '../fixtures/holds/locked-counter.js';
import pointerSerialised from '../fixtures/holds/pointer-serialised.js';
import lostUpdate from '../fixtures/violated/lost-update.js';
import racyCounter from '../fixtures/violated/racy-counter.js';
import reentrantDdi from '../fixtures/violated/reentrant-ddi.js';
import presentQueue from '../../models/present-queue.js';
import { readTrace } from '../../src/trace/parse.js';
import { replayTrace } from '../../src/trace/confirm.js';

const STRATEGIES = ['random', 'pct'] as const;
const tmp = mkdtempSync(join(tmpdir(), 'ddicheck-fc-'));

/** Runs a property that must fail and returns fast-check's details and the violation it threw. */
function failing(p: fc.IProperty<[unknown]> | fc.IPropertyWithHooks<never>, params: fc.Parameters<never> = {}): { d: fc.RunDetails<never>; v: ScheduleViolation } {
  const d = fc.check(p as fc.IProperty<never>, { seed: 7, numRuns: 500, ...params });
  expect(d.failed).toBe(true);
  expect(d.errorInstance).toBeInstanceOf(ScheduleViolation);
  return { d, v: d.errorInstance as ScheduleViolation };
}

describe('correct models pass', () => {
  for (const strategy of STRATEGIES) {
    it(`locked-counter, pointer-serialised and present-queue hold under ${strategy} schedules`, () => {
      fc.assert(property(lockedCounter, { strategy }), { seed: 1, numRuns: 200 });
      fc.assert(property(pointerSerialised, { strategy }), { seed: 1, numRuns: 200 });
      fc.assert(property(presentQueue, 'small', { strategy, trace: false }), { seed: 1, numRuns: 300 });
    });
  }
});

describe('a buggy model fails, shrunk', () => {
  for (const strategy of STRATEGIES) {
    it(`lost-update (${strategy}): the four-step lost update, nothing more`, () => {
      const { v } = failing(property(lostUpdate, { strategy, trace: join(tmp, `lost-${strategy}.json`) }));
      expect(v.property).toBe('lostUpdate');
      // Both read, both write: the breadth-first counterexample's length, two contexts.
      expect(v.found.choices).toHaveLength(4);
      expect(v.found.kind).toBe('state');
      expect(v.message).toMatch(/^VIOLATED lostUpdate: both workers finished but count is 1, not 2/);
    });

    it(`racy-counter (${strategy}): one read, then the race`, () => {
      const { v } = failing(property(racyCounter, { strategy, trace: false }));
      expect(v.property).toBe('data-race');
      expect(v.found.kind).toBe('race');
      expect(v.found.choices).toHaveLength(1);
      expect(v.message).toContain('-- now both worker/write and worker/read can run, and they conflict on g.count');
    });

    it(`reentrant-ddi (${strategy}): two calls, one enter, the failing enter`, () => {
      const { v } = failing(property(reentrantDdi, { strategy, trace: false }));
      expect(v.property).toBe('no-reentrancy');
      expect(v.found.kind).toBe('step');
      expect(v.found.choices).toHaveLength(4);
      expect(v.message).toMatch(/!4 {2}P\dT0 {5}DxgkDdiCreateAllocation\/enter/);
    });
  }

  for (const strategy of STRATEGIES) {
    it(`shrinking (${strategy}) ends in the schedule a person would write: one thread calls and enters, then the other`, () => {
      const { v } = failing(property(reentrantDdi, { strategy, trace: false }));
      expect(v.message).toContain([
        '  schedule of 4 steps:',
        '     1  P0T0     call DxgkDdiCreateAllocation',
        '     2  P0T0     DxgkDdiCreateAllocation/enter',
        '     3  P1T0     call DxgkDdiCreateAllocation',
        '    !4  P1T0     DxgkDdiCreateAllocation/enter',
      ].join('\n'));
    });
  }

  it('a shrunk random walk is a short list of small choices: two steps, a switch, then the failing step', () => {
    const { d } = failing(property(reentrantDdi, { strategy: 'random', trace: false }));
    expect(fc.stringify(d.counterexample![0]).split('\n')[0]).toBe('random[0,0,1]');
  });

  it('a shrunk PCT schedule: context order, one change point', () => {
    const { d } = failing(property(lostUpdate, { strategy: 'pct', trace: false }));
    expect(fc.stringify(d.counterexample![0]).split('\n')[0]).toBe('pct{priorities:[],changes:[1],picks:[]}');
  });
});

describe('the failure report', () => {
  it('fc.assert throws with the seed, the path, the steps and the trace file, all in its message (not only in .cause)', () => {
    const trace = join(tmp, 'reentrant.json');
    let msg = '';
    try { fc.assert(property(reentrantDdi, { strategy: 'pct', trace }), { seed: 42, numRuns: 200 }); } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/\{ seed: 42, path: "[\d:]+", endOnFailure: true \}/);
    expect(msg).toContain('VIOLATED no-reentrancy: ');
    expect(msg).toContain('model reentrant-ddi, scenario default (2 processes x 1 thread, 1 call per thread); PCT schedules, depth 3, up to 64 steps');
    expect(msg).toContain('schedule of 4 steps:');
    expect(msg).toContain(`trace: ${trace}  (ddicheck show FILE, ddicheck replay FILE)`);
    expect(msg).toContain('ddicheck replay FILE --model MODEL.ts');
    expect(existsSync(trace)).toBe(true);
  });

  it('the trace file holds the shrunk schedule and replays to the same violation', () => {
    const trace = join(tmp, 'lost-update.json');
    const { v } = failing(property(lostUpdate, { strategy: 'random', trace, modelFile: 'test/fixtures/violated/lost-update.ts' }));
    expect(v.trace).toBe(trace);
    const t = readTrace(trace);
    expect(t.model).toMatchObject({ name: 'lost-update', file: 'test/fixtures/violated/lost-update.ts' });
    expect(t.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.options.order).toBe('random');
    expect(t.choices.map((c) => c.id)).toEqual(v.found.choices);
    expect(t.violation).toMatchObject({ property: 'lostUpdate', kind: 'state', step: 4 });
    expect(replayTrace(t, lostUpdate).outcome.kind).toBe('reproduced');
  });

  it('the seed and path replay the shrunk counterexample at once', () => {
    const first = failing(property(lostUpdate, { strategy: 'pct', trace: false }), { seed: 99 });
    const again = fc.check(property(lostUpdate, { strategy: 'pct', trace: false }), { seed: 99, path: first.d.counterexamplePath!, endOnFailure: true });
    expect(again.failed).toBe(true);
    expect(again.numRuns).toBe(1);
    expect((again.errorInstance as ScheduleViolation).found.choices).toEqual(first.v.found.choices);
  });

  it('the same seed gives the same runs and the same counterexample', () => {
    const a = failing(property(reentrantDdi, { strategy: 'random', trace: false }), { seed: 5 });
    const b = failing(property(reentrantDdi, { strategy: 'random', trace: false }), { seed: 5 });
    expect([b.d.numRuns, b.d.counterexamplePath, b.v.found.choices]).toEqual([a.d.numRuns, a.d.counterexamplePath, a.v.found.choices]);
  });
});

describe('options and bad input', () => {
  it('property(model, scenario, options) names the scenario', () => {
    const { v } = failing(property(lostUpdate, 'default', { strategy: 'pct', trace: false }));
    expect(v.message).toContain('scenario default');
  });

  it('a bad scenario, strategy or depth is an InputError before any run', () => {
    expect(() => property(lostUpdate, { scenario: 'nope' })).toThrow(InputError);
    expect(() => property(lostUpdate, { strategy: 'dfs' } as unknown as PropertyOptions)).toThrow(/strategy: is "dfs"/);
    expect(() => property(lostUpdate, { depth: 0 })).toThrow(/depth: must be a positive integer/);
  });

  it('maxSteps bounds each run: a bug deeper than the bound is not reached', () => {
    // The lost update needs four steps: two steps and the successors of the state they reach do not get there.
    fc.assert(property(lostUpdate, { maxSteps: 2, trace: false }), { seed: 1, numRuns: 200 });
    expect(check(lostUpdate).verdict).toBe('violated');
  });
});
