/**
 * The random-schedule runner, tested with fast-check itself: every schedule it
 * draws replays step for step through the trace module (an independent
 * implementation of "run these choices and check along the way") to the same
 * verdict; random walks reach every state of a small model, as the explorer
 * counts them; and the strategies read plans as documented (choice 0 keeps the
 * same context, PCT runs the highest priority and preempts at change points).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, randomCheck, InputError, type AnyModel } from 'ddicheck';
import { ScheduleRunner, type Plan } from '../../src/fastcheck/runner.js';
import { strategies } from '../../src/fastcheck/strategy.js';
import { executeIds } from '../../src/trace/run.js';
import { engineFor } from '../../src/trace/build.js';
import lockedCounter from '../fixtures/holds/locked-counter.js';
import pointerSerialised from '../fixtures/holds/pointer-serialised.js';
import smallBudget from '../fixtures/inconclusive/small-budget.js';
import lostUpdate from '../fixtures/violated/lost-update.js';
import racyCounter from '../fixtures/violated/racy-counter.js';
import reentrantDdi from '../fixtures/violated/reentrant-ddi.js';
import nondeterministic from '../fixtures/bad-input/nondeterministic.js';
import presentQueue from '../../models/present-queue.js';

const MODELS: [string, AnyModel, string?][] = [
  ['locked-counter', lockedCounter], ['pointer-serialised', pointerSerialised], ['lost-update', lostUpdate],
  ['racy-counter', racyCounter], ['reentrant-ddi', reentrantDdi], ['present-queue', presentQueue, 'small'],
];

describe('a walk and a replay of its choices agree', () => {
  for (const [name, model, scenario] of MODELS) {
    for (const strategy of ['random', 'pct'] as const) {
      it(`${name}, ${strategy}: every schedule replays through the trace module to the same verdict`, () => {
        const runner = new ScheduleRunner(model, { scenario, strategy });
        const engine = engineFor(runner.sys, 'fast');
        fc.assert(fc.property(runner.arbitrary(), (plan) => {
          const walk = runner.run(plan);
          const replayed = executeIds(engine, walk.choices);
          expect(replayed.stuck).toBeUndefined();
          expect(replayed.applied).toEqual(walk.choices);
          expect(replayed.violation?.property ?? null).toBe(walk.found?.property ?? null);
          if (walk.found) expect(replayed.violation!.kind).toBe(walk.found.kind);
        }), { seed: 3, numRuns: 150 });
      });
    }
  }

  it('the immer backend walks the same schedules as the fast one', () => {
    const fast = new ScheduleRunner(presentQueue, { scenario: 'small', strategy: 'random' });
    const immer = new ScheduleRunner(presentQueue, { scenario: 'small', strategy: 'random', backend: 'immer' });
    fc.assert(fc.property(fast.arbitrary(), (plan: Plan) => {
      expect(immer.run(plan)).toEqual(fast.run(plan));
    }), { seed: 4, numRuns: 20 });
  });
});

describe('coverage of the state space', () => {
  for (const [name, model] of [['locked-counter', lockedCounter], ['pointer-serialised', pointerSerialised], ['small-budget', smallBudget]] as const) {
    it(`${name}: random walks visit exactly the states the explorer counts`, () => {
      // Random walks see concrete states: count every one (no symmetry reduction).
      const exhaustive = check(model, { maxStates: 1e5, symmetry: false });
      expect(exhaustive.verdict).toBe('holds');
      const r = randomCheck(model, { runs: 300, seed: 1, strategy: 'random' });
      expect(r.verdict).toBe('no-violation');
      expect(r.stats.distinctStates).toBe(exhaustive.stats.distinctStates);
    });
  }
});

describe('how plans are read', () => {
  // small-budget: two independent workers (contexts 0 and 1), three steps each, no lock.
  const contexts = (runner: ScheduleRunner, ids: readonly number[]): number[] => ids.map((id) => runner.sys.actions[id].ctx);

  it('random walk: all choices 0 run each context to its end in order', () => {
    const runner = new ScheduleRunner(smallBudget, { strategy: 'random' });
    expect(contexts(runner, runner.run(strategies.random.plain(runner.shape)).choices)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('random walk: choice 1 switches to the next context, which then keeps running; the run ends with the choices', () => {
    const runner = new ScheduleRunner(smallBudget, { strategy: 'random' });
    expect(contexts(runner, runner.run({ strategy: 'random', choices: [0, 1, 0, 0, 0, 0] }).choices)).toEqual([0, 1, 1, 1, 0, 0]);
    expect(contexts(runner, runner.run({ strategy: 'random', choices: [0, 1, 0] }).choices)).toEqual([0, 1, 1]);
  });

  it('PCT: the highest priority runs; a change point after step 2 preempts it', () => {
    const runner = new ScheduleRunner(smallBudget, { strategy: 'pct', depth: 2 });
    const plan = (priorities: number[], changes: number[]): Plan => ({ strategy: 'pct', priorities, changes, picks: [] });
    expect(contexts(runner, runner.run(plan([0, 0], [0])).choices)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(contexts(runner, runner.run(plan([1, 0], [0])).choices)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(contexts(runner, runner.run(plan([0, 0], [2])).choices)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('PCT depth d draws d - 1 change points among the first steps of a run', () => {
    const runner = new ScheduleRunner(presentQueue, { scenario: 'small', strategy: 'pct', depth: 4 });
    fc.assert(fc.property(runner.arbitrary(), (plan: Plan) => {
      if (plan.strategy !== 'pct') throw new Error('a PCT runner drew a random-walk plan');
      expect(plan.changes).toHaveLength(3);
      expect(plan.priorities).toHaveLength(runner.shape.actors);
      for (const c of plan.changes) expect(c).toBeLessThanOrEqual(runner.shape.horizon);
    }), { seed: 1, numRuns: 50 });
  });
});

describe('bad input', () => {
  it('a nondeterministic step is reported before any run, as check reports it', () => {
    expect(() => new ScheduleRunner(nondeterministic)).toThrow(InputError);
    expect(() => new ScheduleRunner(nondeterministic)).toThrow(/worker\/tick: is not deterministic/);
  });
});
