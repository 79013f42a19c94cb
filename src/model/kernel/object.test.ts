/**
 * Object lifetime: alloc returns a 1-based handle (0 when the pool is
 * exhausted), free resets the object, and touching a freed object, freeing twice
 * or dereferencing NULL is a use-after-free violation. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, handle, pool, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

const objs = () => pool('buffer', 2, { v: t.int(0, 3) });

describe('object', () => {
  it('alloc, use, free: a chain of 4 states; freeing resets the object so the end state is the same whatever it held', () => {
    const m = defineModel({
      name: 'object-lifecycle',
      global: { objs: objs(), h: handle(2) },
      threads: {
        w: {
          steps: {
            alloc: (s, k) => { s.g.h = k.alloc(s.g.objs); k.assert(s.g.h === 1, `the first alloc returned ${s.g.h}`); return 'use'; },
            use: [
              { name: 'use 1', do: (s, k) => { k.use(s.g.objs, s.g.h).v = 1; }, next: 'free' },
              { name: 'use 2', do: (s, k) => { k.use(s.g.objs, s.g.h).v = 2; }, next: 'free' },
            ],
            free: (s, k) => { k.assert(k.isAlive(s.g.objs, s.g.h), 'the object died early'); k.free(s.g.objs, s.g.h); k.assert(!k.isAlive(s.g.objs, s.g.h), 'the object outlived free'); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    // alloc; use (v = 1 or 2: two states at free); then one done state, since
    // free resets v: 1 + 1 + 2 + 1 = 5 states, 1 + 2 + 2 = 5 transitions.
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 5]);
  });

  it('freeing twice is a use-after-free violation', () => {
    const m = defineModel({
      name: 'object-double-free',
      global: { objs: objs(), h: handle(2) },
      threads: {
        w: {
          steps: {
            alloc: (s, k) => { s.g.h = k.alloc(s.g.objs); return 'free1'; },
            free1: (s, k) => { k.free(s.g.objs, s.g.h); return 'free2'; },
            free2: (s, k) => { k.free(s.g.objs, s.g.h); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'w0 frees buffer #1 twice']);
    expect(stepNames(r)).toEqual(['w0 w/alloc', 'w0 w/free1', 'w0 w/free2']);
  });

  it('using a freed object through its handle, or by indexing the pool, is a use-after-free violation', () => {
    for (const via of ['handle', 'index'] as const) {
      const m = defineModel({
        name: `object-uaf-${via}`,
        global: { objs: objs(), h: handle(2) },
        threads: {
          w: {
            steps: {
              alloc: (s, k) => { s.g.h = k.alloc(s.g.objs); return 'free'; },
              free: (s, k) => { k.free(s.g.objs, s.g.h); return 'use'; },
              use: (s, k) => { if (via === 'handle') k.use(s.g.objs, s.g.h).v = 1; else s.g.objs[0].v = 1; return 'return'; },
            },
          },
        },
        scenarios: { default: { workers: { w: 1 } } },
      });
      const r = checkBoth(m);
      expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free',
        via === 'handle' ? 'w0 uses buffer #1 after it was freed' : 'buffer #1 is used after it was freed']);
      expect(r.counterexample?.choices).toHaveLength(3);
    }
  });

  it('dereferencing NULL is a violation (reported as use-after-free)', () => {
    const m = defineModel({
      name: 'object-null',
      global: { objs: objs(), h: handle(2) },
      threads: { w: { steps: { use: (s, k) => { k.use(s.g.objs, s.g.h).v = 1; return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'w0 uses a NULL buffer']);
  });

  it('an exhausted pool returns 0, and a freed object is handed out again', () => {
    const m = defineModel({
      name: 'object-exhaustion',
      global: { objs: objs(), a: handle(2), b: handle(2), c: handle(2) },
      threads: {
        w: {
          steps: {
            fill: (s, k) => { s.g.a = k.alloc(s.g.objs); s.g.b = k.alloc(s.g.objs); return 'over'; },
            over: (s, k) => { s.g.c = k.alloc(s.g.objs); k.assert(s.g.c === 0, `alloc from an exhausted pool returned ${s.g.c}`); return 'again'; },
            again: (s, k) => { k.free(s.g.objs, s.g.a); s.g.c = k.alloc(s.g.objs); k.assert(s.g.c === s.g.a, 'the freed object was not reused'); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 3]);
  });

  it('two workers allocating from a pool of one: exactly one gets it (5 states, 4 transitions)', () => {
    // Each worker allocs into its own slot of `got`; whoever goes first gets
    // handle 1, the other 0. States: (a,a), (done,a) with got [1,0], (a,done)
    // with got [0,1], and two different (done,done): [1,0] and [0,1]. 5 states;
    // moves 2 + 1 + 1 = 4.
    const m = defineModel({
      name: 'object-pool-of-one',
      global: { objs: pool('buffer', 1, { v: t.int(0, 1) }), got: t.array(2, handle(1)) },
      threads: { w: { steps: { a: (s, k) => { s.g.got[k.index] = k.alloc(s.g.objs); return 'return'; } } } },
      invariants: { 'one owner': (sys) => sys.g.got[0] + sys.g.got[1] <= 1 },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });

  it('a handle outside the pool is a violation', () => {
    const m = defineModel({
      name: 'object-bad-handle',
      global: { objs: objs() },
      threads: { w: { steps: { a: (s, k) => { k.free(s.g.objs, 3); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'w0 frees buffer handle 3, which is not a handle of that pool']);
  });
});
