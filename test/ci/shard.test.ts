import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assignShards, parseShard } from '../../src/ci/shard.js';
import { InputError } from '../../src/errors.js';

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/5', '--shard')).toEqual({ index: 2, count: 5 });
    expect(parseShard(' 1 / 1 ', '--shard')).toEqual({ index: 1, count: 1 });
  });
  for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/2', '']) {
    it(`refuses ${JSON.stringify(bad)} naming the flag`, () => {
      expect(() => parseShard(bad, '--shard')).toThrow(InputError);
      expect(() => parseShard(bad, '--shard')).toThrow(/--shard: must be i\/n with 1 <= i <= n/);
    });
  }
});

describe('assignShards', () => {
  it('round-robin over the sorted ids without costs', () => {
    const got = assignShards(['d', 'b', 'a', 'c', 'e'], 2);
    expect([...got.entries()].sort()).toEqual([['a', 1], ['b', 2], ['c', 1], ['d', 2], ['e', 1]]);
  });

  it('greedy by cost: the dearest first to the least loaded shard, ties to the lowest', () => {
    const costs = new Map([['a', 10], ['b', 7], ['c', 5], ['d', 4], ['e', 2]]);
    const got = assignShards(['a', 'b', 'c', 'd', 'e'], 2, costs);
    // Loads after each: a 10|0, b 10|7, c 10|12, d 14|12, e 14|14.
    expect(Object.fromEntries(got)).toEqual({ a: 1, b: 2, c: 2, d: 1, e: 2 });
  });

  it('a check with no recorded cost counts as the median of the known ones', () => {
    const costs = new Map([['a', 100], ['b', 1], ['c', 3]]);
    // Median 3: x costs 3. Order by cost: a 100, c 3, x 3, b 1 -> a:1, c:2, x:2, b:2.
    expect(Object.fromEntries(assignShards(['a', 'b', 'c', 'x'], 2, costs))).toEqual({ a: 1, c: 2, x: 2, b: 2 });
  });

  it('every check lands in exactly one shard, the same whatever order the list comes in', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 40 }),
      fc.integer({ min: 1, max: 7 }),
      fc.option(fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }), { nil: undefined }),
      (ids, n, raw) => {
        const costs = raw ? new Map(ids.map((id, i) => [id, raw[i]])) : undefined;
        const a = assignShards(ids, n, costs);
        const b = assignShards([...ids].reverse(), n, costs);
        expect(b).toEqual(a);
        // Each id once, in a shard 1..n: the union of the shards is the list, with no overlap.
        expect([...a.keys()].sort()).toEqual([...ids].sort());
        for (const s of a.values()) expect(s >= 1 && s <= n).toBe(true);
        const shards = Array.from({ length: n }, (_, k) => ids.filter((id) => a.get(id) === k + 1));
        expect(shards.flat().sort()).toEqual([...ids].sort());
      }));
  });

  it('balanced by cost: no shard carries more than the average plus the dearest check', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (cs, n) => {
      const ids = cs.map((_, i) => `m${String(i).padStart(3, '0')}`);
      const costs = new Map(ids.map((id, i) => [id, cs[i]]));
      const a = assignShards(ids, n, costs);
      const load = new Array<number>(n).fill(0);
      for (const [id, s] of a) load[s - 1] += costs.get(id)!;
      const total = cs.reduce((x, y) => x + y, 0);
      expect(Math.max(...load)).toBeLessThanOrEqual(total / n + Math.max(...cs));
    }));
  });
});
