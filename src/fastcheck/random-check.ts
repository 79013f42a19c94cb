/**
 * `randomCheck(model, options)`: the search behind `ddicheck random`. Runs up to
 * `runs` random (or PCT) schedules through fast-check, stops at the first
 * violation and shrinks it, and reports what the runs covered: distinct states
 * visited (by fingerprint) and which pairs of calls and driver contexts were
 * active at once. A result value, never a throw for a violation; bad input
 * throws InputError. Random runs prove nothing beyond themselves.
 */
import fc from 'fast-check';
import type { AnyModel } from '../model/define.js';
import { counterexample, type Counterexample } from '../check.js';
import type { Found } from '../explore/explorer.js';
import { fingerprint } from '../explore/hash.js';
import { FingerprintStore } from '../explore/store.js';
import { InputError } from '../errors.js';
import { ScheduleRunner, type Plan, type ScheduleOptions } from './runner.js';
import { Coverage, type CoverageRow } from './coverage.js';
import { writeScheduleTrace } from './trace-out.js';
import type { StrategyName } from './strategy.js';

export interface RandomCheckOptions extends ScheduleOptions {
  /** Schedules to run (default 1000). */
  readonly runs?: number;
  /** fast-check's seed (default: a fresh one, reported). */
  readonly seed?: number;
  /** Shrink a failing schedule (default true). */
  readonly shrink?: boolean;
  /** Write the shrunk counterexample here as a trace file. */
  readonly trace?: string;
  /** The model's file, recorded in the trace. */
  readonly modelFile?: string;
  /** Stop starting new runs after this many seconds (the runs made are reported). */
  readonly seconds?: number;
}

export interface RandomFailure {
  readonly property: string;
  readonly message: string;
  /** The run (1-based) that first failed. */
  readonly run: number;
  /** fast-check's path of the shrunk counterexample: `fc.assert(property(...), { seed, path })` replays it. */
  readonly path: string;
  readonly shrinks: number;
  /** The shrunk schedule as fast-check shows it. */
  readonly plan: string;
  /** The shrunk schedule, as the explorer reports a violation (action ids), and replayed into steps. */
  readonly found: Found;
  readonly counterexample: Counterexample;
  /** The trace file written, if one was asked for. */
  readonly trace?: string;
}

export interface RandomResult {
  readonly model: string;
  readonly scenario: string;
  readonly bounds: string;
  readonly strategy: StrategyName;
  readonly depth: number;
  readonly maxSteps: number;
  readonly seed: number;
  readonly runsRequested: number;
  /** Runs made: up to and including the first failing one. */
  readonly runs: number;
  /** What those runs covered (shrinking runs not counted). */
  readonly stats: { readonly distinctStates: number; readonly steps: number; readonly longestRun: number; readonly seconds: number };
  readonly coverage: readonly CoverageRow[];
  readonly verdict: 'no-violation' | 'violated';
  readonly failure?: RandomFailure;
  /** Set when the time budget stopped the runs before `runsRequested`. */
  readonly stoppedBy?: string;
}

/** A fresh seed, as fast-check makes one. */
const freshSeed = (): number => (Date.now() ^ (Math.random() * 0x100000000)) | 0;

export function randomCheck(model: AnyModel, opts: RandomCheckOptions = {}): RandomResult {
  const runsRequested = opts.runs ?? 1000;
  if (!Number.isInteger(runsRequested) || runsRequested < 1) throw new InputError('runs', `must be a positive integer, got ${runsRequested}`);
  const seed = opts.seed ?? freshSeed();
  if (!Number.isInteger(seed)) throw new InputError('seed', `must be an integer, got ${seed}`);
  const store = new FingerprintStore();
  const fp = new Uint32Array(2);
  let coverage: Coverage | null = null;
  let recording = false;
  const runner = new ScheduleRunner(model, opts, (vec) => {
    if (!recording) return;
    fingerprint(vec, fp);
    if (store.add(vec, fp) >= 0) coverage!.observe(vec);
  });
  coverage = new Coverage(runner.sys);
  let steps = 0;
  let longestRun = 0;
  let last: { found: Found; plan: Plan } | null = null;
  const t0 = performance.now();
  let seconds = 0;
  recording = true;
  const prop = fc.property(runner.arbitrary(), (plan) => {
    const r = runner.run(plan);
    if (recording) { steps += r.choices.length; longestRun = Math.max(longestRun, r.choices.length); }
    if (!r.found) return true;
    if (recording) { recording = false; seconds = (performance.now() - t0) / 1000; }
    last = { found: r.found, plan };
    return false;
  });
  if (opts.seconds !== undefined && !(opts.seconds > 0)) throw new InputError('seconds', `must be a positive number, got ${opts.seconds}`);
  const limit = opts.seconds !== undefined ? { interruptAfterTimeLimit: opts.seconds * 1000, markInterruptAsFailure: false } : {};
  const d = fc.check(prop, { numRuns: runsRequested, seed, endOnFailure: opts.shrink === false, ...limit });
  if (recording) seconds = (performance.now() - t0) / 1000;
  const base = {
    model: model.name, scenario: runner.sys.scenarioName, bounds: runner.sys.bounds,
    strategy: runner.strategy.name, depth: runner.shape.depth, maxSteps: runner.shape.maxSteps,
    seed: d.seed, runsRequested, runs: d.numRuns,
    stats: { distinctStates: store.size, steps, longestRun, seconds },
    coverage: coverage.rows(),
    ...(d.interrupted && !d.failed ? { stoppedBy: `the time budget of ${opts.seconds} s ran out after ${d.numRuns} of ${runsRequested} runs` } : {}),
  };
  if (!d.failed) return { ...base, verdict: 'no-violation' };
  // A step that throws or is not deterministic is bad input, not a failing schedule.
  if (d.errorInstance instanceof InputError) throw d.errorInstance;
  if (!last) throw new Error(`internal: fast-check reported a failure without a failing schedule: ${String(d.errorInstance)}`);
  const { found, plan } = last as { found: Found; plan: Plan };
  const trace = opts.trace ? writeScheduleTrace(runner, found, opts.trace, opts.modelFile) ?? undefined : undefined;
  return {
    ...base, verdict: 'violated',
    failure: {
      property: found.property, message: found.message, run: d.numRuns, path: d.counterexamplePath ?? '', shrinks: d.numShrinks,
      plan: fc.stringify(plan), found, counterexample: counterexample(runner.sys, runner.backend, found), ...(trace ? { trace } : {}),
    },
  };
}

/**
 * How many runs it takes `runner` to find a violation with `seed` (of `property`
 * when given: runs that end in another violation count as misses): the 1-based
 * run and what it found, or null if none of `runs` runs did. No shrinking, no
 * statistics: what the benchmark and the tests measure.
 */
export function firstViolation(runner: ScheduleRunner, seed: number, runs: number, property?: string): { readonly run: number; readonly found: Found } | null {
  let found: Found | null = null;
  const d = fc.check(fc.property(runner.arbitrary(), (plan) => {
    found = runner.run(plan).found;
    if (found !== null && property !== undefined && found.property !== property) found = null;
    return found === null;
  }), { numRuns: runs, seed, endOnFailure: true });
  if (!d.failed) return null;
  // A step that throws or is not deterministic: bad input, not a violation.
  if (found === null) throw d.errorInstance instanceof Error ? d.errorInstance : new Error(String(d.errorInstance));
  return { run: d.numRuns, found };
}
