/**
 * The vitest matchers as a user writes them: one import, then one line per
 * check. The failure messages are asserted too, since they are what a user
 * reads when a check fails: the verdict, the bounds, and what to do.
 */
import { describe, expect, it } from 'vitest';
import 'ddicheck/vitest';
import lockedCounter from '../fixtures/holds/locked-counter.js';
import pointerSerialised from '../fixtures/holds/pointer-serialised.js';
import smallBudget from '../fixtures/inconclusive/small-budget.js';
import lostUpdate from '../fixtures/violated/lost-update.js';
import racyCounter from '../fixtures/violated/racy-counter.js';
import reentrantDdi from '../fixtures/violated/reentrant-ddi.js';
import presentQueue from '../../models/present-queue.js';

/** The message a failing expectation throws. */
function failure(f: () => void): string {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected the expectation to fail');
}

describe('as a user writes them', () => {
  it('toHold', () => {
    expect(lockedCounter).toHold();
    expect(pointerSerialised).toHold('default');
    expect(presentQueue).toHold('small');
    expect(smallBudget).toHold('default', { maxStates: 100 });
  });

  it('toViolate', () => {
    expect(lostUpdate).toViolate('default', 'lostUpdate');
    expect(racyCounter).toViolate('default', 'data-race');
    expect(reentrantDdi).toViolate('default', 'no-reentrancy');
    expect(reentrantDdi).toViolate();
    expect(lockedCounter).not.toViolate();
  });

  it('toHoldUnderRandomSchedules', () => {
    expect(presentQueue).toHoldUnderRandomSchedules({ scenario: 'default', runs: 200, seed: 1 });
    expect(lockedCounter).toHoldUnderRandomSchedules({ strategy: 'random', runs: 100, seed: 1 });
    expect(lostUpdate).not.toHoldUnderRandomSchedules({ runs: 100, seed: 1, trace: false });
  });
});

describe('what a failure says', () => {
  it('toHold on a violated model: the property, its message, the bounds and the counterexample', () => {
    const msg = failure(() => expect(lostUpdate).toHold());
    expect(msg).toMatch(/^expected model lost-update, scenario default \(2 worker threads\) to hold, but it violates lostUpdate: both workers finished but count is 1, not 2\n/);
    expect(msg).toContain('Counterexample:');
    expect(msg).toContain('-- in this state: both workers finished but count is 1, not 2');
  });

  it('toHold when the budget runs out fails, and says nothing is proven and what to do', () => {
    const msg = failure(() => expect(smallBudget).toHold());
    expect(msg).toContain('model small-budget, scenario default (1 left thread, 1 right thread): INCONCLUSIVE, the budget ran out (state budget of 5 distinct states ran out) after 5 states without a violation: nothing is proven.');
    expect(msg).toContain("Raise the budget, e.g. toHold('default', { maxStates: 1_000_000 })");
    expect(failure(() => expect(lockedCounter).toHold('default', { maxStates: 3 }))).toContain('INCONCLUSIVE');
  });

  it('an inconclusive search fails .not.toHold() too: it is not a violation', () => {
    expect(failure(() => expect(smallBudget).not.toHold())).toContain('INCONCLUSIVE');
    expect(failure(() => expect(smallBudget).not.toViolate())).toContain('INCONCLUSIVE');
  });

  it('toViolate on a model that holds, or that violates another property first', () => {
    expect(failure(() => expect(lockedCounter).toViolate('default', 'lostUpdate')))
      .toBe('expected model locked-counter, scenario default (2 worker threads) to show a violation of lostUpdate, but every property holds in all 12 reachable states');
    expect(failure(() => expect(reentrantDdi).toViolate('default', 'data-race')))
      .toMatch(/^expected model reentrant-ddi, scenario default \(2 processes x 1 thread, 1 call per thread\) to show a violation of data-race, but the first violation found is of no-reentrancy: /);
    expect(failure(() => expect(smallBudget).toViolate('default', 'x')))
      .toContain("before a violation of x was found: nothing is proven.\n  Raise the budget, e.g. toViolate('default', 'x', { maxStates: 1_000_000 })");
  });

  it('.not.toHold and .not.toViolate say what was found', () => {
    expect(failure(() => expect(lockedCounter).not.toHold())).toBe('expected model locked-counter, scenario default (2 worker threads) not to hold, but every property holds in all 12 reachable states');
    expect(failure(() => expect(lostUpdate).not.toViolate('default', 'lostUpdate'))).toMatch(/not to show a violation of lostUpdate, but it violates lostUpdate: /);
  });

  it('toHoldUnderRandomSchedules: fast-check\'s seed and path, the shrunk schedule, the violation', () => {
    const msg = failure(() => expect(lostUpdate).toHoldUnderRandomSchedules({ seed: 1, runs: 100, trace: false }));
    expect(msg).toMatch(/^expected model lost-update to hold under random schedules \(PCT schedules\), but run \d+ failed\n/);
    expect(msg).toMatch(/\{ seed: 1, path: "[\d:]+", endOnFailure: true \}/);
    expect(msg).toMatch(/Counterexample: \[(pct\{|random\[)/);
    expect(msg).toContain('VIOLATED lostUpdate: both workers finished but count is 1, not 2');
    expect(msg).toContain('schedule of 4 steps:');
  });

  it('a passing random run says it proves nothing beyond its runs', () => {
    expect(failure(() => expect(lockedCounter).not.toHoldUnderRandomSchedules({ seed: 1, runs: 50 })))
      .toBe('expected model locked-counter to fail under random schedules, but 50 runs (PCT schedules, seed 1) found no violation (random schedules prove nothing beyond the runs made)');
  });

  it('a value that is not a model is a clear error', () => {
    expect(failure(() => expect({}).toHold())).toBe('expect(model).toHold(): the value is not a ddicheck model (pass what defineModel returned, e.g. the default export of a model file)');
  });
});
