/**
 * Small random models for property tests of traces: k workers add to a shared
 * counter `rounds` times each, each either under a spin lock (acquire, read,
 * write, release) or not (read, write), with race detection on or off, and an
 * invariant that the counter stays at or below a random threshold (and, when
 * every worker is done, equals the number of additions). Depending on the draw a
 * model holds, races, loses an update or crosses the threshold.
 */
import fc from 'fast-check';
import { defineModel, spinLock, t, type AnyModel, type Procedure, type Scope } from '../../src/index.js';

export interface ModelSpec {
  readonly locked: readonly boolean[];
  readonly rounds: number;
  readonly threshold: number;
  readonly races: boolean;
  readonly exact: boolean;
}

export const modelSpec: fc.Arbitrary<ModelSpec> = fc.record({
  locked: fc.array(fc.boolean(), { minLength: 2, maxLength: 3 }),
  rounds: fc.integer({ min: 1, max: 2 }),
  threshold: fc.integer({ min: 0, max: 6 }),
  races: fc.boolean(),
  exact: fc.boolean(),
});

type S = Scope<{ lock: ReturnType<typeof spinLock>; count: ReturnType<typeof t.int> }, {}, { tmp: ReturnType<typeof t.int>; n: ReturnType<typeof t.int> }>;

function worker(locked: boolean, rounds: number): Procedure<S> {
  const steps: Record<string, unknown> = {
    loop: [
      { name: 'again', guard: (s: S) => s.local.n < rounds, next: locked ? 'lock' : 'read' },
      { name: 'done', guard: (s: S) => s.local.n >= rounds, next: 'return' },
    ],
  };
  if (locked) steps.lock = { do: (s: S, k: { acquireSpinLock(l: unknown): void }) => { k.acquireSpinLock(s.g.lock); }, next: 'read' };
  steps.read = { do: (s: S) => { s.local.tmp = s.g.count; }, next: 'write' };
  steps.write = { do: (s: S) => { s.g.count = s.local.tmp + 1; s.local.n++; }, next: locked ? 'unlock' : 'loop' };
  if (locked) steps.unlock = { do: (s: S, k: { releaseSpinLock(l: unknown): void }) => { k.releaseSpinLock(s.g.lock); }, next: 'loop' };
  return { steps } as unknown as Procedure<S>;
}

/** The model a spec describes. */
export function randomModel(spec: ModelSpec): AnyModel {
  const k = spec.locked.length;
  const max = k * spec.rounds;
  const threads: Record<string, Procedure<S>> = {};
  const workers: Record<string, number> = {};
  spec.locked.forEach((l, i) => { threads[`w${i}${l ? 'locked' : ''}`] = worker(l, spec.rounds); workers[`w${i}${l ? 'locked' : ''}`] = 1; });
  return defineModel({
    name: `random-${spec.locked.map((l) => (l ? 'L' : 'u')).join('')}-r${spec.rounds}-t${spec.threshold}${spec.races ? '' : '-norace'}`,
    races: spec.races,
    global: { lock: spinLock(), count: t.int(0, max) },
    local: { tmp: t.int(0, max), n: t.int(0, spec.rounds) },
    threads,
    invariants: {
      belowThreshold: (s) => (s.g.count as number) <= spec.threshold || `count ${s.g.count} is above ${spec.threshold}`,
      ...(spec.exact ? { noLostUpdate: (s) => !s.contexts.every((c) => c.at === 'done') || s.g.count === max || `all done but count is ${s.g.count}, not ${max}` } : {}),
    },
    scenarios: { default: { workers } },
  }) as AnyModel;
}
