/**
 * DPCs: KeInsertQueueDpc on a queued DPC is a no-op that returns false;
 * KeFlushQueuedDpcs waits until no DPC is queued or running, and only at
 * PASSIVE_LEVEL. Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';

describe('DPC', () => {
  it('queueing a queued DPC is a no-op returning false: 11 states, 11 transitions', () => {
    // The worker queues twice (q1, q2) and records what each call returned; the
    // DPC counts its runs. A state is (worker at q1|q2|done, first, second,
    // queued, DPC idle|running, runs). By hand, from S0 = (q1,-,-,0,idle,0):
    //   S0 -q1-> S1 (q2,T,-,1,idle,0)
    //   S1 -q2 (already queued: false)-> S2 (done,T,F,1,idle,0);  S1 -dispatch-> S3 (q2,T,-,0,run,0)
    //   S2 -dispatch-> S4 (done,T,F,0,run,0)
    //   S3 -q2 (true)-> S5 (done,T,T,1,run,0);  S3 -DPC-> S6 (q2,T,-,0,idle,1)
    //   S4 -DPC-> S7 (done,T,F,0,idle,1), final: one run for one successful queueing
    //   S5 -DPC-> S8 (done,T,T,1,idle,1);  S6 -q2 (true)-> S8
    //   S8 -dispatch-> S9 (done,T,T,0,run,1);  S9 -DPC-> S10 (done,T,T,0,idle,2), final: two runs
    // 11 states; moves 1+2+1+2+1+1+1+0+1+1+0 = 11.
    const m = defineModel({
      name: 'dpc-double-queue',
      global: { first: t.bool(), second: t.bool(), runs: t.int(0, 2) },
      threads: {
        w: {
          steps: {
            q1: (s, k) => { s.g.first = k.queueDpc('d'); return 'q2'; },
            q2: (s, k) => { s.g.second = k.queueDpc('d'); return 'return'; },
          },
        },
      },
      dpcs: { d: { steps: { run: (s) => { s.g.runs++; return 'return'; } } } },
      invariants: {
        // When all is quiet, the DPC ran once per KeInsertQueueDpc that returned true.
        'one run per queueing': (sys) => sys.contexts.some((c) => c.at !== null && c.at !== 'done') || sys.g.runs <= Number(sys.g.first) + Number(sys.g.second),
      },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([11, 11]);
  });

  it('KeRemoveQueueDpc dequeues a queued DPC and says whether it was queued: 7 states, 7 transitions', () => {
    // The worker queues, then removes, recording what the remove returned; the DPC
    // records that it ran. When all is quiet exactly one of the two happened.
    // States: S0 (q); S1 (r, queued); from S1 the remove -> S2 (done, removed) or
    // the dispatch -> S3 (r, DPC running); from S3 the remove, now false -> S4
    // (done, running), or the DPC -> S5 (r, ran); S4 -> S6 (done, ran) <- S5.
    // 7 states; moves 1+2+0+2+1+1+0 = 7.
    const m = defineModel({
      name: 'dpc-remove',
      global: { removed: t.bool(), ran: t.bool() },
      threads: {
        w: {
          steps: {
            q: (s, k) => { k.queueDpc('d'); return 'r'; },
            r: (s, k) => { s.g.removed = k.removeQueuedDpc('d'); return 'return'; },
          },
        },
      },
      dpcs: { d: { steps: { run: (s) => { s.g.ran = true; return 'return'; } } } },
      invariants: { 'removed or ran': (sys) => sys.contexts.some((c) => c.at !== null && c.at !== 'done') || sys.g.removed !== sys.g.ran },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([7, 7]);
  });

  /** The worker queues the DPC, optionally flushes, then checks the DPC's work is done. */
  function flushModel(flush: boolean) {
    return defineModel({
      name: `dpc-flush-${flush}`,
      global: { done: t.bool() },
      threads: {
        w: {
          steps: {
            q: (s, k) => { k.queueDpc('d'); return flush ? 'f' : 'chk'; },
            f: (s, k) => { k.flushQueuedDpcs(); return 'chk'; },
            chk: (s, k) => { k.assert(s.g.done, 'the DPC had not finished'); return 'return'; },
          },
        },
      },
      // Two steps, so the flush must also wait while the DPC is running.
      dpcs: { d: { steps: { a: () => 'b', b: (s) => { s.g.done = true; return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
  }

  it('KeFlushQueuedDpcs waits for the queued and the running DPC: a chain of 7 states', () => {
    // q, then the flush blocks while the DPC is queued, at a, and at b; only once
    // it is idle does the worker move: (q) (f,Q) (f,a) (f,b) (f,idle,done) (chk) (done).
    const r = checkBoth(flushModel(true));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([7, 6]);
  });

  it('without the flush, the worker can overtake its DPC', () => {
    const r = checkBoth(flushModel(false));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'assertion', 'the DPC had not finished']);
    expect(stepNames(r)).toEqual(['w0 w/q', 'w0 w/chk']);
  });

  it('KeFlushQueuedDpcs from a DPC is an IRQL violation', () => {
    const m = defineModel({
      name: 'dpc-flush-in-dpc',
      threads: { w: { steps: { q: (s, k) => { k.queueDpc('d'); return 'return'; } } } },
      dpcs: { d: { steps: { a: (s, k) => { k.flushQueuedDpcs(); return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'DPC_d calls KeFlushQueuedDpcs at DISPATCH_LEVEL; it requires PASSIVE_LEVEL']);
  });

  it('queueing an undeclared DPC names the declared ones', () => {
    const m = defineModel({
      name: 'dpc-undeclared',
      threads: { w: { steps: { q: (s, k) => { k.queueDpc('nope'); return 'return'; } } } },
      dpcs: { d: { steps: { a: () => 'return' } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const r = checkBoth(m);
    expect(r.verdict).toBe('violated');
    expect(r.message).toBe('w0 queues DPC "nope", which the model does not declare (declared: d)');
  });
});
