/**
 * KeSynchronizeExecution: the synchronize routine runs under the interrupt lock,
 * never while the ISR runs, and its result comes back to the caller (a DDI reads
 * and clears a status the ISR sets, as DxgkCbSynchronizeExecution callers do).
 * Both backends throughout.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t } from '../../index.js';
import { checkBoth } from '../../../test/support/check-both.js';

function readAndClear() {
  return defineModel({
    name: 'synchronize-result',
    global: { status: t.bool(), got: t.ghost(t.enum(['none', 'true', 'false'])) },
    isr: { steps: { a: (s) => { s.g.status = true; return 'b'; }, b: () => 'return' } },
    threads: {
      w: {
        steps: {
          a: (s, k) => {
            const was = k.synchronizeExecution(() => { const v = s.g.status; s.g.status = false; return v; });
            s.g.got = was ? 'true' : 'false';
            return 'return';
          },
        },
      },
    },
    invariants: {
      'never inside the ISR': (sys) => !(sys.contexts[1]?.at === 'b' && sys.g.got === 'true') || 'the synchronize routine ran while the ISR was between its steps',
    },
    scenarios: { default: { workers: { w: 1 }, interrupts: 1 } },
  });
}

describe('KeSynchronizeExecution', () => {
  it('returns the routine\'s result, and waits while the ISR runs: 9 states, 8 transitions', () => {
    const seen = new Set<string>();
    const m = readAndClear();
    const r = checkBoth({ ...m, invariants: { ...m.invariants, seen: (sys) => { seen.add(String((sys.g as unknown as { got: string }).got)); return true; } } });
    expect(r.verdict).toBe('holds');
    // The ISR is not taken, entered (at a), between its steps (at b), or finished;
    // the worker is at a (4 states) or done: before the interrupt (got false,
    // with the ISR at any of its 4 positions) or after the whole ISR (got true):
    // 4 + 4 + 1 = 9 states; the 2 final ones have no move, the start has two
    // (interrupt or worker), the other 6 one each: 8 transitions.
    expect([...seen].sort()).toEqual(['false', 'none', 'true']);
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([9, 8]);
  });

  it('from the ISR it is an IRQL violation', () => {
    const r = checkBoth(defineModel({
      name: 'synchronize-in-isr',
      global: { x: t.int(0, 1) },
      isr: { steps: { a: (s, k) => { k.synchronizeExecution(() => { s.g.x = 1; }); return 'return'; } } },
      scenarios: { default: { interrupts: 1 } },
    }));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'irql', 'ISR calls KeSynchronizeExecution from the ISR, which already holds the interrupt lock']);
  });
});
