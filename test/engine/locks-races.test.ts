/**
 * Deadlock, data race and IRQL detection on small models, each with its fix.
 * Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, event, mutex, spinLock, t } from '../../src/index.js';
import { checkBoth, stepNames } from '../support/check-both.js';
import { enumerate } from '../support/reference.js';

type LockKind = 'spin lock' | 'KMUTEX' | 'FAST_MUTEX';

/**
 * Two workers, each taking two locks and releasing them (second, then first).
 * `inverted`: worker b takes them in the opposite order to worker a.
 */
function twoLocks(kind: LockKind, inverted: boolean) {
  const lockType = () => (kind === 'spin lock' ? spinLock() : mutex({ recursive: kind === 'KMUTEX' }));
  const take = (s: any, k: any, i: number) => (kind === 'spin lock' ? k.acquireSpinLock(s.g.locks[i]) : k.acquireMutex(s.g.locks[i]));
  const drop = (s: any, k: any, i: number) => (kind === 'spin lock' ? k.releaseSpinLock(s.g.locks[i]) : k.releaseMutex(s.g.locks[i]));
  const worker = (first: number) => ({
    steps: {
      first: (s: any, k: any) => { take(s, k, first); return 'second'; },
      second: (s: any, k: any) => { take(s, k, 1 - first); return 'unlock2'; },
      unlock2: (s: any, k: any) => { drop(s, k, 1 - first); return 'unlock1'; },
      unlock1: (s: any, k: any) => { drop(s, k, first); return 'return'; },
    },
  });
  return defineModel({
    name: `two-locks-${kind.replace(' ', '-')}-${inverted ? 'inverted' : 'ordered'}`,
    global: { locks: t.array(2, lockType()) },
    threads: { a: worker(0), b: worker(inverted ? 1 : 0) },
    scenarios: { default: { workers: { a: 1, b: 1 } } },
  });
}

describe('deadlock', () => {
  for (const kind of ['spin lock', 'KMUTEX', 'FAST_MUTEX'] as const) {
    it(`${kind}s taken in opposite orders deadlock after 2 steps`, () => {
      const r = checkBoth(twoLocks(kind, true));
      expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock', 'no context can move, yet a0 at a/second, b0 at b/second have not finished']);
      expect(r.counterexample?.kind).toBe('deadlock');
      expect(stepNames(r)).toEqual(['a0 a/first', 'b0 b/first']);
    });

    it(`${kind}s taken in one order: 16 states, 16 transitions`, () => {
      // Positions 0..4 (first, second, unlock2, unlock1, done); a worker holds the
      // first lock at 1..3, so both there is impossible: 25 - 9 = 16 states. At 0 a
      // worker moves only when the other does not hold the first lock; at 1..3 it
      // always moves; the reference explorer counts the moves: 16.
      const gate = { guard: (s: { held: number }) => s.held === 0, act: (s: { held: number }) => { s.held = 1; } };
      const prog = [gate, {}, {}, { act: (s: { held: number }) => { s.held = 0; } }];
      const ref = enumerate({ held: 0 }, [prog, prog]);
      expect([ref.states, ref.transitions]).toEqual([16, 16]);
      const r = checkBoth(twoLocks(kind, false));
      expect(r.verdict).toBe('holds');
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([16, 16]);
    });
  }
});

describe('data race', () => {
  /** Two workers bumping a shared counter: unguarded, guarded by a spin lock, or guarded on one side only. */
  function counter(guard: 'none' | 'spin lock' | 'one side') {
    const locked = {
      a: (s: any, k: any) => { k.acquireSpinLock(s.g.lock); s.g.count++; return 'b'; },
      b: (s: any, k: any) => { k.releaseSpinLock(s.g.lock); return 'return'; },
    };
    const bare = { a: (s: any) => { s.g.count++; return 'return'; } };
    return defineModel({
      name: `counter-${guard.replace(' ', '-')}`,
      global: { lock: spinLock(), count: t.int(0, 2) },
      threads: { x: { steps: guard === 'none' ? bare : locked }, y: { steps: guard === 'spin lock' ? locked : bare } },
      scenarios: { default: { workers: { x: 1, y: 1 } } },
    });
  }

  it('an unprotected shared counter races, in the initial state', () => {
    const r = checkBoth(counter('none'));
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(r.message).toBe('x0 (x/a) writes g.count while y0 (y/a) writes it: both steps are enabled in the same state and nothing orders them');
    expect(r.counterexample).toMatchObject({ kind: 'race', choices: [], race: { location: 'g.count', steps: ['x0 x/a', 'y0 y/a'] } });
  });

  it('the race disappears once a spin lock guards both sides (8 states, 8 transitions)', () => {
    const r = checkBoth(counter('spin lock'));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([8, 8]);
  });

  it('a lock taken by one side only does not order anything', () => {
    const r = checkBoth(counter('one side'));
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(r.counterexample?.race?.location).toBe('g.count');
  });

  it('the lockset is per access: what a step touches before its acquire or after its release is unprotected', () => {
    const m = (when: 'before' | 'inside' | 'after') => defineModel({
      name: `lockset-${when}`,
      global: { lock: spinLock(), x: t.int(0, 2) },
      threads: {
        p: {
          steps: {
            a: (s, k) => {
              if (when === 'before') s.g.x = 1;
              k.acquireSpinLock(s.g.lock);
              if (when === 'inside') s.g.x = 1;
              k.releaseSpinLock(s.g.lock);
              if (when === 'after') s.g.x = 1;
              return 'return';
            },
          },
        },
        q: { steps: { a: (s, k) => { k.acquireSpinLock(s.g.lock); s.g.x = 2; return 'b'; }, b: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; } } },
      },
      scenarios: { default: { workers: { p: 1, q: 1 } } },
    });
    expect(checkBoth(m('inside')).verdict).toBe('holds');
    for (const when of ['before', 'after'] as const) {
      const r = checkBoth(m(when));
      expect([r.verdict, r.property, r.counterexample?.race?.location]).toEqual(['violated', 'data-race', 'g.x']);
    }
  });

  it('races are off when the model says so', () => {
    const r = checkBoth({ ...counter('none'), races: false });
    expect(r.verdict).toBe('holds');
  });

  /** The ISR and a worker both write a device register, the worker through KeSynchronizeExecution or not. */
  function register(sync: boolean) {
    return defineModel({
      name: `register-${sync ? 'synchronized' : 'bare'}`,
      global: { reg: t.int(0, 2) },
      isr: { steps: { a: (s) => { s.g.reg = 1; return 'return'; } } },
      threads: { w: { steps: { a: (s, k) => { if (sync) k.synchronizeExecution(() => { s.g.reg = 2; }); else s.g.reg = 2; return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 }, interrupts: 1 } },
    });
  }

  it('KeSynchronizeExecution orders a worker against the ISR: 7 states, 6 transitions', () => {
    // (ISR idle before/running/idle after) x (worker at a/done), minus the worker
    // moving while the ISR runs: (idle0,a) (run,a) (idle1,a, reg 1) (idle0,done,
    // reg 2) (run,done) and two ends, reg 1 (ISR last) or 2 (worker last): 7.
    // Moves: (idle0,a) 2, (run,a) 1, (idle1,a) 1, (idle0,done) 1, (run,done) 1 = 6.
    const r = checkBoth(register(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([7, 6]);
  });

  it('without it, the worker races with the running ISR', () => {
    const r = checkBoth(register(false));
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(stepNames(r)).toEqual(['ISR interrupt']);
  });
});

describe('IRQL', () => {
  it('waiting on an event while holding a spin lock is an irql violation', () => {
    const m = defineModel({
      name: 'wait-under-lock',
      global: { lock: spinLock(), ready: event('notification') },
      threads: {
        waiter: {
          steps: {
            lock: (s, k) => { k.acquireSpinLock(s.g.lock); return 'wait'; },
            wait: (s, k) => { k.waitEvent(s.g.ready); return 'unlock'; },
            unlock: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
          },
        },
        setter: { steps: { set: (s, k) => { k.setEvent(s.g.ready); return 'return'; } } },
      },
      scenarios: { default: { workers: { waiter: 1, setter: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'waiter0 waits on an event at DISPATCH_LEVEL; a wait requires IRQL < DISPATCH_LEVEL']);
    // The wait is illegal whether or not the event is set yet: found after the acquire.
    expect(stepNames(r)).toEqual(['waiter0 waiter/lock', 'waiter0 waiter/wait']);
  });
});
