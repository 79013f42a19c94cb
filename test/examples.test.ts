import { describe, it, expect } from 'vitest';
import { check } from '../src/index.js';
import buggy from '../examples/vsync-counter.js';
import fixed from '../examples/vsync-counter-fixed.js';
import displayOnly from '../examples/display-only.js';
import type { AnyModel } from '../src/index.js';

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
    // The README's figures: the two processes are interchangeable, so one state per orbit is stored.
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([36, 72, 6]);
    const every = check(buggy, { symmetry: false });
    expect([every.stats.distinctStates, every.stats.transitions, every.stats.maxDepth]).toEqual([56, 107, 6]);
    expect(every.counterexample!.choices).toEqual(r.counterexample!.choices);
  });
  it('with the DPC taking the lock it holds: 132 states, 250 transitions', () => {
    const r = check(fixed, { symmetry: false });
    expect(r.verdict).toBe('holds');
    expect(r.bounds).toBe('2 processes x 1 thread, 1 call per thread, 1 interrupt');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([132, 250, 14]);
    // What the README shows: 77 orbit representatives stand for the 132.
    const reduced = check(fixed, { countOrbits: true });
    expect([reduced.stats.distinctStates, reduced.stats.transitions, reduced.stats.maxDepth, reduced.stats.symmetry?.unreducedStates]).toEqual([77, 146, 14, 132]);
  });
});

// docs/models.md works through this display-only driver and shows its output.
describe('the display-only example in docs/models.md', () => {
  const teardown = displayOnly.ddis!.DxgkDdiStopDevice.steps;
  /** The example with StopDevice's step `label` replaced by one that just moves on to `next`. */
  const without = (label: 'join' | 'flush', next: string): AnyModel => ({
    ...displayOnly,
    ddis: { ...displayOnly.ddis, DxgkDdiStopDevice: { steps: { ...teardown, [label]: () => next } } },
  });

  it('holds: 491 states, 948 transitions, depth 24, within the bounds it states', () => {
    const r = check(displayOnly);
    expect(r.verdict).toBe('holds');
    expect(r.bounds).toBe('2 processes x 1 thread, 1 call per thread, process 0 calls DxgkDdiPresentDisplayOnly; process 1 calls DxgkDdiStopDevice, 1 presentWorker thread, 2 interrupts and 1 spurious (shared line)');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([491, 948, 24]);
  });

  it('without waiting for the worker, StopDevice unmaps the frame buffer while the worker blts into it', () => {
    const r = check(without('join', 'quiesce'));
    expect([r.verdict, r.property]).toEqual(['violated', 'data-race']);
    expect(r.message).toBe('P1T0 (DxgkDdiStopDevice/unmap) writes g.fb while presentWorker0 (presentWorker/blt) reads it: both steps are enabled in the same state and nothing orders them');
    expect(r.counterexample!.steps).toHaveLength(10);
  });

  it('without KeFlushQueuedDpcs, StopDevice can return with the vsync DPC still queued', () => {
    const r = check(without('flush', 'unmap'));
    expect([r.verdict, r.property]).toEqual(['violated', 'stopped means quiet']);
    expect(r.counterexample!.steps.at(-1)!.step).toBe('DxgkDdiStopDevice/unmap');
  });
});
