/**
 * The explorer on a model whose state space is known in closed form: k worker
 * threads of n steps each that share nothing. A state is the tuple of positions
 * (0..n, n meaning done), all (n+1)^k of them reachable. A worker that is not done
 * has exactly one move, so the transitions are, summed over states, the workers
 * not done: each worker is not done in n of its n+1 positions, whatever the
 * others do, so k * n * (n+1)^(k-1). BFS depth is the sum of the positions.
 *
 * Also here: determinism, the exact store, and the budgets.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { check, defineModel, t, type StepSpec } from '../../src/index.js';
import { checkBoth, observable } from '../support/check-both.js';
import { Codec, Fifo, frontiers, type SlotRange } from '../../src/explore/frontier.js';

/**
 * k independent workers of n steps. Each step writes the worker's own slot of a
 * global array and a local, so both spaces are exercised; the local is reset
 * when the worker ends and the global slot ends at n, so neither adds states.
 */
function independent(k: number, n: number) {
  const steps: Record<string, StepSpec<any>> = {};
  for (let i = 0; i < n; i++) {
    steps[`s${i}`] = (s: any, kk: any) => { s.g.progress[kk.index] = i + 1; s.local.at = i + 1; return i + 1 < n ? `s${i + 1}` : 'return'; };
  }
  return defineModel({
    name: `independent-${k}x${n}`,
    global: { progress: t.array(k, t.int(0, n)) },
    local: { at: t.int(0, n) },
    threads: { w: { steps } },
    scenarios: { default: { workers: { w: k } } },
  });
}

const states = (k: number, n: number): number => (n + 1) ** k;
const transitions = (k: number, n: number): number => k * n * (n + 1) ** (k - 1);

/** Position tuples in [0, n]^k with sum <= d: the states BFS reaches with maxDepth d. */
function tuplesUpTo(k: number, n: number, d: number): { count: number; moves: number } {
  let count = 0;
  let moves = 0;
  const rec = (i: number, sum: number, notDone: number): void => {
    if (sum > d) return;
    if (i === k) { count++; if (sum < d) moves += notDone; return; }
    for (let p = 0; p <= n; p++) rec(i + 1, sum + p, notDone + (p < n ? 1 : 0));
  };
  rec(0, 0, 0);
  return { count, moves };
}

describe('independent workers', () => {
  it('3 workers of 4 steps: 125 states, 300 transitions, depth 12, on both backends, BFS and DFS', () => {
    for (const order of ['bfs', 'dfs'] as const) {
      const r = checkBoth(independent(3, 4), { order });
      expect(r.verdict).toBe('holds');
      expect(r.stats.distinctStates).toBe(125);
      expect(r.stats.transitions).toBe(300);
      if (order === 'bfs') expect(r.stats.maxDepth).toBe(12);
    }
  });

  it('k workers of n steps give (n+1)^k states and k n (n+1)^(k-1) transitions (property, both backends)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('bfs' as const, 'dfs' as const), (k, n, order) => {
        const r = checkBoth(independent(k, n), { order });
        expect(r.verdict).toBe('holds');
        expect(r.stats.distinctStates).toBe(states(k, n));
        expect(r.stats.transitions).toBe(transitions(k, n));
      }),
      { numRuns: 40 },
    );
  });

  it('the exact store gives the same counts as fingerprints, with 0 collisions', () => {
    const fp = check(independent(3, 4));
    const exact = check(independent(3, 4), { exact: true });
    expect(exact.exact).toBe(true);
    expect([exact.stats.distinctStates, exact.stats.transitions]).toEqual([fp.stats.distinctStates, fp.stats.transitions]);
    expect(exact.stats.collisions).toBe(0);
    expect(exact.stats.collisionProbability).toBe(0);
    expect(fp.stats.collisionProbability).toBeGreaterThan(0);
  });

  it('is deterministic: the same check twice gives identical counts', () => {
    const a = check(independent(3, 3));
    const b = check(independent(3, 3));
    expect(observable(b)).toEqual(observable(a));
  });
});

describe('budgets', () => {
  it('maxStates stops at exactly that many states, inconclusive, never holds', () => {
    // 124 is one short of the 125 states: still inconclusive.
    for (const maxStates of [2, 50, 124]) {
      const r = checkBoth(independent(3, 4), { maxStates });
      expect(r.verdict).toBe('inconclusive');
      expect(r.stats.distinctStates).toBe(maxStates);
      expect(r.reason).toBe(`state budget of ${maxStates} distinct states ran out`);
    }
  });

  it('maxDepth d: BFS reaches exactly the position tuples with sum <= d, and is inconclusive below the full depth', () => {
    // 3 x 4: full depth 12. States at depth d are reached but not expanded.
    for (const d of [0, 1, 5, 11]) {
      const r = checkBoth(independent(3, 4), { maxDepth: d });
      const want = tuplesUpTo(3, 4, d);
      expect(r.verdict).toBe('inconclusive');
      expect(r.reason).toBe(`depth budget of ${d} steps cut the search`);
      expect(r.stats.distinctStates).toBe(want.count);
      expect(r.stats.transitions).toBe(want.moves);
    }
    // At the full depth only the all-done state is cut, and it has no move: nothing is lost.
    const full = checkBoth(independent(3, 4), { maxDepth: 12 });
    expect(full.verdict).toBe('holds');
    expect([full.stats.distinctStates, full.stats.transitions]).toEqual([125, 300]);
  });

  it('maxDepth with DFS is inconclusive below the full depth', () => {
    const r = checkBoth(independent(2, 3), { order: 'dfs', maxDepth: 3 });
    expect(r.verdict).toBe('inconclusive');
  });

  it('running out of memory for the frontier is inconclusive, not a crash', () => {
    // Stand in for a typed array that cannot grow: the 10th push fails as V8 does.
    class Tiny extends Fifo {
      pushes = 0;
      override push(vec: Int32Array, id: number, depth: number): void {
        if (++this.pushes === 10) throw new RangeError('Invalid typed array length: 5905580032');
        super.push(vec, id, depth);
      }
    }
    const spy = vi.spyOn(frontiers, 'bfs').mockImplementation((slots: readonly SlotRange[]) => new Tiny(new Codec(slots)));
    try {
      const r = check(independent(3, 4));
      expect(r.verdict).toBe('inconclusive');
      expect(r.reason).toMatch(/^memory ran out with 10 states stored and \d+ waiting \(Invalid typed array length: 5905580032\): set a state budget, or search depth-first$/);
    } finally {
      spy.mockRestore();
    }
  });

  it('a deadlock exactly at the depth limit is still reported', () => {
    const m = defineModel({
      name: 'stuck-at-limit',
      global: { never: t.bool() },
      threads: { w: { steps: { a: () => 'b', b: (s, k) => { k.await(s.g.never); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m, { maxDepth: 1 });
    expect([r.verdict, r.property]).toEqual(['violated', 'deadlock']);
  });
});
