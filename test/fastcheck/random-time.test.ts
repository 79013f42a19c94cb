import { describe, it, expect } from 'vitest';
import { randomCheck } from '../../src/fastcheck/random-check.js';
import model from '../../models/kmdod/kmdod.js';

describe('ddicheck random: a time budget', () => {
  it('stops starting runs when it runs out, and says so; never a verdict of its own', () => {
    const r = randomCheck(model, { scenario: 'pointer', runs: 1_000_000_000, seed: 3, seconds: 0.5 });
    expect(r.verdict).toBe('no-violation');
    expect(r.runs).toBeGreaterThan(0);
    expect(r.runs).toBeLessThan(1_000_000_000);
    expect(r.stoppedBy).toBe(`the time budget of 0.5 s ran out after ${r.runs} of 1000000000 runs`);
  });
  it('is ignored when the runs finish first', () => {
    const r = randomCheck(model, { scenario: 'present', runs: 20, seed: 3, seconds: 600 });
    expect(r.runs).toBe(20);
    expect(r.stoppedBy).toBeUndefined();
  });
});
