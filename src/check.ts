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
import { Search, type Budget, type ExploreOptions, type Relearn, type Stats, type Found, type ExploreResult } from './explore/explorer.js';
import type { SearchOrder } from './explore/frontier.js';
import { replay, type TraceStep } from './explore/steps.js';
import { ParallelSearch } from './explore/parallel/search.js';
import { planWorkers } from './explore/parallel/plan.js';
import { checkSymmetric, makeCanonicalizer } from './explore/symmetry/index.js';
import { Expander } from './explore/expand.js';
import { checkModelKeys } from './model/keys.js';
import { InputError } from './errors.js';
import { splitNote, type SplitInfo } from './explore/split.js';

export type BackendName = 'fast' | 'immer';
export type Verdict = 'holds' | 'violated' | 'inconclusive';

/** What a check takes: the scenario, backend, search order and store, and the explorer's budgets and hooks. */
export interface CheckOptions extends Budget, Pick<ExploreOptions, 'progress' | 'interrupted' | 'stuckCheck' | 'stuckCheckMaxTransitions' | 'memoryMB' | 'por' | 'lipton' | 'split' | 'symmetry' | 'countOrbits'> {
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
  /** Partial-order reduction was on: a breadth-first counterexample is then shortest in the reduced graph only. */
  readonly por?: boolean;
  /** What a `holds` verdict does not cover ("stuck-context check skipped: ..."), and any reduction used (every verdict), how symmetry counted its states, and options that could not apply. */
  readonly notes?: readonly string[];
  /** --split i/n: the verdict is for this shard's part of the space only (see explore/split.ts). */
  readonly split?: SplitInfo;
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
  let { sys, search, backendName, workers, notes } = start(model, opts);
  let r = search.run()!;
  // A transaction search whose lock discipline broke runs again with what it learnt.
  while (search.restart) ({ sys, search, workers, notes } = start(model, opts, search.restart)), r = search.run()!;
  return finish(model, sys, backendName, opts, r, search.splitInfo(), workers, notes);
}

/**
 * The same as `check`, but the search runs in slices and yields to the event loop
 * between them, so signal handlers (Ctrl-C) and timers keep working.
 */
export async function checkAsync(model: AnyModel, opts: CheckOptions = {}): Promise<CheckResult> {
  let { sys, search, backendName, workers, notes } = start(model, opts);
  let r: ExploreResult | null;
  for (;;) {
    while ((r = search.run(100)) === null) await new Promise((res) => setImmediate(res));
    if (!search.restart) break;
    ({ sys, search, workers, notes } = start(model, opts, search.restart));
  }
  return finish(model, sys, backendName, opts, r, search.splitInfo(), workers, notes);
}

/** Rounds of a transaction search at most; past them the search runs with partial-order reduction alone. */
const MAX_RELEARN = 20;

/** What `check` drives: the one-thread search, or the parallel one (which has no transaction rounds and no split). */
type Driven = Pick<Search<unknown>, 'run'> & { readonly restart: Relearn | null; splitInfo(): SplitInfo | null };

function start(model: AnyModel, opts: CheckOptions, relearn?: Relearn): { sys: System; search: Driven; backendName: BackendName; workers: number; notes: string[] } {
  checkModelKeys(model, `model ${model.name}`);
  const sys = compile(model, opts.scenario);
  if (opts.split && opts.order === 'dfs') throw new InputError('--split', 'splits a breadth-first search at a level of it', 'leave out --dfs');
  const backendName = opts.backend ?? 'fast';
  const engine = new Engine(sys, makeBackend(sys, backendName));
  if (opts.watch) engine.running = opts.watch;
  const budget = { ...sys.scenario.budget, ...definedOnly({ maxStates: opts.maxStates, maxDepth: opts.maxDepth, seconds: opts.seconds }) };
  const explore = {
    ...budget, order: opts.order, store: opts.exact ? 'exact' : 'fingerprint', progress: opts.progress, interrupted: opts.interrupted, stuckCheck: opts.stuckCheck,
    stuckCheckMaxTransitions: opts.stuckCheckMaxTransitions, memoryMB: opts.memoryMB, symmetry: opts.symmetry, countOrbits: opts.countOrbits,
  } as const;
  let plan = planWorkers(opts);
  // The stuck-context check under symmetry works on the quotient graph and concrete closures, which the
  // one-thread search has: a parallel one would give a different verdict, so it does not run.
  if (plan.workers > 1 && opts.stuckCheck !== false && opts.symmetry !== false && symmetricHere(engine)) {
    plan = { workers: 1, notes: [`ran on one worker, not ${plan.workers}: the stuck-context check under symmetry runs on one thread (--no-stuck-check, or --no-symmetry, lets the search use more)`] };
  }
  if (plan.workers > 1) {
    const par = new ParallelSearch(engine, { ...explore, workers: plan.workers, file: opts.file!, scenario: opts.scenario, backend: backendName, watch: opts.watch });
    return { sys, search: Object.assign(par, { restart: null, splitInfo: () => null }), backendName, workers: plan.workers, notes: plan.notes };
  }
  const search = new Search(engine, {
    ...explore, por: opts.por || opts.lipton, ...(opts.lipton ? { lipton: !relearn || relearn.why.length < MAX_RELEARN, relearn } : {}), split: opts.split,
  });
  return { sys, search, backendName, workers: 1, notes: plan.notes };
}

function finish(model: AnyModel, sys: System, backendName: BackendName, opts: CheckOptions, r: ExploreResult, split: SplitInfo | null, workers: number, planNotes: readonly string[]): CheckResult {
  const base = { model: model.name, scenario: sys.scenarioName, bounds: sys.bounds, stats: r.stats, backend: backendName, order: opts.order ?? 'bfs', exact: !!opts.exact, workers, ...(opts.por || opts.lipton ? { por: true } : {}) } as const;
  // Every verdict states its bounds: options that could not apply, a reduction's notes, how symmetry counted
  // the states (or why it did not), and for a split search that it covers one shard's part.
  const sym = symmetryNote(r.stats);
  const notes = [...planNotes, ...(r.notes ?? []), ...(sym ? [sym] : []), ...(split ? [splitNote(split, r.verdict)] : [])];
  const extra = { ...(notes.length > 0 ? { notes } : {}), ...(split ? { split } : {}) };
  if (r.verdict === 'holds') return { ...base, verdict: 'holds', ...extra };
  if (r.verdict === 'inconclusive') return { ...base, verdict: 'inconclusive', reason: r.reason, ...extra };
  return { ...base, verdict: 'violated', property: r.found.property, message: r.found.message, counterexample: counterexample(sys, backendName, r.found), ...extra };
}

/** Whether symmetry reduction applies to this system: a non-trivial group and a model that passes the sampled check. */
function symmetricHere(engine: Engine<unknown>): boolean {
  const c = makeCanonicalizer(engine.sys);
  return c !== null && checkSymmetric(new Expander(engine), c) === null;
}

/** The symmetry line of a verdict's notes, or null when the scenario has no interchangeable contexts. */
export function symmetryNote(stats: Stats): string | null {
  const y = stats.symmetry;
  if (!y) return null;
  if (!y.applied) return y.why?.startsWith('symmetry') ? y.why : `symmetry (${y.group}) ${y.why ?? 'not applied'}: every state stored`;
  const n = stats.distinctStates.toLocaleString('en-US');
  const u = y.unreducedStates !== undefined ? ` (${y.unreducedStates.toLocaleString('en-US')} states unreduced)` : '';
  return `symmetry: ${y.group}; ${n} states stored as orbit representatives${u}`;
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
