/**
 * The vitest matchers, as plain functions over a model (registered by
 * `import 'ddicheck/vitest'`, see setup.ts):
 *
 * - `expect(model).toHold(scenario?, budget?)`: exhaustive; every property holds
 *   within the scenario's bounds. A budget that runs out is a failure: nothing
 *   was proven.
 * - `expect(model).toViolate(scenario, property?, budget?)`: exhaustive; the
 *   search finds a violation (of that property, when named).
 * - `expect(model).toHoldUnderRandomSchedules({ scenario, runs, seed, ... })`: for
 *   models too large to exhaust; fast-check runs random (or PCT) schedules and
 *   shrinks a failing one. Passing proves nothing beyond the runs made.
 */
import fc from 'fast-check';
import { check, type CheckResult } from '../check.js';
import type { AnyModel } from '../model/define.js';
import type { Budget } from '../explore/explorer.js';
import { textReport } from '../report/text.js';
import { num } from '../report/format.js';
import { property, type PropertyOptions } from '../fastcheck/property.js';

/** An exhaustive check's bounds beyond the scenario: budgets, and the backend. */
export interface CheckBudget extends Budget {
  readonly backend?: 'fast' | 'immer';
}

/** Options of `toHoldUnderRandomSchedules`. */
export interface RandomScheduleOptions extends PropertyOptions {
  /** Schedules to run (default 100). */
  readonly runs?: number;
  /** fast-check's seed: the same seed runs the same schedules (default: a fresh one, printed on failure). */
  readonly seed?: number;
}

/** States an exhaustive matcher explores when neither the call nor the scenario sets a budget. */
export const DEFAULT_MAX_STATES = 1_000_000;

interface Result { pass: boolean; message: () => string }
interface State { readonly isNot: boolean }

/** The matchers' types, merged into vitest's `Assertion` by setup.ts. */
export interface DdicheckMatchers<R = unknown> {
  /** Every property holds in every reachable state of the scenario (default: the model's default one). */
  toHold(scenario?: string, budget?: CheckBudget): R;
  /** The exhaustive search finds a violation, of `property` when given (the first one found: breadth-first, shortest). */
  toViolate(scenario?: string, property?: string, budget?: CheckBudget): R;
  /** No violation in `runs` random schedules (a search, not a proof). */
  toHoldUnderRandomSchedules(options?: RandomScheduleOptions): R;
}

function asModel(received: unknown, matcher: string): AnyModel {
  const m = received as AnyModel | null;
  if (!m || typeof m !== 'object' || typeof m.name !== 'string' || typeof m.scenarios !== 'object') {
    throw new TypeError(`expect(model).${matcher}(): the value is not a ddicheck model (pass what defineModel returned, e.g. the default export of a model file)`);
  }
  return m;
}

/** The scenario compile() would pick, to read its budget. */
function scenarioOf(model: AnyModel, name?: string): { name: string; budget?: Budget } {
  const names = Object.keys(model.scenarios);
  const n = name ?? model.defaultScenario ?? (names.includes('default') ? 'default' : names[0]);
  return { name: n, budget: model.scenarios[n]?.budget };
}

function run(model: AnyModel, scenario: string | undefined, budget: CheckBudget | undefined): CheckResult {
  const sc = scenarioOf(model, scenario);
  const given = budget && (budget.maxStates !== undefined || budget.maxDepth !== undefined || budget.seconds !== undefined);
  const limits = given || sc.budget ? {} : { maxStates: DEFAULT_MAX_STATES };
  return check(model, { scenario, ...limits, ...budget });
}

const where = (r: CheckResult): string => `model ${r.model}, scenario ${r.scenario} (${r.bounds})`;

/** The message of a search that ran out of budget: nothing proven, and what to do. */
function inconclusive(r: CheckResult, sought: string, prop?: string | null): string {
  const more = num(Math.max(DEFAULT_MAX_STATES, r.stats.distinctStates * 4)).replace(/,/g, '_');
  return `${where(r)}: INCONCLUSIVE, the budget ran out (${r.reason}) after ${num(r.stats.distinctStates)} states ${sought}: nothing is proven.\n`
    + `  Raise the budget, e.g. ${prop === undefined ? 'toHold' : 'toViolate'}('${r.scenario}', ${prop === undefined ? '' : `${prop === null ? 'undefined' : `'${prop}'`}, `}{ maxStates: ${more} }), or narrow the scenario; `
    + 'for a model too large to exhaust, toHoldUnderRandomSchedules searches (it proves nothing).';
}

export const matchers = {
  toHold(this: State, received: unknown, scenario?: string, budget?: CheckBudget): Result {
    const r = run(asModel(received, 'toHold'), scenario, budget);
    if (r.verdict === 'inconclusive') {
      // Neither "holds" nor "does not hold": fail .not.toHold() as well.
      const msg = inconclusive(r, 'without a violation');
      if (this.isNot) throw new Error(msg);
      return { pass: false, message: () => msg };
    }
    if (r.verdict === 'holds') {
      return { pass: true, message: () => `expected ${where(r)} not to hold, but every property holds in all ${num(r.stats.distinctStates)} reachable states` };
    }
    return { pass: false, message: () => `expected ${where(r)} to hold, but it violates ${r.property}: ${r.message}\n\n${textReport(r)}` };
  },

  toViolate(this: State, received: unknown, scenario?: string, prop?: string, budget?: CheckBudget): Result {
    const r = run(asModel(received, 'toViolate'), scenario, budget);
    const what = prop ? `a violation of ${prop}` : 'a violation';
    if (r.verdict === 'inconclusive') {
      const msg = inconclusive(r, `before ${what} was found`, prop ?? null);
      if (this.isNot) throw new Error(msg);
      return { pass: false, message: () => msg };
    }
    if (r.verdict === 'holds') {
      return { pass: false, message: () => `expected ${where(r)} to show ${what}, but every property holds in all ${num(r.stats.distinctStates)} reachable states` };
    }
    const pass = prop === undefined || r.property === prop;
    return {
      pass,
      message: () => pass
        ? `expected ${where(r)} not to show ${what}, but it violates ${r.property}: ${r.message}\n\n${textReport(r)}`
        : `expected ${where(r)} to show ${what}, but the first violation found is of ${r.property}: ${r.message}\n\n${textReport(r)}`,
    };
  },

  toHoldUnderRandomSchedules(this: State, received: unknown, options: RandomScheduleOptions = {}): Result {
    const model = asModel(received, 'toHoldUnderRandomSchedules');
    const { runs = 100, seed, ...opts } = options;
    const prop = property(model, opts);
    const d = fc.check(prop, { numRuns: runs, ...(seed !== undefined ? { seed } : {}) });
    const how = `${(opts.strategy ?? 'pct') === 'pct' ? 'PCT' : 'random-walk'} schedules${opts.scenario ? `, scenario ${opts.scenario}` : ''}`;
    if (!d.failed) {
      return { pass: true, message: () => `expected model ${model.name} to fail under random schedules, but ${d.numRuns} runs (${how}, seed ${d.seed}) found no violation (random schedules prove nothing beyond the runs made)` };
    }
    const cause = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
    return { pass: false, message: () => `expected model ${model.name} to hold under random schedules (${how}), but run ${d.numRuns} failed\n\n${fc.defaultReportMessage(d)}\n\n${cause}` };
  },
};
