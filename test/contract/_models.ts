/**
 * Small models for the contract tests: a driver whose handlers do (almost)
 * nothing, for driver mode; a dispatcher that does no locking at all, for
 * conformance mode; and a tripwire invariant that fails when a given overlap is
 * reached, which shows that a schedule is possible and that no monitor objects
 * to it on the way (the monitors are checked before the model's invariants).
 */
import { defineModel, t, type AnyModel, type CallSpec, type ModelDef, type Procedure, type Scenario, type SystemView } from '../../src/index.js';

type Extra = Partial<Omit<ModelDef, 'name' | 'scenarios'>>;

/** DDI names of a scenario's calls. */
export function ddiNames(calls: Scenario['calls']): string[] {
  if (calls === undefined) return [];
  const specs: readonly CallSpec[] = Array.isArray(calls) ? calls : Object.keys(calls);
  return [...new Set(specs.map((c) => (typeof c === 'string' ? c : c.ddi)))];
}

/** A handler of `steps` steps (1: it returns at once; 2: it counts in a local first). */
export function trivialHandler(steps: 1 | 2): Procedure<any> {
  return steps === 1
    ? { steps: { body: { next: 'return' } } }
    : { steps: { work: (s) => { s.local.n = 1; return 'body'; }, body: { next: 'return' } } };
}

/** Driver mode: every DDI of the scenario handled by a trivial handler (overridable). */
export function driver(name: string, scenario: Scenario, extra: Extra & { handlerSteps?: 1 | 2 } = {}): AnyModel {
  const { handlerSteps = 1, ddis = {}, ...rest } = extra;
  const handlers: Record<string, Procedure<any>> = {};
  for (const d of ddiNames(scenario.calls)) handlers[d] = trivialHandler(handlerSteps);
  return defineModel({ name, local: { n: t.int(0, 1) }, ...rest, ddis: { ...handlers, ...ddis }, scenarios: { default: scenario } } as ModelDef);
}

/** The dispatcher that does no locking: enter the driver, leave it. */
export const FREE_DISPATCH: Procedure<any> = {
  steps: {
    enter: (_s, k) => { k.enterDriver(); return 'leave'; },
    leave: (_s, k) => { k.leaveDriver(); return 'return'; },
  },
};

/** Conformance mode with a dispatcher (default: the free one). */
export function conformance(name: string, scenario: Scenario, extra: Extra & { dispatch?: Procedure<any> } = {}): AnyModel {
  const { dispatch = FREE_DISPATCH, threads = {}, ...rest } = extra;
  return defineModel({ name, ...rest, threads: { ...threads, dispatch }, scenarios: { default: { ...scenario, dispatcher: 'dispatch' } } } as ModelDef);
}

/**
 * An invariant that fails (property `reached`) once calls matching each of
 * `keys` are in the driver at once on different contexts. `inDriver(at)` says
 * which labels of a context are inside the driver (driver mode: any).
 */
export function reached(keys: readonly ((key: string) => boolean)[], inDriver: (at: string) => boolean = () => true) {
  return {
    reached: (s: SystemView) => {
      const active = s.contexts.filter((c) => c.call !== null && c.at !== null && inDriver(c.at));
      const used = new Set<number>();
      for (const match of keys) {
        const i = active.findIndex((c, j) => !used.has(j) && match(c.call!));
        if (i < 0) return true;
        used.add(i);
      }
      return `reached: ${active.map((c) => `${c.name} in ${c.call}`).join(', ')}`;
    },
  };
}

/** Matches a call key exactly or by DDI name. */
export const is = (key: string) => (k: string): boolean => k === key || k.startsWith(`${key}[`);
