/**
 * How a schedule is drawn and read. A strategy gives fast-check an arbitrary of
 * plans (plain data that shrinks) and turns a plan into a chooser for the walk.
 * Strategies are picked from a table by name, never by an if-chain.
 *
 * Actors: each context of the system is one actor, and each adapter or timer
 * action is an actor of its own (a timer expiring, the device consuming a queue,
 * the GPU hanging), so PCT can give them priorities like threads.
 */
import type { System } from '../engine/system.js';
import type { StrategyName } from './shape.js';
import { randomWalk } from './random-walk.js';
import { pct } from './pct.js';

export type { Shape, PlanChooser, Strategy, StrategyName } from './shape.js';

/** The strategies by name (every StrategyName has one). */
export const strategies = { random: randomWalk, pct } as const satisfies Record<StrategyName, unknown>;
export const STRATEGY_NAMES = Object.keys(strategies) as StrategyName[];

/** Actor of each action: its context, or one actor per adapter or timer action. */
export function actorsOf(sys: System): { actorOf: Int32Array; actors: number } {
  const actorOf = new Int32Array(sys.actions.length);
  for (const a of sys.actions) actorOf[a.id] = a.ctx;
  sys.envActions.forEach((id, i) => { actorOf[id] = sys.contexts.length + i; });
  return { actorOf, actors: sys.contexts.length + sys.envActions.length };
}
