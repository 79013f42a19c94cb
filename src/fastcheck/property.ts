/**
 * `property(model, options)`: random schedules of a model as a fast-check
 * property. Each run draws a schedule (a random walk or PCT), runs it, and checks
 * every property on every state it visits as the explorer does; a failing
 * schedule throws a ScheduleViolation, fast-check shrinks it (fewer steps, fewer
 * contexts, fewer preemptions), and the smallest one is written as a trace file.
 *
 *     fc.assert(property(model, { scenario: 'tdr', strategy: 'pct', depth: 3 }), { numRuns: 2000 });
 *
 * Random schedules prove nothing beyond the runs made: `check` (or
 * `expect(model).toHold()`) is the proof within the bounds; this is for models too
 * large to exhaust, and for finding a bug fast.
 */
import fc from 'fast-check';
import type { AnyModel } from '../model/define.js';
import type { Found } from '../explore/explorer.js';
import { ScheduleRunner, type Plan, type ScheduleOptions } from './runner.js';
import { defaultTracePath, writeScheduleTrace } from './trace-out.js';
import { violationMessage } from './message.js';

export interface PropertyOptions extends ScheduleOptions {
  /**
   * Where to write the trace of a failing schedule (overwritten as fast-check
   * shrinks, so it ends up holding the smallest), or false for none. Default: a
   * file under the system temp folder, named in the failure message.
   */
  readonly trace?: string | false;
  /** The model's file, recorded in the trace so `ddicheck replay` can load the model. */
  readonly modelFile?: string;
}

/** Thrown by a property run whose schedule violates a property. */
export class ScheduleViolation extends Error {
  override name = 'ScheduleViolation';
  constructor(
    message: string,
    /** The violated property: an invariant's name, `data-race`, `deadlock`, a contract rule, ... */
    readonly property: string,
    /** What the explorer would report: the action ids from the initial state, and the kind. */
    readonly found: Found,
    /** The trace file written, if any. */
    readonly trace: string | null,
  ) { super(message); }
}

/** A fast-check property over schedules of `model`; also `property(model, 'scenario', options)`. */
export function property(model: AnyModel, scenarioOrOptions?: string | PropertyOptions, options: PropertyOptions = {}): fc.IPropertyWithHooks<[Plan]> {
  const opts: PropertyOptions = typeof scenarioOrOptions === 'string' ? { ...options, scenario: scenarioOrOptions } : { ...scenarioOrOptions, ...options };
  const runner = new ScheduleRunner(model, opts);
  const tracePath = opts.trace === false ? null : opts.trace ?? defaultTracePath(runner);
  return fc.property(runner.arbitrary(), (plan) => {
    const r = runner.run(plan);
    if (!r.found) return;
    const v = scheduleViolation(runner, r.found, tracePath, opts.modelFile);
    showWith(plan, v.message);
    throw v;
  });
}

const shownAs = new WeakMap<object, () => string>();

/**
 * fast-check's failure message shows the counterexample, and the error a
 * property threw only as the message's `.cause`: so the failing schedule is
 * shown followed by its violation, and the message alone says what broke.
 */
function showWith(plan: Plan, violation: string): void {
  const own = shownAs.get(plan) ?? ((plan as unknown as Record<symbol, unknown>)[fc.toStringMethod] as (() => string) | undefined)?.bind(plan) ?? (() => fc.stringify({ ...plan }));
  shownAs.set(plan, own);
  Object.defineProperty(plan, fc.toStringMethod, { value: () => `${own()}\n${violation}`, configurable: true, enumerable: false });
}

/** The error for a failing schedule, its trace written to `tracePath` (when not null). */
export function scheduleViolation(runner: ScheduleRunner, found: Found, tracePath: string | null, modelFile?: string): ScheduleViolation {
  const written = tracePath ? writeScheduleTrace(runner, found, tracePath, modelFile) : null;
  const hint = written && !modelFile ? 'the trace names no model file: replay it with ddicheck replay FILE --model MODEL.ts (or pass modelFile to property())' : undefined;
  const msg = violationMessage(runner.sys, runner.describe(), found, { path: written, hint });
  return new ScheduleViolation(msg, found.property, found, written);
}
