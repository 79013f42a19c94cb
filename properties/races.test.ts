import { describe, expect, it } from 'vitest';
import { defineModel, t, pool, handle } from '../src/index.js';
import { check } from '../src/check.js';

/** Two workers that each allocate a buffer and fill it; with `count`, they then bump a shared counter without a lock. */
function fillers(count: boolean) {
  return defineModel({
    name: count ? 'alloc-and-count' : 'alloc-and-fill',
    global: { bufs: pool('buf', 2, { len: t.int(0, 3) }), count: t.int(0, 2) },
    local: { h: handle(2) },
    threads: {
      filler: {
        steps: {
          alloc: (s, k) => { const h = k.alloc(s.g.bufs); s.local.h = h; if (h !== 0) s.g.bufs[h - 1].len = 3; return count ? 'count' : 'return'; },
          count: (s) => { s.g.count++; return 'return'; },
        },
      },
    },
    scenarios: { default: { workers: { filler: 2 } } },
  });
}

describe('data races are confirmed in the two orders', () => {
  it('two threads that each alloc and fill a pool object never race: they can never get the same one', () => {
    for (const backend of ['fast', 'immer'] as const) {
      const r = check(fillers(false), { backend });
      expect(r.verdict).toBe('holds');
      // The initial state, one buffer taken by either worker, both taken (locals reset on return).
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 4]);
    }
  });

  it('a genuine race beside them is still found, with its shortest trace', () => {
    for (const backend of ['fast', 'immer'] as const) {
      const r = check(fillers(true), { backend });
      expect(r.verdict).toBe('violated');
      expect(r.property).toBe('data-race');
      expect(r.message).toBe('filler0 (filler/count) writes g.count while filler1 (filler/count) writes it: both steps are enabled in the same state and nothing orders them');
      expect(r.counterexample!.steps.map((s) => s.step)).toEqual(['filler/alloc', 'filler/alloc']);
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([9, 9]);
    }
  });
});
