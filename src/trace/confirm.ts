/**
 * Replays a trace file on a model: resolves each recorded choice by name, runs
 * them with every check the explorer makes, and says whether the recorded
 * violation came back at the recorded step. The trace is only read: its choices
 * pick among the steps the model itself offers.
 */
import type { AnyModel } from '../model/define.js';
import { compile, type System } from '../engine/system.js';
import type { BackendName } from '../check.js';
import { execute, type RunResult } from './run.js';
import { resolveChoices, choiceText } from './resolve.js';
import { engineFor } from './build.js';
import type { Trace, TraceChoice, TraceViolation } from './format.js';

export type ReplayOutcome =
  /** The same property at the same step. */
  | { readonly kind: 'reproduced'; readonly violation: TraceViolation }
  /** A violation, but another property or at another step. */
  | { readonly kind: 'different'; readonly violation: TraceViolation }
  /** Every step ran and nothing was violated. */
  | { readonly kind: 'none' }
  /** Step `index` (1-based) could not run. */
  | { readonly kind: 'stuck'; readonly index: number; readonly choice: TraceChoice; readonly why: string };

export interface Replayed { readonly outcome: ReplayOutcome; readonly sys: System; readonly run: RunResult }

/** Replays `trace` on `model` (compiled under the trace's scenario). Throws InputError if the scenario is gone. */
export function replayTrace(trace: Trace, model: AnyModel, opts: { backend?: BackendName } = {}): Replayed {
  const sys = compile(model, trace.scenario.name);
  const engine = engineFor(sys, opts.backend ?? trace.options.backend);
  const run = execute(engine, trace.choices.length, resolveChoices(sys, trace.choices), 'strict', { stuck: trace.violation.kind === 'deadlock' });
  return { outcome: outcomeOf(trace, run), sys, run };
}

function outcomeOf(trace: Trace, run: RunResult): ReplayOutcome {
  const v = run.violation;
  if (v) return v.property === trace.violation.property && v.step === trace.violation.step && v.kind === trace.violation.kind ? { kind: 'reproduced', violation: v } : { kind: 'different', violation: v };
  if (run.stuck) return { kind: 'stuck', index: run.stuck.index, choice: trace.choices[run.stuck.index - 1], why: run.stuck.why };
  return { kind: 'none' };
}

/** Where a violation is, in words: "at step 4", "after step 4", "in the initial state". */
export function whereText(v: TraceViolation): string {
  if (v.step === 0) return 'in the initial state';
  return v.kind === 'step' ? `at step ${v.step}` : `after step ${v.step}`;
}

/** The one-line result of a replay, for people. */
export function outcomeText(trace: Trace, o: ReplayOutcome): string {
  const rec = trace.violation;
  switch (o.kind) {
    case 'reproduced': return `reproduced: ${o.violation.property} ${whereText(o.violation)}: ${o.violation.message}`;
    case 'different': return `violated, but not as recorded: ${o.violation.property} ${whereText(o.violation)}: ${o.violation.message}\n  the trace recorded ${rec.property} ${whereText(rec)}: ${rec.message}`;
    case 'none': return `not reproduced: all ${trace.steps.length} steps replay and no property is violated along them (the trace recorded ${rec.property} ${whereText(rec)})`;
    case 'stuck': return `step ${o.index} (${choiceText(o.choice)}) no longer replays: it ${o.why}`;
  }
}
