// Several adapters (scenario `adapters`): one DPC object per adapter, which may
// run at once and share the driver's globals; the ISR queues the DPC of the
// adapter whose interrupt it serves. State counts derived by hand; both
// backends throughout.
import { describe, expect, it } from 'vitest';
import { check, defineModel, spinLock, t } from '../index.js';
import { checkBoth, stepNames } from '../../test/support/check-both.js';

describe('several adapters', () => {
  it('the two adapters\' DPCs are two objects that may run at once: 10 states, 13 transitions', () => {
    // The worker queues the DPC of each adapter (KeInsertQueueDpc on each
    // adapter's KDPC); each DPC marks its own adapter. After the worker's one
    // move, each DPC is queued, running or finished, independently: 3 x 3 = 9
    // states, with 2 moves per DPC at each of the other's 3 positions (12), and
    // the start: 10 states, 13 transitions. Both run at once in one of them.
    let both = false;
    const m = defineModel({
      name: 'two-dpcs',
      global: { ran: t.array(2, t.bool()), inserted: t.int(0, 2) },
      threads: { w: { steps: { q: (s, k) => { s.g.inserted = Number(k.queueDpc('d', 0)) + Number(k.queueDpc('d', 1)); return 'return'; } } } },
      dpcs: { d: { steps: { run: (s, k) => { s.g.ran[k.adapter] = true; return 'return'; } } } },
      invariants: {
        seen: (s) => { if (s.contexts[1].at === 'run' && s.contexts[2].at === 'run') both = true; return true; },
        'each its own': (s) => s.g.inserted !== 2 || s.contexts.slice(1).every((c, a) => c.at !== null || s.kernel.dpcs[a === 0 ? 'd' : 'd@1'].queued || s.g.ran[a]) || 'a DPC was lost',
      },
      scenarios: { default: { workers: { w: 1 }, adapters: 2 } },
    });
    const r = checkBoth(m);
    expect(r.verdict, r.message).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([10, 13]);
    expect(both).toBe(true);
    expect(r.bounds).toBe('1 w thread, 2 adapters (one DPC object each, which may run at once; one ISR context and one simulated adapter serve them all)');
  });

  const counter = (adapters: number, locked: boolean) => defineModel({
    name: 'shared-counter',
    global: { lock: spinLock(), completions: t.int(0, 2) },
    isr: { steps: { ack: (_s, k) => { k.queueDpc('dpc'); return 'return'; } } },
    dpcs: {
      dpc: {
        steps: locked
          ? {
            lock: (s, k) => { k.acquireSpinLock(s.g.lock); return 'count'; },
            count: (s) => { s.g.completions++; return 'unlock'; },
            unlock: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
          }
          : { count: (s) => { s.g.completions++; return 'return'; } },
      },
    },
    scenarios: { default: { interrupts: 2, adapters } },
  });

  it('a driver global both adapters\' DPCs touch without a lock is a data race', () => {
    const r = checkBoth(counter(2, false));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'data-race',
      'DPC_dpc (dpc/count) writes g.completions while DPC_dpc@1 (dpc/count) writes it: both steps are enabled in the same state and nothing orders them']);
    expect(stepNames(r)).toEqual(['ISR interrupt (adapter 0)', 'ISR ISR/ack', 'ISR interrupt (adapter 1)', 'ISR ISR/ack', 'DPC_dpc run DPC dpc', 'DPC_dpc@1 run DPC dpc']);
  });

  it('one adapter: one DPC object never runs beside itself; two adapters with the lock: holds', () => {
    const one = checkBoth(counter(1, false));
    expect(one.verdict, one.message).toBe('holds');
    const locked = checkBoth(counter(2, true));
    expect(locked.verdict, locked.message).toBe('holds');
  });

  it('naming an adapter the scenario does not have is an assertion; a bad count is bad input', () => {
    const m = defineModel({
      name: 'too-few',
      threads: { w: { steps: { q: (_s, k) => { k.queueDpc('d', 1); return 'return'; } } } },
      dpcs: { d: { steps: { run: () => 'return' } } },
      scenarios: { default: { workers: { w: 1 } }, many: { workers: { w: 1 }, adapters: 9 } },
    });
    const r = checkBoth(m);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'assertion', 'w0 queues DPC "d" of adapter 1, but the scenario has fewer adapters (scenario adapters: n)']);
    expect(() => check(m, { scenario: 'many' })).toThrow('model too-few, scenario many: adapters: must be an integer from 1 to 4, got 9');
  });
});
