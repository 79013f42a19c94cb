/**
 * KTIMER with its DPC: a one-shot timer queues its DPC once and disarms; a
 * periodic one stays armed; KeCancelTimer disarms but does not dequeue the DPC.
 * The teardown hazards (a queued DPC, or a DPC that re-arms its own timer,
 * running after the object it uses was freed) are use-after-free violations.
 * Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, handle, pool, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

/** A worker arms timer t (one-shot or periodic); t's DPC counts its runs. The invariant says it ran at most once. */
function ticking(periodic: boolean) {
  return defineModel({
    name: `timer-${periodic ? 'periodic' : 'oneshot'}`,
    global: { runs: t.ghost(t.int(0, 2)) },
    threads: { w: { steps: { set: (s, k) => { k.setTimer('t', { periodic }); return 'return'; } } } },
    dpcs: { tick: { steps: { run: (s) => { s.g.runs++; return 'return'; } } } },
    timers: { t: { dpc: 'tick' } },
    invariants: { 'at most one run': (sys) => sys.g.runs <= 1 },
    scenarios: { default: { workers: { w: 1 } } },
  });
}

describe('timer', () => {
  it('a one-shot timer queues its DPC once and disarms: a chain of 5 states', () => {
    // (set) -> (done, armed) -> expires -> (queued, disarmed) -> dispatch -> (DPC at run) -> (runs 1).
    const r = checkBoth(ticking(false));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });

  it('a periodic timer re-arms: its DPC runs a second time after exactly 7 steps', () => {
    // A second run needs the set, two expiries, two dispatches and two runs, and
    // they can come in that order: 7 steps, and no fewer. BFS finds a shortest one.
    const r = checkBoth(ticking(true));
    expect([r.verdict, r.property]).toEqual(['violated', 'at most one run']);
    expect(r.counterexample?.choices).toHaveLength(7);
    expect(stepNames(r).filter((s) => s === 'timer t expires')).toHaveLength(2);
  });

  it('set, expiry and cancel of a periodic timer: 9 states, 15 transitions (expiry with the DPC already queued is a self-loop)', () => {
    // The worker sets t periodic, then cancels it; the DPC does nothing. A state is
    // (worker, armed, queued, DPC idle|a). After the set the worker is at cancel
    // with t armed, or done with t disarmed; queued and the DPC vary freely:
    // 1 + 2 x 2 x 2 = 9 states. Moves: (set) 1. At cancel, t armed: the cancel, the
    // expiry (a self-loop when already queued), the dispatch when queued and idle,
    // the DPC's step when it runs: (Q0,idle) 2, (Q1,idle) 3, (Q0,a) 3, (Q1,a) 3.
    // Done: only the dispatch or the DPC step: (Q0,idle) 0, (Q1,idle) 1, (Q0,a) 1,
    // (Q1,a) 1. 1 + 11 + 3 = 15.
    const m = defineModel({
      name: 'timer-cancel',
      threads: { w: { steps: { set: (s, k) => { k.setTimer('t', { periodic: true }); return 'cancel'; }, cancel: (s, k) => { k.cancelTimer('t'); return 'return'; } } } },
      dpcs: { d: { steps: { a: () => 'return' } } },
      timers: { t: { dpc: 'd' } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([9, 15]);
  });

  it('KeSetTimer and KeCancelTimer say whether the timer was armed', () => {
    const m = defineModel({
      name: 'timer-returns',
      threads: {
        w: {
          steps: {
            a: (s, k) => {
              k.assert(!k.setTimer('t'), 'KeSetTimer on an idle timer returned true');
              k.assert(k.setTimer('t'), 'KeSetTimer on an armed timer returned false');
              k.assert(k.timerArmed('t'), 'the timer is not armed after KeSetTimer');
              k.assert(k.cancelTimer('t'), 'KeCancelTimer on an armed timer returned false');
              k.assert(!k.cancelTimer('t'), 'KeCancelTimer on an idle timer returned true');
              return 'return';
            },
          },
        },
      },
      dpcs: { d: { steps: { a: () => 'return' } } },
      timers: { t: { dpc: 'd' } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([2, 1]);
  });

  it('setting a timer from the ISR is an IRQL violation', () => {
    const m = defineModel({
      name: 'timer-isr',
      isr: { steps: { a: (s, k) => { k.setTimer('t'); return 'return'; } } },
      dpcs: { d: { steps: { a: () => 'return' } } },
      timers: { t: { dpc: 'd' } },
      scenarios: { default: { interrupts: 1 } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR calls KeSetTimer at DIRQL; it requires IRQL <= DISPATCH_LEVEL']);
  });
});

/**
 * Teardown of an object a self-re-arming timer DPC uses. The worker allocates
 * the object, arms the one-shot timer, then tears down (how depends on
 * `teardown`) and frees the object. The DPC uses the object and re-arms the
 * timer, unless `stopping` is set.
 */
function teardownModel(teardown: 'cancel' | 'cancel+flush' | 'stop+cancel+flush') {
  const stop = teardown === 'stop+cancel+flush';
  return defineModel({
    name: `timer-teardown-${teardown}`,
    global: { objs: pool('device context', 1, { ticks: t.int(0, 1) }), h: handle(1), stopping: t.interlocked(t.bool()) },
    threads: {
      w: {
        steps: {
          setup: (s, k) => { s.g.h = k.alloc(s.g.objs); k.setTimer('t'); return stop ? 'stop' : 'cancel'; },
          stop: (s) => { s.g.stopping = true; return 'cancel'; },
          cancel: (s, k) => { k.cancelTimer('t'); return teardown === 'cancel' ? 'free' : 'flush'; },
          flush: (s, k) => { k.flushQueuedDpcs(); return 'free'; },
          free: (s, k) => { k.free(s.g.objs, s.g.h); return 'return'; },
        },
      },
    },
    dpcs: {
      tick: {
        steps: {
          run: (s, k) => {
            k.use(s.g.objs, s.g.h).ticks = 1;
            if (!s.g.stopping) k.setTimer('t');
            return 'return';
          },
        },
      },
    },
    timers: { t: { dpc: 'tick' } },
    scenarios: { default: { workers: { w: 1 } } },
  });
}

describe('timer teardown', () => {
  it('cancel then free: the DPC the timer already queued runs on the freed object (6 steps)', () => {
    // setup, expiry (queues the DPC), cancel (does not dequeue it), free, dispatch, use.
    const r = checkBoth(teardownModel('cancel'));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'DPC_tick uses device context #1 after it was freed']);
    expect(r.counterexample?.kind).toBe('step');
    expect(stepNames(r)).toEqual(['w0 w/setup', 'timer t expires', 'w0 w/cancel', 'w0 w/free', 'DPC_tick run DPC tick', 'DPC_tick tick/run']);
  });

  it('cancel, flush, free: a running DPC re-arms its own timer after the cancel, and the next expiry uses the freed object (10 steps)', () => {
    // The DPC must be queued (setup, expiry) before the cancel and re-arm after it
    // (dispatch, run); the flush waits for it; then free, a second expiry, dispatch
    // and use: 10 distinct events, each needed, so 10 is the shortest. (Which of
    // the shortest orders BFS reports follows from the fixed candidate order.)
    const r = checkBoth(teardownModel('cancel+flush'));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'use-after-free', 'DPC_tick uses device context #1 after it was freed']);
    expect(stepNames(r)).toEqual([
      'w0 w/setup', 'timer t expires', 'w0 w/cancel', 'DPC_tick run DPC tick', 'DPC_tick tick/run',
      'w0 w/flush', 'w0 w/free', 'timer t expires', 'DPC_tick run DPC tick', 'DPC_tick tick/run',
    ]);
  });

  it('stop re-arming, cancel, flush, then free: holds', () => {
    const r = checkBoth(teardownModel('stop+cancel+flush'));
    expect(r.verdict).toBe('holds');
  });
});
