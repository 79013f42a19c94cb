import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCountsBelow, orderByKey } from './order.js';
import { KEY_SPAN, keyOf } from './protocol.js';

/** Distinct keys as a level has them: a rank below 2^31 and a place below 2^16. */
const keys = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: KEY_SPAN - 1 })).map(([r, p]) => keyOf(r, p)), { maxLength: 300 });

describe('orderByKey', () => {
  it('orders distinct keys as a comparison sort does', () => {
    fc.assert(fc.property(keys, (ks) => {
      const a = Float64Array.from(ks);
      const order = orderByKey(a);
      expect(Array.from(order, (i) => a[i])).toEqual([...ks].sort((x, y) => x - y));
    }));
  });
});

describe('addCountsBelow', () => {
  it('counts, for each key of one sorted list, the keys below it in the others', () => {
    fc.assert(fc.property(keys, fc.integer({ min: 1, max: 3 }), (ks, lists) => {
      // Deal the keys out to `lists + 1` workers, each list sorted.
      const dealt = Array.from({ length: lists + 1 }, (_, w) => Float64Array.from(ks.filter((_, i) => i % (lists + 1) === w)).sort());
      const [own, ...others] = dealt;
      const out = new Float64Array(own.length);
      addCountsBelow(own, others, out);
      const all = [...ks].sort((x, y) => x - y);
      // With its own place in its list, each key's count is its place among all keys.
      expect(Array.from(out, (c, j) => c + j)).toEqual(Array.from(own, (k) => all.indexOf(k)));
    }));
  });
});
