/**
 * Interlocked exchange and compare-exchange on a BOOLEAN flag and on an enum
 * state, as drivers use them: InterlockedExchange on a "stopping" flag so exactly
 * one of two teardown paths runs the cleanup (the first to swap TRUE in sees
 * FALSE back), and InterlockedCompareExchange moving a state from idle to busy so
 * exactly one caller claims the engine. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t } from '../../index.js';
import { checkBoth } from '../../../test/support/check-both.js';

const allDone = (sys: { contexts: readonly { at: string | null }[] }): boolean => sys.contexts.every((c) => c.at === 'done');

describe('interlocked operations on booleans and enums', () => {
  it('InterlockedExchange on a BOOLEAN: exactly one of two stoppers cleans up (no race): 4 states, 4 transitions', () => {
    // Each worker: one step that swaps TRUE in and cleans up if it saw FALSE. The
    // flag and the count follow from which workers are done: 2 x 2 states.
    const m = defineModel({
      name: 'interlocked-flag',
      global: { stopping: t.bool(), cleanups: t.ghost(t.int(0, 2)) },
      threads: { stop: { steps: { a: (s, k) => { const was: boolean = k.interlockedExchange(s.g, 'stopping', true); if (!was) s.g.cleanups++; return 'return'; } } } },
      invariants: { 'one cleanup': (sys) => !allDone(sys) || sys.g.cleanups === 1 || `${sys.g.cleanups} cleanups ran` },
      scenarios: { default: { workers: { stop: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 4]);
  });

  it('the same with a plain read then write of the flag cleans up twice', () => {
    const m = defineModel({
      name: 'plain-flag',
      global: { stopping: t.interlocked(t.bool()), cleanups: t.ghost(t.int(0, 2)) },
      threads: {
        stop: { steps: { read: (s) => (s.g.stopping ? 'return' : 'set'), set: (s) => { s.g.stopping = true; s.g.cleanups++; return 'return'; } } },
      },
      invariants: { 'one cleanup': (sys) => sys.g.cleanups <= 1 || `${sys.g.cleanups} cleanups ran` },
      scenarios: { default: { workers: { stop: 2 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'one cleanup']);
    expect(r.message).toMatch(/2 cleanups ran/);
    expect(r.counterexample?.steps.length).toBe(4);
  });

  it('InterlockedCompareExchange on an enum: only the caller that saw idle claims the engine: 12 states, 16 transitions', () => {
    // Each caller is at claim, work, release or done, and at most one is at work
    // or release (the engine and the owner count follow): 16 - 4 = 12 states.
    // Every caller not done has one move: 8 + 8 = 16 transitions.
    const STATES = ['idle', 'busy'] as const;
    const m = defineModel({
      name: 'interlocked-enum',
      global: { engine: t.enum(STATES), owners: t.ghost(t.int(0, 2)) },
      threads: {
        caller: {
          steps: {
            claim: (s, k) => (k.interlockedCompareExchange(s.g, 'engine', 'busy', 'idle') === 'idle' ? 'work' : 'return'),
            work: (s) => { s.g.owners++; return 'release'; },
            release: (s, k) => { s.g.owners--; k.interlockedExchange(s.g, 'engine', 'idle'); return 'return'; },
          },
        },
      },
      invariants: { exclusive: (sys) => sys.g.owners <= 1 || 'two callers own the engine' },
      scenarios: { default: { workers: { caller: 2 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([12, 16]);
  });

  it('the value must have the field\'s type: tsc rejects a mismatch, and a run reports it as a range violation', () => {
    const m = defineModel({
      name: 'interlocked-types',
      global: { flag: t.bool(), state: t.enum(['idle', 'busy']), n: t.int(0, 3) },
      threads: {
        w: {
          steps: {
            a: (s, k) => {
              const old: boolean = k.interlockedExchange(s.g, 'flag', true);
              const was: 'idle' | 'busy' = k.interlockedCompareExchange(s.g, 'state', 'busy', 'idle');
              // @ts-expect-error a BOOLEAN field takes a boolean, not 1
              k.interlockedExchange(s.g, 'flag', 1);
              // @ts-expect-error an enum field takes one of its values
              k.interlockedCompareExchange(s.g, 'state', 'gone', 'idle');
              // @ts-expect-error increment is for number fields only
              k.interlockedIncrement(s.g, 'flag');
              return old && was === 'idle' ? 'return' : 'return';
            },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'range']);
    expect(r.message).toMatch(/g\.flag = 1 is outside its declared range \(true or false\)/);
  });

  it('an exchange writing a value outside an enum is a range violation', () => {
    const m = defineModel({
      name: 'interlocked-enum-range',
      global: { engine: t.enum(['idle', 'busy']) },
      threads: { w: { steps: { a: (s, k) => { k.interlockedExchange(s.g, 'engine', 'gone' as 'idle'); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'range']);
    expect(r.message).toMatch(/g\.engine = "gone" is outside its declared range \(idle \| busy\)/);
  });
});
