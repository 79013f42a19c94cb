/**
 * The stuck-context check: a deadlock that a perpetual cycle elsewhere (a
 * periodic timer and its DPC, like vsync) would hide from "nothing can move".
 * After the whole search, terminal strongly connected components of the state
 * graph in which a busy context never moves are reported as `deadlock`. Both
 * backends throughout (checkBoth), both search orders where it matters.
 *
 * Every model here has a periodic timer armed by init whose DPC does nothing:
 * the timer and DPC cycle through 4 combinations (DPC idle or running, times
 * queued or not), all reachable from each other and independent of the rest,
 * so state counts are 4 x the configurations of the other contexts.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, event, t } from '../../src/index.js';
import { FingerprintStore, ExactStore, seenId } from '../../src/explore/store.js';
import { sccs } from '../../properties/state-graph.js';
import { traceFromResult } from '../../src/trace/build.js';
import { replayTrace } from '../../src/trace/confirm.js';
import { minimizeResult } from '../../src/trace/minimize.js';
import { textReport } from '../../src/report/text.js';
import { jsonResult } from '../../src/report/json.js';
import { checkBoth, stepNames } from '../support/check-both.js';
import { lockOrder } from '../fixtures/violated/stuck-behind-timer.js';

const timer = {
  init: (_s: unknown, k: { setTimer: (name: string, o: { periodic: boolean }) => void }) => { k.setTimer('tick', { periodic: true }); },
  dpcs: { tickDpc: { steps: { run: () => 'return' } } },
  timers: { tick: { dpc: 'tickDpc' } },
};

/**
 * A worker that waits for work on an event, forever, and a producer that gives
 * it work once, beside the vsync timer. `end`: the wait is a valid end.
 */
const parked = (end: boolean) => defineModel({
  name: `parked-timer-${end}`,
  global: { work: event('synchronization'), done: t.int(0, 1) },
  ...timer,
  threads: {
    worker: { steps: { wait: { do: (s, k) => { k.waitEvent(s.g.work); s.g.done = 1; }, next: 'wait', end } } },
    producer: { steps: { give: (s, k) => { k.setEvent(s.g.work); return 'return'; } } },
  },
  scenarios: { default: { workers: { worker: 1, producer: 1 } } },
});

/**
 * A producer puts two items, setting a synchronization (auto-reset) event after
 * each; the consumer waits on the event and takes one item per wake. If both
 * sets come before the consumer's first wait, one wake is lost: the consumer
 * takes one item and waits forever for a set that never comes, while the DPC
 * keeps running. `drains`: the fix, take every item there is on each wake.
 */
const producerConsumer = (drains: boolean) => defineModel({
  name: `producer-consumer-${drains ? 'drains' : 'one-per-wake'}`,
  global: { ready: event('synchronization'), items: t.interlocked(t.int(0, 2)), taken: t.int(0, 2) },
  ...timer,
  threads: {
    producer: {
      steps: {
        one: (s, k) => { s.g.items++; k.setEvent(s.g.ready); return 'two'; },
        two: (s, k) => { s.g.items++; k.setEvent(s.g.ready); return 'return'; },
      },
    },
    consumer: {
      steps: {
        wait: (s, k) => { k.waitEvent(s.g.ready); return 'take'; },
        take: (s) => {
          const n = drains ? s.g.items : 1;
          s.g.items -= n; s.g.taken += n;
          return s.g.taken === 2 ? 'return' : 'wait';
        },
      },
    },
  },
  scenarios: { default: { workers: { producer: 1, consumer: 1 } } },
});

describe('a lock-order inversion hidden by a periodic timer', () => {
  // Counts and the counterexample are derived in the fixture's header.
  it('is a deadlock naming both workers, what keeps running, and a 2-step counterexample', () => {
    const r = checkBoth(lockOrder(true));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock',
      'first0 at first/second and other0 at other/second can never move again, while DPC_tickDpc and timer tick keep running']);
    expect(r.counterexample!.kind).toBe('deadlock');
    expect(stepNames(r)).toEqual(['first0 first/one', 'other0 other/one']);
    // The whole space was searched first: the same counts as before the check existed.
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([52, 147, 9]);
  });

  it('depth-first finds it too, with a shortest counterexample all the same', () => {
    const r = checkBoth(lockOrder(true), { order: 'dfs' });
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock',
      'first0 at first/second and other0 at other/second can never move again, while DPC_tickDpc and timer tick keep running']);
    expect(stepNames(r)).toEqual(['first0 first/one', 'other0 other/one']);
    const exact = check(lockOrder(true), { order: 'dfs', exact: true });
    expect([exact.verdict, exact.message, exact.counterexample!.steps.length]).toEqual(['violated', r.message, 2]);
  });

  it('without the inversion it holds, with the state count it always had (48 states, 132 transitions)', () => {
    for (const order of ['bfs', 'dfs'] as const) {
      const r = checkBoth(lockOrder(false), { order });
      expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.notes]).toEqual(['holds', 48, 132, undefined]);
    }
  });

  it('stuckCheck: false (--no-stuck-check) holds as before, and says what it did not look for', () => {
    const r = checkBoth(lockOrder(true), { stuckCheck: false });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 52, 147]);
    expect(r.notes).toEqual(['stuck-context check off: contexts that can never move again while others cycle forever (a periodic timer) are not looked for']);
    expect(textReport(r)).toContain('\n  note: stuck-context check off: ');
    expect(jsonResult(r).notes).toEqual(r.notes);
  });

  it('above the transition cap the check is skipped, with a note: holds, not a silent pass', () => {
    const r = checkBoth(lockOrder(true), { stuckCheckMaxTransitions: 100 });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 52, 147]);
    expect(r.notes).toEqual(['stuck-context check skipped: more than 100 transitions (contexts that can never move again while others cycle forever were not looked for)']);
    // At exactly the number of transitions the graph fits.
    expect(check(lockOrder(true), { stuckCheckMaxTransitions: 147 }).verdict).toBe('violated');
  });

  it('a budget that cuts the search leaves it inconclusive: the graph is incomplete, so no stuck check', () => {
    const r = check(lockOrder(true), { maxDepth: 3 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.notes).toBeUndefined();
  });

  it('its trace replays to the same deadlock, and minimizing keeps it', () => {
    const r = check(lockOrder(true), { order: 'dfs' });
    const trace = traceFromResult(lockOrder(true), r, { file: 'stuck-behind-timer.ts', sha256: '0'.repeat(64) });
    expect(trace.violation).toEqual({ property: 'deadlock', message: r.message, kind: 'deadlock', step: 2 });
    for (const backend of ['fast', 'immer'] as const) {
      const { outcome } = replayTrace(trace, lockOrder(true), { backend });
      expect(outcome).toEqual({ kind: 'reproduced', violation: trace.violation });
    }
    const m = minimizeResult(lockOrder(true), r);
    expect([m.result.property, m.result.message, m.after.steps]).toEqual(['deadlock', r.message, 2]);
  });

  it('a prefix that is not yet stuck does not replay as a deadlock', () => {
    const r = check(lockOrder(true));
    const trace = traceFromResult(lockOrder(true), r, { file: 'stuck-behind-timer.ts', sha256: '0'.repeat(64) });
    const short = { ...trace, choices: trace.choices.slice(0, 1), steps: trace.steps.slice(0, 1), violation: { ...trace.violation, step: 1 } };
    expect(replayTrace(short, lockOrder(true)).outcome).toEqual({ kind: 'none' });
  });
});

describe('end steps and finished systems are not stuck', () => {
  it('a worker parked at an end step while the timer runs: holds (3 configurations x 4 = 12 states)', () => {
    const r = checkBoth(parked(true));
    expect([r.verdict, r.stats.distinctStates]).toEqual(['holds', 12]);
  });

  it('the same wait without end: the worker can never move again after its one wake-up', () => {
    const r = checkBoth(parked(false));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock',
      'worker0 at worker/wait can never move again, while DPC_tickDpc and timer tick keep running']);
    // The producer must give before the worker can take it; then the event is clear for good.
    expect(stepNames(r)).toEqual(['producer0 producer/give', 'worker0 worker/wait']);
  });

  it('a worker that keeps taking steps (polling a flag no one sets) is not stuck: it moves', () => {
    const r = checkBoth(defineModel({
      name: 'polling',
      global: { flag: t.bool() },
      ...timer,
      threads: { poller: { steps: { poll: (s) => (s.g.flag ? 'return' : 'poll') } } },
      scenarios: { default: { workers: { poller: 1 } } },
    }));
    expect([r.verdict, r.stats.distinctStates]).toEqual(['holds', 4]);
  });
});

describe('a producer and a consumer on an auto-reset event, beside a periodic DPC', () => {
  it('a lost wake-up: the consumer waits forever for a set that never comes', () => {
    for (const order of ['bfs', 'dfs'] as const) {
      const r = checkBoth(producerConsumer(false), { order });
      expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock',
        'consumer0 at consumer/wait can never move again, while DPC_tickDpc and timer tick keep running']);
      expect(r.counterexample!.kind).toBe('deadlock');
      // Shortest: the consumer is stuck only once the producer is done (2 steps),
      // the event is clear after a wait that consumed the second set, and the one
      // item that wait gave is taken (else take can still run): 4 steps.
      expect(stepNames(r)).toEqual(['producer0 producer/one', 'producer0 producer/two', 'consumer0 consumer/wait', 'consumer0 consumer/take']);
    }
  });

  it('the fix, taking every item on each wake, holds', () => {
    const r = checkBoth(producerConsumer(true));
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(check(producerConsumer(true), { stuckCheck: false }).stats.distinctStates);
  });
});

describe('the pieces', () => {
  it('a fingerprint store with ids tells the id of a state already there, across growth', () => {
    const store = new FingerprintStore(16, true);
    const fp = new Uint32Array(2);
    const vec = new Int32Array(1);
    for (let i = 0; i < 1000; i++) { fp[0] = i * 7919; fp[1] = i; expect(store.add(vec, fp)).toBe(i); }
    for (let i = 999; i >= 0; i--) { fp[0] = i * 7919; fp[1] = i; expect(seenId(store.add(vec, fp))).toBe(i); }
    const exact = new ExactStore(1, 16);
    for (let i = 0; i < 100; i++) { vec[0] = i; fp[0] = 0; fp[1] = i % 3; exact.add(vec, fp); }
    vec[0] = 42; fp[1] = 0;
    expect(seenId(exact.add(vec, fp))).toBe(42);
  });

  it('strongly connected components without recursion: a cycle and a chain of a million states', () => {
    const n = 1_000_000;
    const starts = Int32Array.from({ length: n }, (_, i) => i);
    const ends = Int32Array.from({ length: n }, (_, i) => i + 1);
    const cycle = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    const graph = { n, starts, ends, actions: new Int32Array(n), busy: new Uint8Array(n) };
    expect(sccs({ ...graph, targets: cycle }).count).toBe(1);
    // A chain: the last state has no edge.
    const chainEnds = ends.slice(); chainEnds[n - 1] = n - 1;
    const r = sccs({ ...graph, ends: chainEnds, targets: Int32Array.from({ length: n }, (_, i) => i + 1) });
    expect(r.count).toBe(n);
    // Completed sinks first.
    expect([r.comp[n - 1], r.comp[0]]).toEqual([0, n - 1]);
  });

});
