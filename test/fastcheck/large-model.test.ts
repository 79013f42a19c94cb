/**
 * What property testing is for: a model too large to exhaust within its budget
 * still gets its bug found, and shrunk to a schedule a person can read. Six
 * driver worker threads each do five steps of private work; two of them then
 * increment a shared counter without a lock. The breadth-first search runs out
 * of its budget long before the two increments interleave; random schedules
 * find the lost update at once and shrink it to the two threads involved.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, defineModel, property, randomCheck, t, ScheduleViolation, type Procedure, type Scope } from 'ddicheck';
import 'ddicheck/vitest';

const WORK = 5;
const local = { done: t.int(0, WORK), tmp: t.int(0, 2) };
type S = Scope<{ count: ReturnType<typeof t.int> }, {}, typeof local>;

/** Private work, then (for the racy threads) an unlocked read-modify-write of `count`. */
function worker(racy: boolean): Procedure<S> {
  return {
    steps: {
      work: [
        { name: 'work', guard: (s) => s.local.done < WORK, do: (s) => { s.local.done++; }, next: 'work' },
        { name: 'finish', guard: (s) => s.local.done >= WORK, next: racy ? 'read' : 'return' },
      ],
      read: { do: (s) => { s.local.tmp = s.g.count; }, next: 'write' },
      write: { do: (s) => { s.g.count = s.local.tmp + 1; }, next: 'return' },
    },
  };
}

const model = defineModel({
  name: 'six-workers',
  races: false,
  global: { count: t.int(0, 2) },
  local,
  threads: { racy: worker(true), quiet: worker(false) },
  invariants: {
    'no lost update': (s) => {
      const racy = s.contexts.filter((c) => c.name.startsWith('racy'));
      return !racy.every((c) => c.at === 'done') || s.g.count === 2 || `both racy threads finished but count is ${s.g.count}, not 2`;
    },
  },
  scenarios: { default: { workers: { racy: 2, quiet: 4 }, budget: { maxStates: 20_000 } } },
});

describe('a model too large to exhaust', () => {
  it('the exhaustive search runs out of budget', () => {
    const r = check(model);
    expect(r.verdict).toBe('inconclusive');
    expect(() => expect(model).toHold()).toThrow(/INCONCLUSIVE, the budget ran out/);
  });

  for (const strategy of ['random', 'pct'] as const) {
    it(`${strategy} schedules find the lost update and shrink it to the two racy threads`, () => {
      const d = fc.check(property(model, { strategy, trace: false }), { seed: 1, numRuns: 200 });
      expect(d.failed).toBe(true);
      const v = d.errorInstance as ScheduleViolation;
      expect(v.property).toBe('no lost update');
      const r = randomCheck(model, { strategy, seed: 1, runs: 200 });
      const contexts = new Set(r.failure!.counterexample.steps.map((s) => s.context?.name));
      expect([...contexts].sort()).toEqual(['racy0', 'racy1']);
      // Each racy thread: 5 work steps, finish, read, write; no step to spare.
      expect(r.failure!.counterexample.steps).toHaveLength(16);
      expect(v.found.choices).toHaveLength(16);
    });
  }
});
