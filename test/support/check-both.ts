/**
 * Runs a check on both backends and insists they agree on everything a user
 * sees: verdict, property, message, reason, state and transition counts, depth,
 * and the counterexample (choices and replayed steps). The immer backend is the
 * oracle the fast one is held to, so every engine test goes through here.
 */
import { expect } from 'vitest';
import { check, type AnyModel, type CheckOptions, type CheckResult } from '../../src/index.js';

/** What must be identical across backends. */
export function observable(r: CheckResult): object {
  return {
    verdict: r.verdict, property: r.property, message: r.message, reason: r.reason, bounds: r.bounds,
    distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, maxDepth: r.stats.maxDepth,
    counterexample: r.counterexample,
  };
}

/** Checks `model` on the fast and the immer backend; returns the fast result after asserting they agree. */
export function checkBoth(model: AnyModel, opts: Omit<CheckOptions, 'backend'> = {}): CheckResult {
  const fast = check(model, { ...opts, backend: 'fast' });
  const immer = check(model, { ...opts, backend: 'immer' });
  expect(observable(immer)).toEqual(observable(fast));
  return fast;
}

/** Step names of a counterexample, in order (`w0 a`, ...): short enough to assert whole. */
export function stepNames(r: CheckResult): string[] {
  return (r.counterexample?.steps ?? []).map((s) => (s.context ? `${s.context.name} ${s.step}` : s.step));
}
