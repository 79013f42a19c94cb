/**
 * KEVENT: a notification event releases every waiter and stays signaled; a
 * synchronization event releases exactly one waiter and clears itself. Waiting
 * is illegal at DISPATCH_LEVEL or above (so while holding a spin lock) and in
 * the ISR; setting is illegal above DISPATCH_LEVEL. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, event, spinLock, t, type EventKind } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

/**
 * Two waiters and one setter. A waiter either waits and counts itself through, or
 * gives up once the setter is done and the event is clear (so a waiter the event
 * did not release ends instead of deadlocking, and the final count says how many
 * the one KeSetEvent released).
 *
 * Count, for either kind: before the set only the setter moves (1 state). After
 * it, with notification the event stays signaled, nobody gives up, and the two
 * waiters pass in any order: (w,w), (done,w), (w,done), (done,done) = 4 states,
 * 5 in all; moves 1 + 2 + 1 + 1 = 5. With synchronization the first waiter
 * through clears the event, and the other gives up: (w,w), (done,w), (w,done),
 * (done,done) again = 5 states, 5 transitions, but the final count is 1, not 2.
 */
function waiters(kind: EventKind) {
  return defineModel({
    name: `event-${kind}`,
    global: { e: event(kind), passed: t.ghost(t.int(0, 2)), setterDone: t.ghost(t.bool()) },
    threads: {
      waiter: {
        steps: {
          w: [
            { name: 'wait', do: (s, k) => { k.waitEvent(s.g.e); s.g.passed++; }, next: 'return' },
            { name: 'give up', guard: (s, k) => s.g.setterDone && !k.readEvent(s.g.e), next: 'return' },
          ],
        },
      },
      setter: { steps: { s: (s, k) => { k.setEvent(s.g.e); s.g.setterDone = true; return 'return'; } } },
    },
    invariants: {
      released: (sys) => !sys.contexts.every((c) => c.at === 'done') || sys.g.passed === (kind === 'notification' ? 2 : 1)
        || `one KeSetEvent released ${sys.g.passed} waiters`,
    },
    scenarios: { default: { workers: { waiter: 2, setter: 1 } } },
  });
}

describe('event', () => {
  it('a notification event releases every waiter: 5 states, 5 transitions, both pass', () => {
    const r = checkBoth(waiters('notification'));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 5]);
  });

  it('a synchronization event releases exactly one waiter and clears itself: 5 states, 5 transitions, one passes', () => {
    const r = checkBoth(waiters('synchronization'));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 5]);
  });

  it('a waiter a synchronization event did not release waits forever: deadlock after the set and one release', () => {
    const m = defineModel({
      name: 'event-lost-waiter',
      global: { e: event('synchronization') },
      threads: {
        waiter: { steps: { w: (s, k) => { k.waitEvent(s.g.e); return 'return'; } } },
        setter: { steps: { s: (s, k) => { k.setEvent(s.g.e); return 'return'; } } },
      },
      scenarios: { default: { workers: { waiter: 2, setter: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock', 'no context can move, yet waiter1 at waiter/w has not finished']);
    expect(r.counterexample?.kind).toBe('deadlock');
    expect(stepNames(r)).toEqual(['setter0 setter/s', 'waiter0 waiter/w']);
    // init, after the set, and the two single releases; the first of those is the deadlock.
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([4, 3]);
  });

  it('a signaled synchronization event lets one wait through, then blocks the next', () => {
    const m = defineModel({
      name: 'event-auto-reset',
      global: { e: event('synchronization', true) },
      threads: { w: { steps: { a: (s, k) => { k.waitEvent(s.g.e); return 'b'; }, b: (s, k) => { k.waitEvent(s.g.e); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property]).toEqual(['violated', 'deadlock']);
    expect(stepNames(r)).toEqual(['w0 w/a']);
  });

  it('set and reset return the previous state; a notification event stays signaled through waits', () => {
    const m = defineModel({
      name: 'event-returns',
      global: { e: event('notification') },
      threads: {
        w: {
          steps: {
            a: (s, k) => { k.assert(!k.setEvent(s.g.e), 'KeSetEvent on a clear event returned true'); return 'b'; },
            b: (s, k) => { k.assert(k.setEvent(s.g.e), 'KeSetEvent on a signaled event returned false'); return 'c'; },
            c: (s, k) => { k.waitEvent(s.g.e); k.waitEvent(s.g.e); k.assert(k.readEvent(s.g.e), 'a wait cleared a notification event'); return 'd'; },
            d: (s, k) => { k.assert(k.resetEvent(s.g.e), 'KeResetEvent on a signaled event returned false'); k.assert(!k.resetEvent(s.g.e), 'a second reset returned true'); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });

  it('waiting on an event while holding a spin lock is an IRQL violation, even if the event is signaled', () => {
    const m = defineModel({
      name: 'event-wait-under-spinlock',
      global: { l: spinLock(), e: event('notification', true) },
      threads: {
        w: {
          steps: {
            a: (s, k) => { k.acquireSpinLock(s.g.l); return 'b'; },
            b: (s, k) => { k.waitEvent(s.g.e); return 'c'; },
            c: (s, k) => { k.releaseSpinLock(s.g.l); return 'return'; },
          },
        },
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'w0 waits on an event at DISPATCH_LEVEL; a wait requires IRQL < DISPATCH_LEVEL']);
    expect(stepNames(r)).toEqual(['w0 w/a', 'w0 w/b']);
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([2, 2]);
  });

  it('waiting in the ISR is an IRQL violation', () => {
    const m = defineModel({
      name: 'event-wait-isr',
      global: { e: event('notification', true) },
      isr: { steps: { a: (s, k) => { k.waitEvent(s.g.e); return 'return'; } } },
      scenarios: { default: { interrupts: 1 } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR waits on an event in the ISR']);
  });

  it('setting an event from the ISR is an IRQL violation (the ISR queues a DPC to do it)', () => {
    const bad = defineModel({
      name: 'event-set-isr',
      global: { e: event('notification') },
      isr: { steps: { a: (s, k) => { k.setEvent(s.g.e); return 'return'; } } },
      scenarios: { default: { interrupts: 1 } },
    });
    const r = checkBoth(bad);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR calls KeSetEvent at DIRQL; it requires IRQL <= DISPATCH_LEVEL']);

    const good = defineModel({
      name: 'event-set-dpc',
      global: { e: event('notification') },
      isr: { steps: { a: (s, k) => { k.queueDpc('d'); return 'return'; } } },
      dpcs: { d: { steps: { a: (s, k) => { k.setEvent(s.g.e); return 'return'; } } } },
      scenarios: { default: { interrupts: 1 } },
    });
    // idle -> ISR at a -> ISR done, DPC queued -> DPC at a -> DPC done, event set: 5 states.
    const ok = checkBoth(good);
    expect(ok.verdict).toBe('holds');
    expect([ok.stats.distinctStates, ok.stats.transitions]).toEqual([5, 4]);
  });
});
