/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
 * Nagarakatte, ASPLOS 2010): every actor gets a random priority d..d+n-1, and
 * d - 1 change points are drawn among the first k steps. The enabled actor with
 * the highest priority always runs; after it runs step k_j its priority drops to
 * j, below every initial one. A bug of depth d (d ordering constraints) is found
 * with probability at least 1/(n k^(d-1)) per run, far better than a random walk
 * for bugs that need a thread to stop at one exact point.
 *
 * A plan holds priority keys (lower key: higher priority; ties go to the lower
 * actor, so all-zero keys are context order), change points (a step number, 0:
 * none) and picks (which alternative, when the chosen actor has several enabled
 * actions: a thread choosing its next call, a step with alternatives). Shrinking
 * moves keys towards context order, change points to 0 (fewer preemptions) and
 * picks to the first alternative.
 */
import fc from 'fast-check';
import type { PlanChooser, Shape, Strategy } from './shape.js';
import { choices, fixed, intList, noLarger, showChoices, smaller, trimmed, MAX_CHOICE } from './_internals/choices.js';

export interface PctPlan {
  readonly strategy: 'pct';
  /** Per actor; the lowest key runs first. */
  readonly priorities: readonly number[];
  /** d - 1 steps (1-based) after which the actor that ran loses its priority; 0: no change. */
  readonly changes: readonly number[];
  /** Per choice among several actions of the chosen actor, in order. */
  readonly picks: readonly number[];
}

type Lists = Omit<PctPlan, 'strategy'>;

function plan(p: Lists): PctPlan {
  return {
    strategy: 'pct', priorities: p.priorities, changes: p.changes, picks: p.picks,
    [fc.toStringMethod]: () => `pct{priorities:${showChoices(trimmed(p.priorities))},changes:${showChoices(trimmed(p.changes))},picks:${showChoices(trimmed(p.picks))}}`,
  } as PctPlan;
}

function unplan(v: unknown): { priorities: number[]; changes: number[]; picks: number[] } {
  const p = v as PctPlan | null;
  if (p === null || typeof p !== 'object' || p.strategy !== 'pct') throw new TypeError('not a PCT plan');
  return { priorities: intList(p.priorities, MAX_CHOICE), changes: intList(p.changes, MAX_CHOICE), picks: intList(p.picks, MAX_CHOICE) };
}

class PctChooser implements PlanChooser<PctPlan> {
  private readonly prio: Float64Array;
  private pick = 0;
  /** The smallest keys that give the same order. */
  private readonly keys: number[];
  /** The change points that fired. */
  private readonly fired: number[];
  /** The option each pick took. */
  private readonly picked: number[] = [];

  constructor(private readonly plan: PctPlan, private readonly shape: Shape) {
    const n = shape.actors;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (plan.priorities[a] ?? 0) - (plan.priorities[b] ?? 0) || a - b);
    this.prio = new Float64Array(n);
    this.keys = new Array<number>(n).fill(0);
    order.forEach((actor, rank) => {
      this.prio[actor] = shape.depth + (n - 1 - rank);
      // Ties go to the lower actor: a key goes up only where the order does not follow actor numbers.
      if (rank > 0) this.keys[actor] = this.keys[order[rank - 1]] + (actor > order[rank - 1] ? 0 : 1);
    });
    this.fired = plan.changes.map(() => 0);
  }

  choose(enabled: readonly number[]): number {
    const { actorOf } = this.shape;
    let best = -1;
    let count = 0;
    let first = 0;
    for (let i = 0; i < enabled.length; i++) {
      const actor = actorOf[enabled[i]];
      if (best < 0 || this.prio[actor] > this.prio[best]) { best = actor; count = 1; first = i; }
      else if (actor === best) count++;
    }
    if (count === 1) return enabled[first];
    // Enabled actions of one actor are adjacent (candidate order is actor order).
    const p = (this.pick < this.plan.picks.length ? this.plan.picks[this.pick] : 0) % count;
    this.picked[this.pick++] = p;
    return enabled[first + p];
  }

  ran(action: number, step: number): void {
    const { changes } = this.plan;
    for (let j = 0; j < changes.length; j++) if (changes[j] === step + 1) { this.prio[this.shape.actorOf[action]] = j + 1; this.fired[j] = changes[j]; }
  }

  meaning(): PctPlan { return plan({ priorities: this.keys, changes: this.fired, picks: trimmed(this.picked) }); }
}

export const pct: Strategy<PctPlan> = {
  name: 'pct',
  arbitrary: (shape: Shape) => fc.record({
    priorities: fixed(shape.actors, MAX_CHOICE),
    changes: fixed(Math.max(0, shape.depth - 1), shape.horizon),
    picks: choices(shape.maxSteps),
  }).map(plan, unplan),
  chooser: (p, shape) => new PctChooser(p, shape),
  smaller: (a, b) => {
    const lists = [[a.priorities, b.priorities], [a.changes, b.changes], [a.picks, b.picks]] as const;
    return lists.every(([x, y]) => noLarger(x, y)) && lists.some(([x, y]) => smaller(x, y));
  },
  plain: (shape) => plan({ priorities: new Array<number>(shape.actors).fill(0), changes: new Array<number>(Math.max(0, shape.depth - 1)).fill(0), picks: [] }),
};
