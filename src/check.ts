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
import { checkModelKeys } from './model/keys.js';

export type BackendName = 'fast' | 'immer';
export type Verdict = 'holds' | 'violated' | 'inconclusive';

/** What a check takes: the scenario, backend, search order and store, and the explorer's budgets and hooks. */
export interface CheckOptions extends Budget, Pick<ExploreOptions, 'progress' | 'interrupted' | 'stuckCheck' | 'stuckCheckMaxTransitions' | 'memoryMB' | 'symmetry' | 'countOrbits'> {
  readonly scenario?: string;
  readonly backend?: BackendName;
  readonly order?: SearchOrder;
  /** Keep whole states too: no fingerprint can hide a state, collisions are counted. */
  readonly exact?: boolean;
  /** For a watchdog on another thread: the engine writes the step it runs here (see Engine.running). */
  readonly watch?: Int32Array;
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
  readonly counterexample?: Counterexample;
  /** What a verdict does not cover ("stuck-context check skipped: ..."), and how symmetry counted its states. */
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
  const { sys, search, backendName } = start(model, opts);
  return finish(model, sys, backendName, opts, search.run()!);
}

/**
 * The same as `check`, but the search runs in slices and yields to the event loop
 * between them, so signal handlers (Ctrl-C) and timers keep working.
 */
export async function checkAsync(model: AnyModel, opts: CheckOptions = {}): Promise<CheckResult> {
  const { sys, search, backendName } = start(model, opts);
  let r: ExploreResult | null;
  while ((r = search.run(100)) === null) await new Promise((res) => setImmediate(res));
  return finish(model, sys, backendName, opts, r);
}

function start(model: AnyModel, opts: CheckOptions): { sys: System; search: Search<unknown>; backendName: BackendName } {
  checkModelKeys(model, `model ${model.name}`);
  const sys = compile(model, opts.scenario);
  const backendName = opts.backend ?? 'fast';
  const engine = new Engine(sys, makeBackend(sys, backendName));
  if (opts.watch) engine.running = opts.watch;
  const budget = { ...sys.scenario.budget, ...definedOnly({ maxStates: opts.maxStates, maxDepth: opts.maxDepth, seconds: opts.seconds }) };
  const search = new Search(engine, { ...budget, order: opts.order, store: opts.exact ? 'exact' : 'fingerprint', progress: opts.progress, interrupted: opts.interrupted, stuckCheck: opts.stuckCheck, stuckCheckMaxTransitions: opts.stuckCheckMaxTransitions, memoryMB: opts.memoryMB, symmetry: opts.symmetry, countOrbits: opts.countOrbits });
  return { sys, search, backendName };
}

function finish(model: AnyModel, sys: System, backendName: BackendName, opts: CheckOptions, r: ExploreResult): CheckResult {
  const base = { model: model.name, scenario: sys.scenarioName, bounds: sys.bounds, stats: r.stats, backend: backendName, order: opts.order ?? 'bfs', exact: !!opts.exact } as const;
  // Symmetry belongs to the bounds of every verdict: how states were counted, or why they were not reduced.
  const sym = symmetryNote(r.stats);
  const notes = [...(r.verdict === 'holds' ? r.notes ?? [] : []), ...(sym ? [sym] : [])];
  const withNotes = notes.length > 0 ? { notes } : {};
  if (r.verdict === 'holds') return { ...base, verdict: 'holds', ...withNotes };
  if (r.verdict === 'inconclusive') return { ...base, verdict: 'inconclusive', reason: r.reason, ...withNotes };
  return { ...base, verdict: 'violated', property: r.found.property, message: r.found.message, counterexample: counterexample(sys, backendName, r.found), ...withNotes };
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
