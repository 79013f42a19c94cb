/**
 * A model compiled once for many random schedules: the engine, one walker, the
 * shape of the plans and the strategy that reads them. `property`, the vitest
 * matchers and `ddicheck random` all run schedules through this.
 */
import type fc from 'fast-check';
import type { AnyModel } from '../model/define.js';
import { compile, type System } from '../engine/system.js';
import { Engine } from '../engine/semantics.js';
import { makeBackend, type BackendName } from '../check.js';
import { InputError } from '../errors.js';
import { Walker, type WalkResult } from './walk.js';
import { actorsOf, strategies, STRATEGY_NAMES, type Shape, type Strategy, type StrategyName } from './strategy.js';
import type { RandomPlan } from './random-walk.js';
import type { PctPlan } from './pct.js';
import { schedules, smallerSize, type Size } from './_internals/schedules.js';
import { recordAsWalk } from './random-walk.js';
import { minimize } from '../trace/minimize.js';
import { engineFor, scoreOf } from '../trace/build.js';
import type { Chooser } from './walk.js';

/** A schedule as fast-check generates and shrinks it. */
export type Plan = RandomPlan | PctPlan;

/** How schedules are drawn. */
export interface ScheduleOptions {
  /** The scenario (default: the model's default scenario). */
  readonly scenario?: string;
  /** `random` (uniform among enabled actions at each step) or `pct` (default). */
  readonly strategy?: StrategyName;
  /** PCT depth d: d - 1 priority change points per run (default 3). */
  readonly depth?: number;
  /** Each run stops after this many steps (default: four times a run without preemption, at least 64). */
  readonly maxSteps?: number;
  readonly backend?: BackendName;
}

export const DEFAULTS = { strategy: 'pct' as StrategyName, depth: 3 };
/** The most steps a run takes by default, however long a run without preemption is. */
const MAX_STEPS = 10_000;
/** Candidate schedules the trace minimizer may run per shrink. */
const MINIMIZE_RUNS = 2000;

/** A chooser that takes the given actions in order, and ends the run where they end (or one is not enabled). */
function follow(ids: readonly number[]): Chooser {
  return { choose: (enabled, step) => (step < ids.length && enabled.includes(ids[step]) ? ids[step] : -1), ran: () => {} };
}

function positive(v: number | undefined, what: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw new InputError(what, `must be a positive integer, got ${v}`);
  return v;
}

export class ScheduleRunner {
  readonly sys: System;
  readonly shape: Shape;
  readonly strategy: Strategy<Plan>;
  readonly backend: BackendName;
  private readonly walker: Walker<unknown>;

  /** Compiles `model` (InputError on bad input, before any run). `visit` sees every state a run is in. */
  constructor(readonly model: AnyModel, readonly opts: ScheduleOptions = {}, visit?: (vec: Int32Array) => void) {
    const name = opts.strategy ?? DEFAULTS.strategy;
    if (!(name in strategies)) throw new InputError('strategy', `is "${String(name)}"`, `use one of ${STRATEGY_NAMES.join(', ')}`);
    this.strategy = strategies[name] as unknown as Strategy<Plan>;
    const depth = positive(opts.depth, 'depth', DEFAULTS.depth);
    const given = opts.maxSteps === undefined ? undefined : positive(opts.maxSteps, 'maxSteps', 1);
    this.sys = compile(model, opts.scenario);
    this.backend = opts.backend ?? 'fast';
    this.walker = new Walker(new Engine(this.sys, makeBackend(this.sys, this.backend)), visit);
    // How long is a run? One without preemption (PCT in context order) tells: by
    // default runs may take four times as many steps, and PCT draws its change points within it.
    const { actorOf, actors } = actorsOf(this.sys);
    const probe: Shape = { actorOf, actors, maxSteps: given ?? MAX_STEPS, depth, horizon: 1 };
    const steps = this.walker.run(strategies.pct.chooser(strategies.pct.plain(probe), probe), probe.maxSteps).choices.length;
    const maxSteps = given ?? Math.min(MAX_STEPS, Math.max(64, 4 * steps));
    this.shape = { ...probe, maxSteps, horizon: Math.max(1, Math.min(maxSteps, Math.max(16, steps))) };
  }

  /** Plans, as fast-check draws and shrinks them (see _internals/schedules.ts). */
  arbitrary(): fc.Arbitrary<Plan> {
    const { shape, strategy, sys } = this;
    const walk = strategies.random as Strategy<Plan>;
    const of = (plan: Plan): Strategy<Plan> => this.strategyOf(plan);
    const size = (ids: readonly number[]): Size => scoreOf(sys, ids);
    let minimizer: Engine<unknown> | null = null;
    return schedules<Plan>({
      primary: strategy.arbitrary(shape),
      walk: walk.arbitrary(shape),
      isWalk: (plan) => plan.strategy === 'random' && strategy.name !== 'random',
      size: (plan) => { const r = this.run(plan); return r.found ? size(r.choices) : null; },
      meaning: (plan) => {
        const chooser = of(plan).chooser(plan, shape);
        this.walker.run(chooser, shape.maxSteps);
        const m = chooser.meaning();
        return of(plan).smaller(m, plan) ? m : null;
      },
      minimized: (plan) => {
        const r = this.run(plan);
        if (!r.found) return null;
        minimizer ??= engineFor(sys, this.backend);
        const m = minimize(minimizer, r.found.choices, r.found.property, { maxRuns: MINIMIZE_RUNS });
        if (!m || !smallerSize(m.after, size(r.found.choices))) return null;
        // The same steps as a walk: follow them, writing down each choice.
        const rec = recordAsWalk(follow(m.choices), shape);
        this.walker.run(rec, shape.maxSteps);
        return rec.meaning();
      },
    });
  }

  /** Runs one schedule. */
  run(plan: Plan): WalkResult {
    return this.walker.run(this.strategyOf(plan).chooser(plan, this.shape), this.shape.maxSteps);
  }

  /** A plan's own strategy: a PCT counterexample may have shrunk into a random walk. */
  private strategyOf(plan: Plan): Strategy<Plan> {
    return plan.strategy === this.strategy.name ? this.strategy : strategies[plan.strategy] as Strategy<Plan>;
  }

  /** The schedule in words: how it was drawn. */
  describe(): string {
    const s = this.shape;
    return `${this.strategy.name === 'pct' ? `PCT schedules, depth ${s.depth}` : 'random-walk schedules'}, up to ${s.maxSteps} steps`;
  }
}
