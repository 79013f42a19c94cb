/**
 * Transaction (Lipton) reduction: a context inside a spin lock's critical
 * section runs its steps on the data the lock protects alone, and an access
 * that breaks the lock discipline a reduction relied on starts the search
 * again. Exact counts on both backends (checkBoth holds the fast one to the
 * immer oracle).
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, spinLock, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

/**
 * Three workers: each marks itself ready (a shared write, so partial-order
 * reduction alone leaves it interleaved), then adds 2 to a counter in two
 * steps under one spin lock. Inside the critical section the counter is the
 * lock's, so those two steps run without the others' marks in between.
 */
const critical = defineModel({
  name: 'critical-sections',
  global: { lock: spinLock(), count: t.int(0, 6), ready: t.array(3, t.bool()) },
  threads: {
    w: {
      steps: {
        mark: (s: any, k: any) => { s.g.ready[k.index] = true; return 'lock'; },
        lock: (s: any, k: any) => { k.acquireSpinLock(s.g.lock); return 'a'; },
        a: (s: any) => { s.g.count++; return 'b'; },
        b: (s: any) => { s.g.count++; return 'unlock'; },
        unlock: (s: any, k: any) => { k.releaseSpinLock(s.g.lock); return 'return'; },
      },
    },
  },
  scenarios: { default: { workers: { w: 3 } } },
});

describe('transaction reduction', () => {
  it('three workers with a two-step critical section: 189 transitions unreduced and with --por, 153 with --lipton, the same 108 states', () => {
    const full = checkBoth(critical, { stuckCheck: false });
    const por = checkBoth(critical, { por: true });
    const lip = checkBoth(critical, { lipton: true });
    expect([full.verdict, full.stats.distinctStates, full.stats.transitions]).toEqual(['holds', 108, 189]);
    expect([por.verdict, por.stats.distinctStates, por.stats.transitions]).toEqual(['holds', 108, 189]);
    expect([lip.verdict, lip.stats.distinctStates, lip.stats.transitions, lip.stats.maxDepth]).toEqual(['holds', 108, 153, 15]);
    expect(lip.notes).toEqual(["partial-order reduction: ample sets on 54 of 108 expansions, 54 of them inside a kernel lock's critical section (transactions); stuck-context check skipped (not preserved by the reduction)"]);
  });

  it('an access without the lock after a transaction relied on it: the search starts again, says so, and gets the unreduced verdict', () => {
    // a's write of x is inside the lock when first seen, so a transaction relies
    // on the lock protecting x; b then reads x without it.
    const m = defineModel({
      name: 'peek-without-lock', races: false,
      global: { lock: spinLock(), x: t.int(0, 1), y: t.int(0, 1) },
      threads: {
        a: { steps: { lock: (s: any, k: any) => { k.acquireSpinLock(s.g.lock); return 'set'; }, set: (s: any) => { s.g.x = 1; return 'unlock'; }, unlock: (s: any, k: any) => { k.releaseSpinLock(s.g.lock); return 'return'; } } },
        b: { steps: { first: (s: any) => { s.g.y = 1; return 'peek'; }, peek: (s: any, k: any) => { k.assert(s.g.x === 0 || s.g.y === 1, 'unreachable'); return 'return'; } } },
      },
      scenarios: { default: { workers: { a: 1, b: 1 } } },
    });
    const full = checkBoth(m, { stuckCheck: false });
    const lip = checkBoth(m, { lipton: true });
    expect([full.verdict, full.stats.distinctStates, full.stats.transitions]).toEqual(['holds', 12, 17]);
    expect([lip.verdict, lip.stats.distinctStates, lip.stats.transitions]).toEqual(['holds', 12, 17]);
    expect(lip.notes).toEqual([
      "partial-order reduction: ample sets on 0 of 12 expansions, 0 of them inside a kernel lock's critical section (transactions); stuck-context check skipped (not preserved by the reduction)",
      'transaction reduction started again once: a step broke the lock discipline an earlier round relied on (first: b0 (b/peek) reads g.x without the spin lock g.lock, which an earlier transaction relied on protecting it)',
    ]);
  });

  it('a race inside a critical section is still found: the unlocked writer breaks the discipline, and the race comes out as unreduced', () => {
    const m = defineModel({
      name: 'half-locked',
      global: { lock: spinLock(), x: t.int(0, 3) },
      threads: {
        locked: { steps: { lock: (s: any, k: any) => { k.acquireSpinLock(s.g.lock); return 'inc'; }, inc: (s: any) => { s.g.x++; return 'unlock'; }, unlock: (s: any, k: any) => { k.releaseSpinLock(s.g.lock); return 'return'; } } },
        bare: { steps: { inc: (s: any) => { s.g.x++; return 'return'; } } },
      },
      scenarios: { default: { workers: { locked: 1, bare: 1 } } },
    });
    const full = checkBoth(m, { stuckCheck: false });
    const lip = checkBoth(m, { lipton: true });
    expect([full.verdict, full.property]).toEqual(['violated', 'data-race']);
    expect([lip.verdict, lip.property, lip.message]).toEqual(['violated', 'data-race', full.message]);
    expect(stepNames(lip)).toEqual(stepNames(full));
  });

  it('a model with invariants: transactions are off (an invariant may read what they write), and the verdict says so', () => {
    const m = defineModel({
      name: 'invariant-over-locked-data',
      global: { lock: spinLock(), x: t.int(0, 2) },
      threads: { w: { steps: { lock: (s: any, k: any) => { k.acquireSpinLock(s.g.lock); return 'inc'; }, inc: (s: any) => { s.g.x++; return 'unlock'; }, unlock: (s: any, k: any) => { k.releaseSpinLock(s.g.lock); return 'return'; } } } },
      invariants: { 'x at most 2': (s: any) => s.g.x <= 2 },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = check(m, { lipton: true });
    expect(r.verdict).toBe('holds');
    expect(r.notes).toContain('transaction reduction off: the model has invariants, which may read the data a transaction writes');
  });
});
