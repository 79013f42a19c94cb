import { describe, it, expect } from 'vitest';
import { check } from '../src/index.js';
import buggy from '../examples/vsync-counter.js';
import fixed from '../examples/vsync-counter-fixed.js';

// The README walks through these two models and shows their output: keep it true.
describe('the README walk-through', () => {
  it('the first version races the DPC against the present path, found in 5 steps', () => {
    const r = check(buggy);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('data-race');
    expect(r.message).toBe('P0T0 (DxgkDdiPresent/add) writes g.inFlight while DPC_retire (retire/retire) reads it: both steps are enabled in the same state and nothing orders them');
    expect(r.counterexample!.steps.map((s) => `${s.context!.name} ${s.step}`)).toEqual([
      'P0T0 call DxgkDdiPresent', 'P0T0 DxgkDdiPresent/lock', 'ISR interrupt', 'ISR ISR/ack', 'DPC_retire run DPC retire',
    ]);
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([56, 107, 6]);
  });
  it('with the DPC taking the lock it holds: 132 states, 250 transitions', () => {
    const r = check(fixed);
    expect(r.verdict).toBe('holds');
    expect(r.bounds).toBe('2 processes x 1 thread, 1 call per thread, 1 interrupt');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([132, 250, 14]);
  });
});
