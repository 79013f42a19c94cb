import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Codec, Fifo, Lifo, frontiers, type Frontier, type SlotRange } from './frontier.js';

const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** A slot range whose span takes exactly `bits` bits (0: min === max), anywhere in int32. */
const rangeOf = (bits: number): fc.Arbitrary<SlotRange> => {
  const span = bits === 0 ? fc.constant(0) : fc.integer({ min: 2 ** (bits - 1), max: 2 ** bits - 1 });
  return span.chain((sp) => fc.integer({ min: I32_MIN, max: I32_MAX - sp }).map((min) => ({ min, max: min + sp })));
};
/** Mostly small ranges, often constant, 31 and 32 bits, negative mins. */
const slotRange = fc.oneof(
  rangeOf(0),
  rangeOf(31),
  rangeOf(32),
  fc.integer({ min: 1, max: 32 }).chain(rangeOf),
  fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([min, sp]) => ({ min, max: min + sp })),
);
const vectorIn = (ranges: readonly SlotRange[]): fc.Arbitrary<number[]> =>
  fc.tuple(...ranges.map((r) => fc.oneof(fc.constant(r.min), fc.constant(r.max), fc.integer({ min: r.min, max: r.max }))));

/** Pushes `vecs` (popping after every third push when `interleave`), then drains; returns what came out. */
function run(f: Frontier, width: number, vecs: readonly number[][], interleave: boolean): { vec: number[]; id: number; depth: number }[] {
  const out: { vec: number[]; id: number; depth: number }[] = [];
  const into = new Int32Array(width);
  const take = (): boolean => {
    if (!f.pop(into)) return false;
    out.push({ vec: Array.from(into), id: f.id, depth: f.depth });
    return true;
  };
  vecs.forEach((v, i) => {
    f.push(Int32Array.from(v), i, i * 7 + 1);
    if (interleave && i % 3 === 2) take();
  });
  while (take());
  expect(f.length).toBe(0);
  return out;
}

/** The same pushes and pops on a plain array. */
function reference(lifo: boolean, vecs: readonly number[][], interleave: boolean): { vec: number[]; id: number; depth: number }[] {
  const q: { vec: number[]; id: number; depth: number }[] = [];
  const out: typeof q = [];
  const take = (): boolean => {
    const e = lifo ? q.pop() : q.shift();
    if (!e) return false;
    out.push(e);
    return true;
  };
  vecs.forEach((v, i) => {
    q.push({ vec: [...v], id: i, depth: i * 7 + 1 });
    if (interleave && i % 3 === 2) take();
  });
  while (take());
  return out;
}

describe('frontier packing', () => {
  it('round-trips random vectors within their slot ranges, in Fifo and Lifo order', () => {
    const arb = fc.array(slotRange, { minLength: 0, maxLength: 24 }).chain((ranges) =>
      fc.tuple(fc.constant(ranges), fc.array(vectorIn(ranges), { minLength: 0, maxLength: 60 }), fc.boolean()));
    fc.assert(fc.property(arb, ([ranges, vecs, interleave]) => {
      for (const lifo of [false, true]) {
        const f = lifo ? new Lifo(new Codec(ranges)) : new Fifo(new Codec(ranges));
        expect(run(f, ranges.length, vecs, interleave)).toEqual(reference(lifo, vecs, interleave));
      }
    }), { seed: 20261123, numRuns: 300 });
  });

  it('packs each slot into the bits of its span: constant slots take none', () => {
    expect(new Codec([]).words).toBe(0);
    expect(new Codec([{ min: 5, max: 5 }, { min: -3, max: -3 }]).words).toBe(0);
    expect(new Codec([{ min: 0, max: 1 }]).words).toBe(1);
    // 31 + 1 + 1 bits: the third slot starts a second word; 32 + 31 bits straddle.
    expect(new Codec([{ min: I32_MIN, max: I32_MIN + 2 ** 31 - 1 }, { min: 0, max: 1 }, { min: -1, max: 0 }]).words).toBe(2);
    expect(new Codec([{ min: I32_MIN, max: I32_MAX }, { min: -5, max: 2 ** 31 - 6 }]).words).toBe(2);
    expect(new Codec(Array.from({ length: 40 }, () => ({ min: -1, max: 1 }))).words).toBe(3);
    expect(frontiers.bfs([{ min: 0, max: 3 }, { min: 7, max: 7 }]).entryBytes).toBe(12);
  });

  it('keeps order while the buffer slides and grows past its first 1024 entries', () => {
    const ranges: SlotRange[] = [{ min: -7, max: 9 }, { min: 4, max: 4 }, { min: I32_MIN, max: I32_MAX }, { min: -1000, max: 2 ** 30 }, { min: 0, max: 1 }];
    let x = 12345;
    const rnd = (r: SlotRange): number => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return r.min + (x % (r.max - r.min + 1)); };
    const vecs = Array.from({ length: 5000 }, () => ranges.map(rnd));
    for (const lifo of [false, true]) {
      for (const interleave of [false, true]) {
        const f = (lifo ? frontiers.dfs : frontiers.bfs)(ranges);
        expect(run(f, ranges.length, vecs, interleave)).toEqual(reference(lifo, vecs, interleave));
        expect(f.peak).toBeGreaterThan(1024);
      }
    }
  });
});
