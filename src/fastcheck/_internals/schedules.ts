/**
 * The arbitrary of schedules fast-check sees: plans of the chosen strategy, whose
 * shrinking knows what a schedule is. Shrinking a failing plan tries, in order:
 *
 * 1. Its meaning: the same schedule with every choice reduced to the option it
 *    picked (choice 40000 among 3 options is option 1), PCT keys reduced to the
 *    smallest that give the same order. It fails like the plan, so it is taken
 *    at once, and later shrinks start from small numbers.
 * 2. The minimized schedule (src/trace/minimize.ts: drop whole contexts, calls,
 *    chunks of steps; merge runs of one context), as a random-walk plan. A
 *    plan's own shrinks change one choice or drop a few, which rarely removes a
 *    context cleanly; this does, and PCT counterexamples shed the contexts their
 *    priorities made run.
 * 3. The strategy's own shrinks (fewer and smaller choices, fewer change
 *    points), keeping only those whose schedule still fails and is no longer.
 *
 * Each accepted shrink makes (schedule size, plan) smaller: 2 makes the size
 * (steps, contexts, switches) smaller, 1 and 3 keep it no larger and make the
 * plan smaller in fast-check's own order. So shrinking ends. Everything here is
 * computed by running plans, never kept from an earlier run, so fast-check's
 * `{ seed, path }` replays the same shrinks.
 */
import fc from 'fast-check';

/** Size of a schedule, compared in order: steps, contexts, context switches. */
export interface Size { readonly steps: number; readonly contexts: number; readonly switches: number }

export interface ScheduleSpace<T> {
  /** Plans as the strategy draws them. */
  readonly primary: fc.Arbitrary<T>;
  /** Random-walk plans (the form of a minimized schedule). */
  readonly walk: fc.Arbitrary<T>;
  /** Whether `value` is a random-walk plan while the strategy's plans are not. */
  isWalk(value: T): boolean;
  /** The size of the failing schedule `value` runs, or null if it does not fail. */
  size(value: T): Size | null;
  /** A smaller plan with the same schedule, or null. */
  meaning(value: T): T | null;
  /** The minimized schedule of failing `value` as a random-walk plan, or null if it is no smaller. */
  minimized(value: T): T | null;
}

export function smallerSize(a: Size, b: Size): boolean {
  if (a.steps !== b.steps) return a.steps < b.steps;
  if (a.contexts !== b.contexts) return a.contexts < b.contexts;
  return a.switches < b.switches;
}

class Schedules<T> extends fc.Arbitrary<T> {
  constructor(private readonly s: ScheduleSpace<T>) { super(); }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> { return this.s.primary.generate(mrng, biasFactor); }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.s.primary.canShrinkWithoutContext(value) || this.s.walk.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    const { s } = this;
    // Values made here have no context: their own arbitrary shrinks them through its unmapper.
    const own = s.isWalk(value) ? s.walk : s.primary;
    const size = s.size(value);
    const shrinks = own.shrink(value, context);
    if (size === null) return shrinks;
    const made = (f: () => T | null, arb: fc.Arbitrary<T>): fc.Stream<fc.Value<T>> => new fc.Stream((function* () {
      const v = f();
      if (v !== null && arb.canShrinkWithoutContext(v)) yield new fc.Value(v, undefined);
    })());
    return made(() => s.meaning(value), own)
      .join(made(() => s.minimized(value), s.walk))
      .join(shrinks.filter((v) => { const z = s.size(v.value); return z !== null && !smallerSize(size, z); }));
  }
}

export function schedules<T>(space: ScheduleSpace<T>): fc.Arbitrary<T> {
  return new Schedules(space);
}
