/**
 * Interlocked operations: atomic read-modify-writes that never race with each
 * other, even on a field declared as plain data, but still race with a plain
 * access to the same field. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

const allDone = (sys: { contexts: readonly { at: string | null }[] }): boolean => sys.contexts.every((c) => c.at === 'done');

describe('interlocked', () => {
  it('two interlocked increments of a data field: no race, and the count ends at exactly 2 (4 states, 4 transitions)', () => {
    // Each worker: inc, done. The count is the number of workers done, so the
    // states are the 2 x 2 position pairs; moves 2 + 1 + 1 + 0 = 4.
    const m = defineModel({
      name: 'interlocked-inc',
      global: { count: t.int(0, 2) },
      threads: { w: { steps: { inc: (s, k) => { k.assert(k.interlockedIncrement(s.g, 'count') >= 1, 'InterlockedIncrement returned the old value'); return 'return'; } } } },
      invariants: { 'final count': (sys) => !allDone(sys) || sys.g.count === 2 || `count ended at ${sys.g.count}` },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 4]);
  });

  it('the same with a plain ++ is a data race, found in the initial state', () => {
    const m = defineModel({
      name: 'plain-inc',
      global: { count: t.int(0, 2) },
      threads: { w: { steps: { inc: (s) => { s.g.count++; return 'return'; } } } },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(r.message).toBe('w0 (w/inc) writes g.count while w1 (w/inc) writes it: both steps are enabled in the same state and nothing orders them');
    expect(r.counterexample?.kind).toBe('race');
    expect(r.counterexample?.choices).toEqual([]);
    expect(r.counterexample?.race).toEqual({ location: 'g.count', steps: ['w0 w/inc', 'w1 w/inc'] });
  });

  it('an interlocked increment racing with a plain write of the same field is a data race', () => {
    const m = defineModel({
      name: 'interlocked-vs-plain',
      global: { count: t.int(0, 2) },
      threads: {
        inc: { steps: { a: (s, k) => { k.interlockedIncrement(s.g, 'count'); return 'return'; } } },
        clear: { steps: { a: (s) => { s.g.count = 0; return 'return'; } } },
      },
      scenarios: { default: { workers: { inc: 1, clear: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(r.counterexample?.race?.location).toBe('g.count');
  });

  it('a field declared interlocked is never a race, but a split read-then-write still loses an update (4 steps)', () => {
    // Each worker reads the count into a local, then writes local + 1. Both reads
    // before either write loses an update: read, read, write, write is the
    // shortest path to both done with count 1.
    const m = defineModel({
      name: 'lost-update',
      global: { count: t.interlocked(t.int(0, 2)) },
      local: { seen: t.int(0, 2) },
      threads: {
        w: {
          steps: {
            read: (s) => { s.local.seen = s.g.count; return 'write'; },
            write: (s) => { s.g.count = s.local.seen + 1; return 'return'; },
          },
        },
      },
      invariants: { 'final count': (sys) => !allDone(sys) || sys.g.count === 2 || `count ended at ${sys.g.count}` },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'final count', 'count ended at 1']);
    expect(stepNames(r)).toEqual(['w0 w/read', 'w1 w/read', 'w0 w/write', 'w1 w/write']);
  });

  it('a lock built from InterlockedCompareExchange excludes: 16 states, 16 transitions', () => {
    // acq (CAS 0 -> 1, waits while it fails), crit, leave, rel (exchange back to 0).
    // Positions 0..4, holding at 1..3: the 25 pairs minus the 9 with both holding
    // = 16 states. A worker at 0 moves only when the other is not holding; 1..3
    // always move; 4 never: (0,0) 2, (0,1..3) and (1..3,0) 1 each = 6, (0,4) and
    // (4,0) 1 each, (4,1..3) and (1..3,4) 1 each = 6, (4,4) 0: 16.
    const m = defineModel({
      name: 'cas-lock',
      global: { flag: t.int(0, 1), inside: t.ghost(t.int(0, 2)) },
      threads: {
        w: {
          steps: {
            acq: (s, k) => { k.await(k.interlockedCompareExchange(s.g, 'flag', 1, 0) === 0); return 'crit'; },
            crit: (s) => { s.g.inside++; return 'leave'; },
            leave: (s) => { s.g.inside--; return 'rel'; },
            rel: (s, k) => { k.assert(k.interlockedExchange(s.g, 'flag', 0) === 1, 'released a free flag'); return 'return'; },
          },
        },
      },
      invariants: { exclusion: (sys) => sys.g.inside <= 1 },
      scenarios: { default: { workers: { w: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([16, 16]);
  });

  it('an interlocked add that leaves the declared range is a range violation', () => {
    const m = defineModel({
      name: 'interlocked-range',
      global: { count: t.int(0, 1) },
      threads: { w: { steps: { inc: (s, k) => { k.interlockedAdd(s.g, 'count', 2); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'range']);
    expect(r.message).toBe('g.count = 2 is outside its declared range (0..1); widen the schema if this value is legitimate');
  });
});
