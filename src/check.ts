/**
 * `check(model, options)`: the one call behind the command line and the test
 * helpers. Compiles the model under a scenario, explores every reachable state on
 * the chosen backend, and returns a result value (never throws for a violation);
 * bad models throw InputError.
 */
import type { AnyModel } from './model/define.js';
import { compile, type System } from './engine/system.js';
import { Engine } from './engine/semantics.js';
import { FastBackend } from './engine/backend-fast.js';
import { ImmerBackend } from './engine/backend-immer.js';
import type { Backend } from './engine/backend.js';
import { Search, type Budget, type ExploreOptions, type Stats, type Found, type ExploreResult } from './explore/explorer.js';
import type { SearchOrder } from './explore/frontier.js';
import { replay, type TraceStep } from './explore/steps.js';
import { ParallelSearch } from './explore/parallel/search.js';
import { planWorkers } from './explore/parallel/plan.js';
import { checkModelKeys } from './model/keys.js';

export type BackendName = 'fast' | 'immer';
export type Verdict = 'holds' | 'violated' | 'inconclusive';

/** What a check takes: the scenario, backend, search order and store, and the explorer's budgets and hooks. */
export interface CheckOptions extends Budget, Pick<ExploreOptions, 'progress' | 'interrupted' | 'stuckCheck' | 'stuckCheckMaxTransitions' | 'memoryMB'> {
  readonly scenario?: string;
  readonly backend?: BackendName;
  readonly order?: SearchOrder;
  /** Keep whole states too: no fingerprint can hide a state, collisions are counted. */
  readonly exact?: boolean;
  /** For a watchdog on another thread: the engine writes the step it runs here (see Engine.running). */
  readonly watch?: Int32Array;
  /**
   * Search on this many worker threads (breadth-first, partitioned by
   * fingerprint; the same counts, verdict and counterexample as one). Default
   * 1: the search runs on the calling thread. Needs `file`.
   */
  readonly workers?: number;
  /** The file the model was loaded from, which a worker thread can import (a model defined inline has none: one worker). */
  readonly file?: string;
}

export interface Counterexample {
  readonly kind: Found['kind'];
  readonly choices: readonly number[];
  readonly steps: readonly TraceStep[];
  /** For a data race: the two steps that race, both enabled after the last step. */
  readonly race?: { readonly location: string; readonly steps: readonly [string, string] };
}

export interface CheckResult {
  readonly model: string;
  readonly scenario: string;
  readonly verdict: Verdict;
  readonly property?: string;
  readonly message?: string;
  /** The bounds of the check in words: "2 processes x 1 thread, 2 interrupts". */
  readonly bounds: string;
  /** Why an inconclusive search stopped. */
  readonly reason?: string;
  readonly stats: Stats;
  readonly backend: BackendName;
  readonly order: SearchOrder;
  readonly exact: boolean;
  /** Worker threads the search ran on (1: the calling thread alone; absent in results made elsewhere). */
  readonly workers?: number;
  readonly counterexample?: Counterexample;
  /** What the verdict does not cover ("stuck-context check skipped: ..."), and options that could not apply. */
  readonly notes?: readonly string[];
}

/** Makes a backend over a compiled system. */
const BACKENDS: Readonly<Record<BackendName, (sys: System) => Backend<unknown>>> = {
  fast: (sys) => new FastBackend(sys),
  immer: (sys) => new ImmerBackend(sys),
};

export function makeBackend(sys: System, name: BackendName = 'fast'): Backend<unknown> {
  return BACKENDS[name](sys);
}

/** Model-checks `model` under one scenario. */
export function check(model: AnyModel, opts: CheckOptions = {}): CheckResult {
  const { sys, search, backendName, workers, notes } = start(model, opts);
  return finish(model, sys, backendName, opts, search.run()!, workers, notes);
}

/**
 * The same as `check`, but the search runs in slices and yields to the event loop
 * between them, so signal handlers (Ctrl-C) and timers keep working.
 */
export async function checkAsync(model: AnyModel, opts: CheckOptions = {}): Promise<CheckResult> {
  const { sys, search, backendName, workers, notes } = start(model, opts);
  let r: ExploreResult | null;
  while ((r = search.run(100)) === null) await new Promise((res) => setImmediate(res));
  return finish(model, sys, backendName, opts, r, workers, notes);
}

function start(model: AnyModel, opts: CheckOptions): { sys: System; search: Pick<Search<unknown>, 'run'>; backendName: BackendName; workers: number; notes: string[] } {
  checkModelKeys(model, `model ${model.name}`);
  const sys = compile(model, opts.scenario);
  const backendName = opts.backend ?? 'fast';
  const engine = new Engine(sys, makeBackend(sys, backendName));
  if (opts.watch) engine.running = opts.watch;
  const budget = { ...sys.scenario.budget, ...definedOnly({ maxStates: opts.maxStates, maxDepth: opts.maxDepth, seconds: opts.seconds }) };
  const explore = { ...budget, order: opts.order, store: opts.exact ? 'exact' : 'fingerprint', progress: opts.progress, interrupted: opts.interrupted, stuckCheck: opts.stuckCheck, stuckCheckMaxTransitions: opts.stuckCheckMaxTransitions, memoryMB: opts.memoryMB } as const;
  const plan = planWorkers(opts);
  const search = plan.workers > 1
    ? new ParallelSearch(engine, { ...explore, workers: plan.workers, file: opts.file!, scenario: opts.scenario, backend: backendName, watch: opts.watch })
    : new Search(engine, explore);
  return { sys, search, backendName, workers: plan.workers, notes: plan.notes };
}

function finish(model: AnyModel, sys: System, backendName: BackendName, opts: CheckOptions, r: ExploreResult, workers: number, extra: readonly string[]): CheckResult {
  const base = { model: model.name, scenario: sys.scenarioName, bounds: sys.bounds, stats: r.stats, backend: backendName, order: opts.order ?? 'bfs', exact: !!opts.exact, workers } as const;
  const notes = [...extra, ...(r.verdict === 'holds' ? r.notes ?? [] : [])];
  const withNotes = notes.length > 0 ? { notes } : {};
  if (r.verdict === 'holds') return { ...base, verdict: 'holds', ...withNotes };
  if (r.verdict === 'inconclusive') return { ...base, verdict: 'inconclusive', reason: r.reason, ...withNotes };
  return { ...base, verdict: 'violated', property: r.found.property, message: r.found.message, counterexample: counterexample(sys, backendName, r.found), ...withNotes };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Replays what the explorer found into readable steps. */
export function counterexample(sys: System, backend: BackendName, found: Found): Counterexample {
  const engine = new Engine(sys, makeBackend(sys, backend));
  const { steps } = replay(engine, found.choices);
  const race = found.race ? { location: found.race.location, steps: found.race.actions.map((id) => { const a = sys.actions[id]; return `${sys.contexts[a.ctx].info.name} ${a.name}`; }) as [string, string] } : undefined;
  return { kind: found.kind, choices: found.choices, steps, race };
}
