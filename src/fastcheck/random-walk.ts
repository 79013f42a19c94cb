/**
 * The random walk: in every state, one of the enabled actions, uniformly. A plan
 * is a list of choices, one per step, each taken modulo the number of enabled
 * actions, counted from the actor that moved last: choice 0 keeps the same
 * context running (or the next one after it, in context order, when it cannot
 * move). The run ends where the list ends. So a shrunk list is a shorter
 * schedule, and shrinking a choice towards 0 removes a context switch.
 */
import fc from 'fast-check';
import type { PlanChooser, Shape, Strategy } from './shape.js';
import type { Chooser } from './walk.js';
import { choices, intList, showChoices, smaller, MAX_CHOICE } from './_internals/choices.js';

/** A random-walk schedule: choice i picks step i. */
export interface RandomPlan { readonly strategy: 'random'; readonly choices: readonly number[] }

function plan(list: readonly number[]): RandomPlan {
  return { strategy: 'random', choices: list, [fc.toStringMethod]: () => `random${showChoices(list)}` } as RandomPlan;
}

function unplan(v: unknown): number[] {
  const p = v as RandomPlan | null;
  if (p === null || typeof p !== 'object' || p.strategy !== 'random') throw new TypeError('not a random-walk plan');
  return intList(p.choices, MAX_CHOICE);
}

/** Where choice 0 is among `enabled` (in actor order): the first action of `last`, or of the next actor after it. */
function rotation(enabled: readonly number[], last: number, actorOf: Int32Array): number {
  let start = 0;
  while (start < enabled.length && actorOf[enabled[start]] < last) start++;
  return start === enabled.length ? 0 : start;
}

class RandomChooser implements PlanChooser<RandomPlan> {
  private last = 0;
  /** The option each step took. */
  private readonly used: number[] = [];
  constructor(private readonly plan: RandomPlan, private readonly actorOf: Int32Array) {}
  choose(enabled: readonly number[], step: number): number {
    if (step >= this.plan.choices.length) return -1;
    const n = enabled.length;
    const c = this.plan.choices[step] % n;
    this.used[step] = c;
    return enabled[(rotation(enabled, this.last, this.actorOf) + c) % n];
  }
  ran(action: number): void { this.last = this.actorOf[action]; }
  meaning(): RandomPlan { return plan(this.used.slice()); }
}

/** Follows another chooser and writes down its schedule as a random walk: `meaning()` is that walk. */
class WalkRecorder implements PlanChooser<RandomPlan> {
  private last = 0;
  private readonly used: number[] = [];
  constructor(private readonly inner: Chooser, private readonly actorOf: Int32Array) {}
  choose(enabled: readonly number[], step: number): number {
    const a = this.inner.choose(enabled, step);
    if (a < 0) return a;
    const n = enabled.length;
    this.used[step] = (enabled.indexOf(a) - rotation(enabled, this.last, this.actorOf) + n) % n;
    return a;
  }
  ran(action: number, step: number): void { this.inner.ran(action, step); this.last = this.actorOf[action]; }
  meaning(): RandomPlan { return plan(this.used.slice()); }
}

/** A chooser that runs `inner` and can then say which random walk makes the same choices. */
export function recordAsWalk(inner: Chooser, shape: Shape): PlanChooser<RandomPlan> {
  return new WalkRecorder(inner, shape.actorOf);
}

export const randomWalk: Strategy<RandomPlan> = {
  name: 'random',
  arbitrary: (shape: Shape) => choices(shape.maxSteps).map(plan, unplan),
  chooser: (p, shape) => new RandomChooser(p, shape.actorOf),
  smaller: (a, b) => smaller(a.choices, b.choices),
  plain: (shape) => plan(new Array<number>(shape.maxSteps).fill(0)),
};
