/**
 * KSPIN_LOCK: mutual exclusion, IRQL raised to DISPATCH_LEVEL and restored, and
 * the misuses (re-acquire, release by another, acquire above DISPATCH_LEVEL,
 * return while holding). Every check runs on both backends (checkBoth).
 */
import { describe, expect, it } from 'vitest';
import { defineModel, spinLock, t, DISPATCH_LEVEL, PASSIVE_LEVEL } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

/**
 * Two workers: `a` takes the lock and bumps a counter in one step ("wait, then
 * act"), `b` releases it. Positions per worker: a, b, done. Both at b would mean
 * both hold the lock, so the reachable pairs are the 3 x 3 = 9 minus (b, b): 8
 * states (the counter and IRQLs follow from the positions). Moves: (a,a) 2;
 * (a,b) and (b,a) 1 each (the one at a spins); (a,done), (done,a), (b,done),
 * (done,b) 1 each; (done,done) 0: 8 transitions.
 */
const exclusion = defineModel({
  name: 'spinlock-exclusion',
  global: { lock: spinLock(), count: t.int(0, 2) },
  threads: {
    w: {
      steps: {
        a: (s, k) => { k.acquireSpinLock(s.g.lock); s.g.count++; return 'b'; },
        b: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
      },
    },
  },
  invariants: {
    'one holder': (sys) => sys.contexts.filter((c) => c.at === 'b').length <= 1,
    'holder at DISPATCH_LEVEL, others at PASSIVE_LEVEL': (sys) => sys.contexts.every((c) => c.irql === (c.at === 'b' ? DISPATCH_LEVEL : PASSIVE_LEVEL)),
  },
  scenarios: { default: { workers: { w: 2 } } },
});

describe('spin lock', () => {
  it('excludes, raises to DISPATCH_LEVEL and restores: 8 states, 8 transitions, and no race on the data it guards', () => {
    const r = checkBoth(exclusion);
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(8);
    expect(r.stats.transitions).toBe(8);
    expect(r.stats.maxDepth).toBe(4);
  });

  it('tryAcquire returns false instead of spinning: 8 states, 10 transitions', () => {
    // Positions t, crit, done. A failed try goes straight to done, so (crit, crit)
    // is the only pair missing: 8 states. From (t,t) 2 moves; from (crit,t) and
    // (t,crit) 2 each (the release, and the other's failing try); from the four
    // states with one done and one not, 1 each; (done,done) 0: 2+2+2+4 = 10.
    const m = defineModel({
      name: 'spinlock-try',
      global: { lock: spinLock() },
      threads: {
        w: {
          steps: {
            t: (s, k) => (k.tryAcquireSpinLock(s.g.lock) ? 'crit' : 'return'),
            crit: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([8, 10]);
  });

  it('re-acquiring a held lock spins forever: deadlock at the second acquire', () => {
    const m = defineModel({
      name: 'spinlock-reacquire',
      global: { lock: spinLock() },
      threads: { w: { steps: { a: (s, k) => { k.acquireSpinLock(s.g.lock); return 'b'; }, b: (s, k) => { k.acquireSpinLock(s.g.lock); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('deadlock');
    expect(r.message).toBe('w0 acquires a spin lock it already holds: it spins forever');
    expect(r.counterexample?.kind).toBe('step');
    expect(stepNames(r)).toEqual(['w0 w/a', 'w0 w/b']);
    // Two states (before and after a); the failing attempt is counted as a transition.
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([2, 2]);
  });

  it('releasing a lock nobody holds is a lock-discipline violation', () => {
    const m = defineModel({
      name: 'spinlock-stray-release',
      global: { lock: spinLock() },
      threads: { w: { steps: { a: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'lock-discipline', 'w0 releases a spin lock held by nobody']);
  });

  it('releasing a lock another context holds is a lock-discipline violation', () => {
    const m = defineModel({
      name: 'spinlock-foreign-release',
      global: { lock: spinLock() },
      threads: {
        owner: { steps: { a: (s, k) => { k.acquireSpinLock(s.g.lock); return 'b'; }, b: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; } } },
        thief: { steps: { a: { guard: (s) => s.g.lock.owner !== 0, do: (s, k) => { k.releaseSpinLock(s.g.lock); }, next: 'return' } } },
      },
      scenarios: { default: { workers: { owner: 1, thief: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'lock-discipline', 'thief0 releases a spin lock held by owner0']);
    expect(stepNames(r)).toEqual(['owner0 owner/a', 'thief0 thief/a']);
  });

  it('acquiring in the ISR (above DISPATCH_LEVEL) is an IRQL violation', () => {
    const m = defineModel({
      name: 'spinlock-isr',
      global: { lock: spinLock() },
      isr: { steps: { a: (s, k) => { k.acquireSpinLock(s.g.lock); return 'return'; } } },
      scenarios: { default: { interrupts: 1 } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR acquires a spin lock at DIRQL; KeAcquireSpinLock requires IRQL <= DISPATCH_LEVEL']);
    expect(stepNames(r)).toEqual(['ISR interrupt', 'ISR ISR/a']);
  });

  it('a DPC may acquire at DISPATCH_LEVEL and stays there after the release', () => {
    const m = defineModel({
      name: 'spinlock-dpc',
      global: { lock: spinLock() },
      threads: { w: { steps: { q: (s, k) => { k.queueDpc('d'); return 'return'; } } } },
      dpcs: {
        d: {
          steps: {
            a: (s, k) => { k.acquireSpinLock(s.g.lock); return 'b'; },
            b: (s, k) => { k.releaseSpinLock(s.g.lock); k.assert(k.irql === DISPATCH_LEVEL, 'the DPC dropped below DISPATCH_LEVEL'); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    // init, queued, DPC at a, DPC at b, back to idle: a chain of 5 states.
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });

  it('returning while holding a lock is a lock-discipline violation that names the lock, even at DISPATCH_LEVEL', () => {
    // A DPC enters and leaves at DISPATCH_LEVEL, so the IRQL alone cannot tell.
    const m = defineModel({
      name: 'spinlock-leak',
      global: { locks: t.array(2, spinLock()) },
      threads: { w: { steps: { q: (s, k) => { k.queueDpc('d'); return 'return'; } } } },
      dpcs: { d: { steps: { a: (s, k) => { k.acquireSpinLock(s.g.locks[1]); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'lock-discipline', 'DPC_d returns from d still holding the spin lock g.locks[1]']);
    expect(stepNames(r)).toEqual(['w0 w/q', 'DPC_d run DPC d', 'DPC_d d/a']);
  });
});
