/**
 * Peterson's algorithm for two workers, and two broken variants. Flags and turn
 * are declared interlocked (Peterson needs sequentially consistent accesses, and
 * they are the point of the algorithm, not races); `inside` is a ghost counter
 * the mutual exclusion invariant reads.
 *
 * Every number is cross-checked against test/support/reference.ts, an explorer
 * that shares no code with ddicheck. For the broken "turn first" variant the
 * shortest violation is 8 steps by hand as well: each worker must take its 4
 * steps up to and including `inside++` (turn, flag, wait, enter), so no trace is
 * shorter than 8, and this one has 8: p0 turn=1; p1 turn=0; p1 flag; p1 passes
 * (p0's flag is down); p1 enters; p0 flag; p0 passes (turn is 0); p0 enters.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, t, type StepSpec } from '../../src/index.js';
import { checkBoth, observable, stepNames } from '../support/check-both.js';
import { enumerate, type RefStep } from '../support/reference.js';

type Variant = 'correct' | 'turn-first' | 'no-turn';

interface Shared { flag: boolean[]; turn: number; inside: number }

/** The algorithm as named steps over plain state: one source for the model and the reference. */
function program(variant: Variant): [string, RefStep<Shared>][] {
  const flag: [string, RefStep<Shared>] = ['flag', { act: (s, me) => { s.flag[me] = true; } }];
  const turn: [string, RefStep<Shared>] = ['turn', { act: (s, me) => { s.turn = 1 - me; } }];
  const wait: [string, RefStep<Shared>] = ['wait', {
    guard: variant === 'no-turn' ? (s, me) => !s.flag[1 - me] : (s, me) => !s.flag[1 - me] || s.turn === me,
  }];
  const rest: [string, RefStep<Shared>][] = [
    ['enter', { act: (s) => { s.inside++; } }],
    ['leave', { act: (s) => { s.inside--; } }],
    ['unflag', { act: (s, me) => { s.flag[me] = false; } }],
  ];
  const head = variant === 'correct' ? [flag, turn] : variant === 'turn-first' ? [turn, flag] : [flag];
  return [...head, wait, ...rest];
}

function peterson(variant: Variant) {
  const prog = program(variant);
  const steps: Record<string, StepSpec<any>> = {};
  prog.forEach(([label, st], i) => {
    const next = i + 1 < prog.length ? prog[i + 1][0] : 'return';
    steps[label] = {
      guard: st.guard ? (s: any, k: any) => st.guard!(s.g, k.index) : undefined,
      do: st.act ? (s: any, k: any) => { st.act!(s.g, k.index); } : undefined,
      next,
    };
  });
  return defineModel({
    name: `peterson-${variant}`,
    global: { flag: t.interlocked(t.array(2, t.bool())), turn: t.interlocked(t.int(0, 1)), inside: t.ghost(t.int(0, 2)) },
    threads: { p: { steps } },
    invariants: { 'mutual exclusion': (sys) => sys.g.inside <= 1 || 'both workers are in the critical section' },
    scenarios: { default: { workers: { p: 2 } } },
  });
}

function reference(variant: Variant) {
  const prog = program(variant).map(([, st]) => st);
  return enumerate<Shared>({ flag: [false, false], turn: 0, inside: 0 }, [prog, prog], (s) => s.inside > 1);
}

describe("Peterson's algorithm", () => {
  it('holds mutual exclusion, with the state and transition counts of the reference explorer', () => {
    const ref = reference('correct');
    expect([ref.states, ref.transitions]).toEqual([42, 58]);
    expect(ref.shortestBad).toBe(-1);
    expect(ref.deadlocks).toBe(0);
    const r = checkBoth(peterson('correct'));
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([ref.states, ref.transitions]);
    // The same with DFS and with the exact store.
    for (const opts of [{ order: 'dfs' as const }, { exact: true }]) {
      const o = check(peterson('correct'), opts);
      expect([o.verdict, o.stats.distinctStates, o.stats.transitions, o.stats.collisions]).toEqual(['holds', ref.states, ref.transitions, 0]);
    }
  });

  it('setting turn before flag breaks it: BFS gives a shortest counterexample, 8 steps', () => {
    expect(reference('turn-first').shortestBad).toBe(8);
    const r = checkBoth(peterson('turn-first'));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'mutual exclusion', 'both workers are in the critical section']);
    expect(r.counterexample?.kind).toBe('state');
    const names = stepNames(r);
    expect(names).toHaveLength(8);
    // Each worker takes exactly its four steps up to the critical section.
    for (const w of ['p0', 'p1']) expect(names.filter((n) => n.startsWith(`${w} `))).toEqual([`${w} p/turn`, `${w} p/flag`, `${w} p/wait`, `${w} p/enter`]);
    // The replayed trace ends with both inside.
    const last = r.counterexample!.steps.at(-1)!;
    expect(last.changes).toContainEqual({ path: 'g.inside', old: 1, new: 2 });
  });

  it('DFS also finds the violation, with a trace no shorter than 8 that replays to it', () => {
    const r = checkBoth(peterson('turn-first'), { order: 'dfs' });
    expect([r.verdict, r.property]).toEqual(['violated', 'mutual exclusion']);
    expect(r.counterexample!.choices.length).toBeGreaterThanOrEqual(8);
    expect(r.counterexample!.steps.at(-1)!.changes).toContainEqual({ path: 'g.inside', old: 1, new: 2 });
  });

  it('without turn it excludes but deadlocks when both raise their flags: 2 steps', () => {
    const ref = reference('no-turn');
    expect(ref.shortestBad).toBe(-1);
    expect(ref.deadlocks).toBeGreaterThan(0);
    const r = checkBoth(peterson('no-turn'));
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock', 'no context can move, yet p0 at p/wait, p1 at p/wait have not finished']);
    expect(stepNames(r)).toEqual(['p0 p/flag', 'p1 p/flag']);
  });

  it('is deterministic: the same check twice gives the same counts and the same counterexample choices', () => {
    for (const order of ['bfs', 'dfs'] as const) {
      const a = check(peterson('turn-first'), { order });
      const b = check(peterson('turn-first'), { order });
      expect(observable(b)).toEqual(observable(a));
      expect(b.counterexample!.choices).toEqual(a.counterexample!.choices);
    }
  });
});
