/**
 * Waits with a timeout: one step, two outcomes. While the object is signaled
 * (the mutex free) the wait may complete or time out; while it is not, only the
 * timeout can happen, so a timed waiter never deadlocks. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, event, mutex, t, type EventKind } from '../../index.js';
import { compile } from '../../engine/system.js';
import type { Kernel } from './kernel.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

const OUTCOMES = ['none', 'signaled', 'timeout'] as const;
/** The global space of timedWaiter, for invariants added to a copy of it. */
interface G { e: { signaled: boolean }; r: string }

/**
 * One timed waiter and one setter. States: the start; set (the waiter may now
 * complete or time out); timed out before the set; completed; timed out with the
 * event set (reached after the set or before it): 5 states, 5 transitions. A
 * synchronization event is consumed by the completing wait only: the same 5
 * states, but the one after 'signaled' has the event clear again.
 */
function timedWaiter(kind: EventKind, setter = true) {
  return defineModel({
    name: `timed-wait-${kind}`,
    global: { e: event(kind), r: t.ghost(t.enum(OUTCOMES)) },
    threads: {
      waiter: { steps: { w: (s, k) => { s.g.r = k.waitEvent(s.g.e, { timeout: true }); return 'return'; } } },
      setter: { steps: { s: (s, k) => { k.setEvent(s.g.e); return 'return'; } } },
    },
    invariants: { 'never times out': (sys) => sys.g.r !== 'timeout' || 'the wait timed out' },
    scenarios: { default: { workers: setter ? { waiter: 1, setter: 1 } : { waiter: 1 } } },
  });
}

describe('KeWaitForSingleObject with a timeout', () => {
  it('explores both outcomes once the event is signaled: 5 states, 5 transitions', () => {
    const m = timedWaiter('notification');
    const r = checkBoth({ ...m, invariants: {} });
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 5]);
  });

  it('a synchronization event is consumed only by the wait that completes: 5 states, 5 transitions', () => {
    const done = (sys: { contexts: readonly { at: string | null }[] }) => sys.contexts.every((c) => c.at === 'done');
    const r = checkBoth({
      ...timedWaiter('synchronization'),
      invariants: { consumed: (sys) => { const g = sys.g as unknown as G; return !done(sys) || g.e.signaled === (g.r === 'timeout') || `${g.r} left the event ${g.e.signaled ? 'set' : 'clear'}`; } },
    });
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 5]);
  });

  it('the shortest timeout is the first move, named as the step with (timeout)', () => {
    const r = checkBoth(timedWaiter('notification'));
    expect(r.verdict).toBe('violated');
    expect(stepNames(r)).toEqual(['waiter0 waiter/w (timeout)']);
  });

  it('every outcome the checker reaches is one of the two, and both are reached', () => {
    const seen = new Set<string>();
    const m = timedWaiter('notification');
    const r = checkBoth({ ...m, invariants: { record: (sys) => { seen.add((sys.g as unknown as G).r); return true; } } });
    expect(r.verdict).toBe('holds');
    expect([...seen].sort()).toEqual(['none', 'signaled', 'timeout']);
  });

  it('with nobody to set the event only the timeout happens, and it is no deadlock: 2 states, 1 transition', () => {
    const r = checkBoth({ ...timedWaiter('notification', false), invariants: {} });
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([2, 1]);
  });

  it('the same wait without a timeout deadlocks when nobody sets the event', () => {
    const m = timedWaiter('notification', false);
    const r = checkBoth({ ...m, invariants: {}, threads: { ...m.threads, waiter: { steps: { w: (s, k) => { k.waitEvent((s.g as unknown as G).e); return 'return'; } } } } });
    expect([r.verdict, r.property]).toEqual(['violated', 'deadlock']);
  });

  it('a timed wait is still a wait: at DISPATCH_LEVEL it is an IRQL violation', () => {
    const r = checkBoth(defineModel({
      name: 'timed-wait-dispatch',
      global: { e: event('notification', true) },
      threads: { w: { irql: 'DISPATCH_LEVEL', steps: { w: (s, k) => { k.waitEvent(s.g.e, { timeout: true }); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    }));
    expect([r.verdict, r.property]).toEqual(['violated', 'irql']);
    expect(r.message).toMatch(/w0 waits on an event at DISPATCH_LEVEL/);
  });
});

describe('KeWaitForSingleObject on a KMUTEX with a timeout', () => {
  /** The holder owns the mutex for one step; the trier notes whether it was owned, tries with a timeout, releases what it got. */
  const contended = defineModel({
    name: 'timed-mutex',
    global: { m: mutex({ recursive: true }), r: t.ghost(t.enum(['none', 'acquired', 'timeout'])), owned: t.ghost(t.bool()) },
    threads: {
      holder: { steps: { a: (s, k) => { k.acquireMutex(s.g.m); return 'b'; }, b: (s, k) => { k.releaseMutex(s.g.m); return 'return'; } } },
      trier: {
        steps: {
          a: (s, k) => { const owned = s.g.m.owner !== 0; s.g.r = k.acquireMutex(s.g.m, { timeout: true }); s.g.owned = owned; return s.g.r === 'acquired' ? 'b' : 'return'; },
          b: (s, k) => { k.releaseMutex(s.g.m); return 'return'; },
        },
      },
    },
    scenarios: { default: { workers: { holder: 1, trier: 1 } } },
  });

  it('while another context owns it only the timeout can happen; both outcomes when it is free: 13 states, 14 transitions', () => {
    const seen = new Set<string>();
    const r = checkBoth({ ...contended, invariants: { record: (sys) => { if (sys.g.r !== 'none') seen.add(`${sys.g.owned ? 'owned' : 'free'}:${sys.g.r}`); return true; } } });
    expect(r.verdict).toBe('holds');
    expect([...seen].sort()).toEqual(['free:acquired', 'free:timeout', 'owned:timeout']);
    // From the start: the holder takes it (then the trier can only time out), the
    // trier takes it (the holder waits), or the trier times out; each path ends
    // with both done: 13 states (4 of them final), 14 transitions.
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([13, 14]);
  });

  it('a FAST_MUTEX has no timed acquire: a model error that says what to declare', () => {
    const m = defineModel({
      name: 'timed-fast-mutex',
      global: { m: mutex({ recursive: false }) },
      threads: { w: { steps: { a: (s, k) => { k.acquireMutex(s.g.m, { timeout: true }); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(() => check(m)).toThrow(/acquires a FAST_MUTEX with a timeout: ExAcquireFastMutex has none/);
  });
});

describe('how a step gets its timeout outcome', () => {
  const inHelper = (s: { g: { e: object } }, k: Kernel): string => (k.waitEvent(s.g.e, { timeout: true }) === 'signaled' ? 'return' : 'return');
  const helperModel = (flag?: boolean) => defineModel({
    name: 'timed-wait-helper',
    global: { e: event('notification', true) },
    // The step's own text calls a helper: ddicheck cannot see the timed wait in it.
    threads: { w: { steps: { a: { timeout: flag, do: (s, k) => inHelper(s, k) } } } },
    scenarios: { default: { workers: { w: 1 } } },
  });

  it('a timed wait in a helper the step text does not show is a model error naming the fix', () => {
    expect(() => check(helperModel())).toThrow(/mark the step \{ timeout: true, do: \.\.\. \}/);
  });

  it('marking the step timeout: true gives it both outcomes: 2 states, 2 transitions', () => {
    const r = checkBoth(helperModel(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([2, 2]);
  });

  it('a step whose text says timeout but makes no timed wait keeps its counts (its timeout twin is never enabled)', () => {
    const m = (name: string, step: (s: { g: { count: number } }) => string) => defineModel({
      name,
      global: { count: t.int(0, 2) },
      threads: { w: { steps: { a: step } } },
      scenarios: { default: { workers: { w: 2 } } },
      races: false,
    });
    const mentions = m('mentions', (s) => { s.g.count++; return s.g.count > 0 ? 'return' : 'timeout handling is elsewhere'; });
    expect(compile(mentions).actions.filter((x) => x.name.endsWith('(timeout)')).map((x) => x.name)).toEqual(['w/a (timeout)', 'w/a (timeout)']);
    const a = checkBoth(mentions);
    const b = checkBoth(m('plain', (s) => { s.g.count++; return 'return'; }));
    expect([a.verdict, a.stats.distinctStates, a.stats.transitions]).toEqual(['holds', 4, 4]);
    expect([b.stats.distinctStates, b.stats.transitions]).toEqual([4, 4]);
  });

  it('two timed waits in one step are a model error', () => {
    const m = defineModel({
      name: 'timed-wait-twice',
      global: { e: event('notification', true), f: event('notification', true) },
      threads: { w: { steps: { a: (s, k) => { k.waitEvent(s.g.e, { timeout: true }); k.waitEvent(s.g.f, { timeout: true }); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    expect(() => check(m)).toThrow(/second wait with a timeout in one step/);
  });
});
