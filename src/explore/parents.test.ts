import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Parents } from './parents.js';

/** Links as a breadth-first search makes them: parents never go down, ids in order. */
function bfsLinks(n: number, seed: number): Array<[number, number]> {
  const out: Array<[number, number]> = [[-1, -1]];
  let parent = 0;
  let x = seed;
  for (let id = 1; id < n; id++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    if (x % 3 === 0 && parent < id - 1) parent++;
    out.push([parent, x % 300]);
  }
  return out;
}

describe('Parents', () => {
  it('rebuilds every path of a breadth-first numbering, at about 2 bytes a link', () => {
    const links = bfsLinks(100_000, 7);
    const p = new Parents();
    links.forEach(([par, a], id) => p.set(id, par, a));
    for (const id of [0, 1, 63, 64, 65, 4095, 99_999]) {
      const want: number[] = [];
      for (let i = id; links[i][0] >= 0; i = links[i][0]) want.push(links[i][1]);
      expect(p.path(id)).toEqual(want.reverse());
    }
    // Actions up to 300 take two varint bytes, parent steps one: at most 3 bytes a link, and the buffer at most doubles.
    expect(p.bytes()).toBeLessThanOrEqual(100_000 * 3 * 2 + 8 * (100_000 / 64) * 2);
    expect(p.bytes()).toBeLessThan(100_000 * 8);
  });

  it('links set out of order (a depth-first search) read back the same', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 70_000 })), { minLength: 1, maxLength: 300 }), fc.boolean(), (raw, shuffle) => {
      // A tree: state i's parent is some earlier state (any earlier one: ids need not rise).
      const links: Array<[number, number]> = [[-1, -1], ...raw.map(([r, a], i) => [r % (i + 1), a] as [number, number])];
      const p = new Parents();
      const order = links.map((_, i) => i);
      if (shuffle) order.reverse();
      for (const id of order) p.set(id, links[id][0], links[id][1]);
      for (let id = 0; id < links.length; id++) {
        const want: number[] = [];
        for (let i = id; links[i][0] >= 0; i = links[i][0]) want.push(links[i][1]);
        expect(p.path(id)).toEqual(want.reverse());
      }
    }), { seed: 42, numRuns: 200 });
  });

  it('large parent steps and actions survive the varint encoding', () => {
    const p = new Parents();
    p.set(0, -1, -1);
    p.set(1, 0, 2 ** 20);
    p.set(2, 1, 5);
    p.set(3, 1, 0);
    expect(p.path(3)).toEqual([2 ** 20, 0]);
    expect(p.path(2)).toEqual([2 ** 20, 5]);
    expect(p.path(0)).toEqual([]);
  });
});
