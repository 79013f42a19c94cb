/**
 * Mutexes: a KMUTEX may be re-acquired by its owner (depth counts), a FAST_MUTEX
 * may not (the thread waits on itself: deadlock) and raises to APC_LEVEL. Both
 * are waits, so the ISR, a DPC, or a thread holding a spin lock may not take
 * one. Every check runs on both backends.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, mutex, spinLock, t, APC_LEVEL, PASSIVE_LEVEL } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

/** One worker taking `m` twice and releasing twice: a, b, c, d, then done. */
function nested(recursive: boolean) {
  return defineModel({
    name: `mutex-nested-${recursive ? 'kmutex' : 'fast'}`,
    global: { m: mutex({ recursive }) },
    threads: {
      w: {
        steps: {
          a: (s, k) => { k.acquireMutex(s.g.m); return 'b'; },
          b: (s, k) => { k.acquireMutex(s.g.m); return 'c'; },
          c: (s, k) => { k.releaseMutex(s.g.m); k.assert(s.g.m.owner !== 0, 'the first release of a nested KMUTEX freed it'); return 'd'; },
          d: (s, k) => { k.releaseMutex(s.g.m); return 'return'; },
        },
      },
    },
    invariants: { 'a KMUTEX leaves the IRQL alone': (sys) => !recursive || sys.contexts.every((c) => c.irql === PASSIVE_LEVEL) },
    scenarios: { default: { workers: { w: 1 } } },
  });
}

/** Two workers: take the mutex and count in one step, release in the next (as for the spin lock: 8 states, 8 transitions). */
function contended(recursive: boolean) {
  return defineModel({
    name: `mutex-contended-${recursive ? 'kmutex' : 'fast'}`,
    global: { m: mutex({ recursive }), count: t.int(0, 2) },
    threads: {
      w: {
        steps: {
          a: (s, k) => { k.acquireMutex(s.g.m); s.g.count++; return 'b'; },
          b: (s, k) => { k.releaseMutex(s.g.m); return 'return'; },
        },
      },
    },
    invariants: {
      'one holder': (sys) => sys.contexts.filter((c) => c.at === 'b').length <= 1,
      // ExAcquireFastMutex raises to APC_LEVEL; KeWaitForSingleObject on a KMUTEX does not.
      'holder IRQL': (sys) => sys.contexts.every((c) => c.irql === (c.at === 'b' && !recursive ? APC_LEVEL : PASSIVE_LEVEL)),
    },
    scenarios: { default: { workers: { w: 2 } } },
  });
}

describe('mutex', () => {
  it('a KMUTEX may be re-acquired by its owner: a chain of 5 states, 4 transitions', () => {
    const r = checkBoth(nested(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });

  it('re-acquiring a FAST_MUTEX is a deadlock at the second acquire', () => {
    const r = checkBoth(nested(false));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock', 'w0 acquires a FAST_MUTEX it already holds: it waits on itself']);
    expect(stepNames(r)).toEqual(['w0 w/a', 'w0 w/b']);
  });

  for (const recursive of [true, false]) {
    it(`${recursive ? 'KMUTEX' : 'FAST_MUTEX'} excludes: 8 states, 8 transitions, no race on the data it guards`, () => {
      const r = checkBoth(contended(recursive));
      expect(r.verdict).toBe('holds');
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([8, 8]);
    });
  }

  it('acquiring a mutex in the ISR is an IRQL violation', () => {
    const m = defineModel({
      name: 'mutex-isr',
      global: { m: mutex({ recursive: true }) },
      isr: { steps: { a: (s, k) => { k.acquireMutex(s.g.m); return 'return'; } } },
      scenarios: { default: { interrupts: 1 } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR acquires a KMUTEX in the ISR']);
  });

  it('acquiring a mutex in a DPC (a wait at DISPATCH_LEVEL) is an IRQL violation', () => {
    const m = defineModel({
      name: 'mutex-dpc',
      global: { m: mutex({ recursive: false }) },
      threads: { w: { steps: { q: (s, k) => { k.queueDpc('d'); return 'return'; } } } },
      dpcs: { d: { steps: { a: (s, k) => { k.acquireMutex(s.g.m); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'DPC_d waits on a FAST_MUTEX at DISPATCH_LEVEL; a wait requires IRQL < DISPATCH_LEVEL']);
    expect(stepNames(r)).toEqual(['w0 w/q', 'DPC_d run DPC d', 'DPC_d d/a']);
  });

  it('acquiring a mutex while holding a spin lock is an IRQL violation', () => {
    const m = defineModel({
      name: 'mutex-under-spinlock',
      global: { l: spinLock(), m: mutex({ recursive: true }) },
      threads: {
        w: {
          steps: {
            a: (s, k) => { k.acquireSpinLock(s.g.l); return 'b'; },
            b: (s, k) => { k.acquireMutex(s.g.m); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'w0 waits on a KMUTEX at DISPATCH_LEVEL; a wait requires IRQL < DISPATCH_LEVEL']);
  });

  it('releasing a mutex one does not own is a lock-discipline violation', () => {
    const m = defineModel({
      name: 'mutex-stray-release',
      global: { m: mutex({ recursive: true }) },
      threads: { w: { steps: { a: (s, k) => { k.releaseMutex(s.g.m); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'lock-discipline', 'w0 releases a mutex held by nobody']);
  });

  it('a worker that ends holding a KMUTEX is a lock-discipline violation (the IRQL does not show it)', () => {
    const m = defineModel({
      name: 'mutex-leak',
      global: { m: mutex({ recursive: true }) },
      threads: { w: { steps: { a: (s, k) => { k.acquireMutex(s.g.m); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'lock-discipline', 'w0 returns from w still holding the KMUTEX g.m']);
  });
});
