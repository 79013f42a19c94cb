import { describe, expect, it } from 'vitest';
import { defineModel, t } from '../index.js';
import { check } from '../check.js';
import { InputError } from '../errors.js';

/** A reader whose result depends on a flag outside the state that a writer sets: the same at once, different later. */
function leaky() {
  let written = false;
  return defineModel({
    name: 'leaky',
    global: { a: t.int(0, 1), b: t.int(0, 2) },
    threads: {
      reader: { steps: { read: { do: (s) => { s.g.b = written ? 2 : 1; }, next: 'return' } } },
      writer: { steps: { write: { do: (s) => { written = true; s.g.a = 1; }, next: 'return' } } },
    },
    scenarios: { default: { workers: { reader: 1, writer: 1 } } },
  });
}

function thrown(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

describe('the determinism check', () => {
  it('re-runs transitions later from their stored state: a step reading what another step left outside the state is caught', () => {
    for (const backend of ['fast', 'immer'] as const) {
      const e = thrown(() => check(leaky(), { backend }));
      expect(e.where).toBe('model leaky: step reader/read');
      expect(e.problem).toBe('is not deterministic: run again later from the same state, it produced a different result (it depends on something outside the model state that another step changed)');
    }
  });

  it('passes a deterministic model of the same shape: 5 states (the reader before or after the writer), 4 transitions', () => {
    const m = defineModel({
      name: 'tidy',
      races: false,
      global: { a: t.int(0, 1), b: t.int(0, 2) },
      threads: {
        reader: { steps: { read: { do: (s) => { s.g.b = s.g.a === 1 ? 2 : 1; }, next: 'return' } } },
        writer: { steps: { write: { do: (s) => { s.g.a = 1; }, next: 'return' } } },
      },
      scenarios: { default: { workers: { reader: 1, writer: 1 } } },
    });
    const r = check(m);
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([5, 4]);
  });
});
