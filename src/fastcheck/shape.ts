/**
 * What a schedule strategy is, apart from the table of strategies (strategy.ts):
 * the shape of a run, the chooser a plan becomes, and the strategy interface
 * that random-walk.ts and pct.ts implement. Kept apart so the strategies and
 * their table do not import each other.
 */
import type fc from 'fast-check';
import type { Chooser } from './walk.js';

/** The strategies' names: the keys of the table in strategy.ts. */
export type StrategyName = 'random' | 'pct';

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
