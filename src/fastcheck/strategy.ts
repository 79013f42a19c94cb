/**
 * How a schedule is drawn and read. A strategy gives fast-check an arbitrary of
 * plans (plain data that shrinks) and turns a plan into a chooser for the walk.
 * Strategies are picked from a table by name, never by an if-chain.
 *
 * Actors: each context of the system is one actor, and each adapter or timer
 * action is an actor of its own (a timer expiring, the device consuming a queue,
 * the GPU hanging), so PCT can give them priorities like threads.
 */
import type fc from 'fast-check';
import type { System } from '../engine/system.js';
import type { Chooser } from './walk.js';
import { randomWalk } from './random-walk.js';
import { pct } from './pct.js';

/** What a strategy needs to know about the system and the run. */
export interface Shape {
  /** Actor of each action id. */
  readonly actorOf: Int32Array;
  readonly actors: number;
  /** A walk ends after this many steps; a random-walk plan holds this many choices. */
  readonly maxSteps: number;
  /** PCT: d, so d - 1 priority change points. */
  readonly depth: number;
  /** PCT: the steps change points are drawn from, 1..horizon (about the length of a run). */
  readonly horizon: number;
}

/** A chooser that can say, once its run is over, what its plan meant. */
export interface PlanChooser<P> extends Chooser {
  /** The smallest plan that makes the same choices in the run just made. */
  meaning(): P;
}

export interface Strategy<P> {
  readonly name: StrategyName;
  /** Plans; shrinking a plan means fewer steps, fewer contexts involved, fewer preemptions. */
  arbitrary(shape: Shape): fc.Arbitrary<P>;
  chooser(plan: P, shape: Shape): PlanChooser<P>;
  /** `a` is strictly smaller than `b` (so shrinking to it ends). */
  smaller(a: P, b: P): boolean;
  /** The all-default plan: no preemption, every choice 0, as many steps as allowed. */
  plain(shape: Shape): P;
}

export const strategies = { random: randomWalk, pct } as const;
export type StrategyName = keyof typeof strategies;
export const STRATEGY_NAMES = Object.keys(strategies) as StrategyName[];

/** Actor of each action: its context, or one actor per adapter or timer action. */
export function actorsOf(sys: System): { actorOf: Int32Array; actors: number } {
  const actorOf = new Int32Array(sys.actions.length);
  for (const a of sys.actions) actorOf[a.id] = a.ctx;
  sys.envActions.forEach((id, i) => { actorOf[id] = sys.contexts.length + i; });
  return { actorOf, actors: sys.contexts.length + sys.envActions.length };
}
