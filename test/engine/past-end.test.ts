/** A write past an array's end is a `range` violation on both backends, not a bare TypeError. */
import { describe, expect, it } from 'vitest';
import { check, defineModel, t } from '../../src/index.js';

const model = defineModel({
  name: 'pastEnd',
  global: { slots: t.array(2, t.int(0, 1)), next: t.int(0, 2) },
  threads: {
    worker: {
      steps: {
        put: { do: (s) => { s.g.slots[s.g.next] = 1; s.g.next = Math.min(2, s.g.next + 1); }, next: 'put' },
      },
    },
  },
  scenarios: { default: { workers: { worker: 1 } } },
});

describe('a write past the end of an array', () => {
  for (const backend of ['fast', 'immer'] as const) {
    it(`${backend}: violated range, naming the index and the length, after the two writes that fit`, () => {
      const r = check(model, { backend });
      expect(r.verdict).toBe('violated');
      expect(r.property).toBe('range');
      expect(r.message).toBe('index 2 is past the end of an array of 2 (its indexes are 0..1); arrays have the length their schema declares');
      expect(r.counterexample!.steps.map((s) => s.step)).toEqual(['worker/put', 'worker/put', 'worker/put']);
    });
  }
  it('reading and writing inside the array still work', () => {
    const inside = defineModel({ ...model, name: 'inside', threads: { worker: { steps: { put: { do: (s) => { s.g.slots[1] = 1; }, next: 'return' } } } } });
    expect(check(inside).verdict).toBe('holds');
  });
});
