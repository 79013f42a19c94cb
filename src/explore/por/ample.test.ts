/**
 * Partial-order reduction on models whose reduced state space is known in
 * closed form, on both backends (checkBoth holds the fast one to the immer
 * oracle), and the cases the reduction must not touch.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, defineModel, t, type StepSpec } from '../../index.js';
import { checkBoth, stepNames } from '../../../test/support/check-both.js';
import dispatcher from '../../../models/dispatcher.js';
import kmdod from '../../../models/kmdod/kmdod.js';

/**
 * k workers of n steps that touch only their own local, the last returning.
 * Unreduced: every tuple of positions 0..n, (n+1)^k states. Reduced: the first
 * worker still before its last step moves alone (its steps are private), so the
 * search runs one chain of k(n-1) steps to the state where every worker is at
 * its last step; returning is visible (the worker ends), so from there all 2^k
 * combinations of "at the last step or done" are expanded in full:
 * k(n-1) + 2^k states, k(n-1) + k 2^(k-1) transitions.
 */
function privateWorkers(k: number, n: number) {
  const steps: Record<string, StepSpec<any>> = {};
  for (let i = 0; i < n; i++) steps[`s${i}`] = (s: any) => { s.local.at = i + 1; return i + 1 < n ? `s${i + 1}` : 'return'; };
  return defineModel({
    name: `private-${k}x${n}`,
    local: { at: t.int(0, n) },
    threads: { w: { steps } },
    scenarios: { default: { workers: { w: k } } },
  });
}

describe('partial-order reduction: exact counts', () => {
  it('3 private workers of 4 steps: 125 states unreduced, 17 states and 21 transitions reduced, on both backends and both orders', () => {
    const full = checkBoth(privateWorkers(3, 4));
    expect([full.verdict, full.stats.distinctStates, full.stats.transitions]).toEqual(['holds', 125, 300]);
    for (const order of ['bfs', 'dfs'] as const) {
      const r = checkBoth(privateWorkers(3, 4), { por: true, order });
      expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 17, 21, 12]);
      expect(r.notes).toEqual(['partial-order reduction: ample sets on 9 of 17 expansions; stuck-context check skipped (not preserved by the reduction)']);
    }
  });

  it('k private workers of n steps: k(n-1) + 2^k states, k(n-1) + k 2^(k-1) transitions', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), (k, n) => {
      const r = check(privateWorkers(k, n), { por: true });
      expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', k * (n - 1) + 2 ** k, k * (n - 1) + k * 2 ** (k - 1)]);
    }), { numRuns: 25 });
  });

  it('the dispatcher, default scenario: 110,080 states unreduced, 106,642 reduced (the clients\' loop and count steps touch only their locals)', () => {
    const full = check(dispatcher, { scenario: 'default', stuckCheck: false, symmetry: false });
    const r = check(dispatcher, { scenario: 'default', por: true, symmetry: false });
    expect([full.verdict, full.stats.distinctStates, full.stats.transitions]).toEqual(['holds', 110_080, 347_680]);
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 106_642, 282_214]);
    expect(r.notes).toEqual([
      'partial-order reduction: ample sets on 25,330 of 106,642 expansions; stuck-context check skipped (not preserved by the reduction)',
      'symmetry (2 processes interchangeable, |G| = 2) turned off (--no-symmetry): every state stored',
    ]);
  });

  it('the dispatcher, contention scenario: 2,527,120 states unreduced (the model\'s header), 682,883 reduced', () => {
    const r = check(dispatcher, { scenario: 'contention', por: true, symmetry: false });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 682_883, 2_074_443]);
  });

  it('the dispatcher, contention scenario with symmetry too: 451,184 orbit representatives alone, 129,267 with both reductions', () => {
    const sym = check(dispatcher, { scenario: 'contention', stuckCheck: false });
    const both = check(dispatcher, { scenario: 'contention', por: true });
    expect([sym.verdict, sym.stats.distinctStates]).toEqual(['holds', 451_184]);
    expect([both.verdict, both.stats.distinctStates, both.stats.transitions]).toEqual(['holds', 129_267, 394_063]);
    expect(both.notes).toEqual([
      'partial-order reduction: ample sets on 14,419 of 129,267 expansions; stuck-context check skipped (not preserved by the reduction)',
      'symmetry: 1 process x 3 threads interchangeable, |G| = 6; 129,267 states stored as orbit representatives',
    ]);
  });
});

describe('partial-order reduction: what it must not reduce', () => {
  it('steps that write shared state are never reduced: independent workers writing a global keep all 125 states', () => {
    const steps: Record<string, StepSpec<any>> = {};
    for (let i = 0; i < 4; i++) steps[`s${i}`] = (s: any, k: any) => { s.g.progress[k.index] = i + 1; return i + 1 < 4 ? `s${i + 1}` : 'return'; };
    const m = defineModel({ name: 'shared-progress', global: { progress: t.array(3, t.int(0, 4)) }, threads: { w: { steps } }, scenarios: { default: { workers: { w: 3 } } } });
    const r = checkBoth(m, { por: true });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 125, 300]);
    expect(r.notes![0]).toMatch(/^partial-order reduction: ample sets on 0 of 125 expansions/);
  });

  it('a write that leaves a shared value as it was is still a write: the clear between set and look is found', () => {
    // If `clear` counted as private when the flag is already false, the reduced
    // search would run it first and never put it between B's set and look.
    const m = defineModel({
      name: 'clear-between', races: false,
      global: { flag: t.bool() },
      threads: {
        a: { steps: { clear: (s: any) => { s.g.flag = false; return 'rest'; }, rest: () => 'return' } },
        b: { steps: { set: (s: any) => { s.g.flag = true; return 'look'; }, look: (s: any, k: any) => { k.assert(s.g.flag, 'the flag was cleared after it was set'); return 'return'; } } },
      },
      scenarios: { default: { workers: { a: 1, b: 1 } } },
    });
    const r = checkBoth(m, { por: true });
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'assertion', 'the flag was cleared after it was set']);
    expect(stepNames(r)).toEqual(['b0 b/set', 'a0 a/clear', 'b0 b/look']);
  });

  it('the cycle proviso: a worker spinning forever on a private counter does not hide the violation another worker makes', () => {
    // The spinner's step is private in every state, so without the proviso the
    // reduced search would follow the spinner round its 3-state cycle and never
    // expand the writer. With it, the state closing the cycle is expanded in full.
    const m = defineModel({
      name: 'private-spin',
      global: { x: t.int(0, 1) },
      local: { i: t.int(0, 2) },
      threads: {
        spinner: { steps: { spin: (s: any) => { s.local.i = (s.local.i + 1) % 3; return 'spin'; } } },
        writer: { steps: { write: (s: any) => { s.g.x = 1; return 'return'; } } },
      },
      invariants: { 'x stays 0': (s: any) => s.g.x === 0 },
      scenarios: { default: { workers: { spinner: 1, writer: 1 } } },
    });
    const full = checkBoth(m);
    expect([full.verdict, full.property, full.counterexample!.steps.length]).toEqual(['violated', 'x stays 0', 1]);
    for (const order of ['bfs', 'dfs'] as const) {
      const r = checkBoth(m, { por: true, order });
      expect([r.verdict, r.property]).toEqual(['violated', 'x stays 0']);
      // Round the spinner's cycle to the state that closes it, then the writer.
      expect(stepNames(r)).toEqual(['spinner0 spinner/spin', 'spinner0 spinner/spin', 'writer0 writer/write']);
      expect(r.notes![0]).toMatch(/^partial-order reduction: ample sets on \d+ of \d+ expansions \(\d+ more given up by the cycle proviso and expanded in full\)/);
    }
  });

  it('a scenario with a bugcheck halt is not reduced: the halt freezes every context, so no step is independent of it', () => {
    const full = check(kmdod, { scenario: 'bugcheck', stuckCheck: false, symmetry: false });
    const r = check(kmdod, { scenario: 'bugcheck', por: true, symmetry: false });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual([full.verdict, full.stats.distinctStates, full.stats.transitions]);
    expect(r.notes![0]).toBe("partial-order reduction off: the scenario's bugcheck halt may stop every context in any state, so no step is independent of it; every state expanded in full, and the stuck-context check skipped");
  });
});
