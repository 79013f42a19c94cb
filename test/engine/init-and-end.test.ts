import { describe, it, expect } from 'vitest';
import { defineModel, t, check, event, pool, handle } from '../../src/index.js';

// A worker that waits for work on an event, forever: the shape of a real driver worker.
const parked = (end: boolean) => defineModel({
  name: `parked-${end}`,
  global: { work: event('synchronization'), done: t.int(0, 1) },
  threads: {
    worker: { steps: { wait: { do: (s, k) => { k.waitEvent(s.g.work); s.g.done = 1; }, next: 'wait', end } } },
    producer: { steps: { give: (s, k) => { k.setEvent(s.g.work); return 'return'; } } },
  },
  scenarios: { default: { workers: { worker: 1, producer: 1 } } },
});

describe('end labels: a worker parked waiting for work is not a deadlock', () => {
  it('without end, the parked worker is reported as a deadlock', () => {
    const r = check(parked(false));
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('deadlock');
    expect(r.message).toBe('no context can move, yet worker0 at worker/wait has not finished');
  });
  it('with end: true on the wait, the same model holds, on both backends, with the same counts', () => {
    const fast = check(parked(true));
    const immer = check(parked(true), { backend: 'immer' });
    expect(fast.verdict).toBe('holds');
    // States: (event clear, producer at give, done 0), (set, producer done, 0), (clear, producer done, 1).
    expect(fast.stats.distinctStates).toBe(3);
    expect(immer.stats.distinctStates).toBe(3);
    expect(immer.stats.transitions).toBe(fast.stats.transitions);
  });
});

const withInit = (bad?: 'waits' | 'locks' | 'throws') => defineModel({
  name: `init-${bad ?? 'ok'}`,
  global: { bufs: pool('buffer', 2, { data: t.int(0, 3) }), current: handle(2), started: t.bool(), ev: event('notification') },
  init: (s, k) => {
    s.g.started = true;
    s.g.current = k.alloc(s.g.bufs);
    k.use(s.g.bufs, s.g.current).data = 2;
    k.setTimer('tick', { periodic: false });
    if (bad === 'waits') k.waitEvent(s.g.ev);
    if (bad === 'throws') throw new Error('boom');
  },
  threads: {
    reader: { steps: { read: (s, k) => { k.assert(s.g.started && k.use(s.g.bufs, s.g.current).data === 2, 'init ran'); return 'return'; } } },
  },
  dpcs: { tickDpc: { steps: { run: () => 'return' } } },
  timers: { tick: { dpc: 'tickDpc' } },
  scenarios: { default: { workers: { reader: 1 } } },
});

describe('init: the initial state is set up once before any context moves', () => {
  it('allocated objects, state and an armed timer are there from the start, on both backends', () => {
    for (const backend of ['fast', 'immer'] as const) {
      const r = check(withInit(), { backend });
      expect(r.verdict).toBe('holds');
      // reader at read or done, times the timer: armed, fired (DPC queued), DPC running, DPC done: 2 x 4.
      expect(r.stats.distinctStates).toBe(8);
    }
  });
  it('an init that waits or throws is bad input naming init', () => {
    expect(() => check(withInit('waits'))).toThrow(/init: waits \(init runs before any context and must not block\)/);
    expect(() => check(withInit('throws'))).toThrow(/init: throws boom/);
  });
});
