import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import dispatcher from '../../../models/dispatcher.js';
import { defineModel, t, spinLock, mutex } from '../../index.js';
import { traceFromResult } from '../../trace/build.js';
import { replayTrace } from '../../trace/confirm.js';
import { check } from '../../check.js';
import { compile } from '../../engine/system.js';
import { groupElements, makeCanonicalizer } from './index.js';

/** Threads that take one spin lock and remember who was last: context references in global, lock and local state. */
const locks = defineModel({
  name: 'locks', races: false,
  global: { lock: spinLock(), per: t.perProcess(t.int(0, 2)), last: t.context() },
  local: { seen: t.context() },
  threads: {
    client: {
      steps: {
        lock: (s, k) => { k.acquireSpinLock(s.g.lock); return 'add'; },
        add: (s, k) => { s.g.per[k.process]++; s.local.seen = s.g.last; s.g.last = k.owner; return 'unlock'; },
        unlock: (s, k) => { k.releaseSpinLock(s.g.lock); return 'return'; },
      },
    },
  },
  scenarios: {
    p2t2: { processes: 2, threadsPerProcess: 2, clients: 'client' },
    p3t1: { processes: 3, threadsPerProcess: 1, clients: 'client' },
    p1t3: { processes: 1, threadsPerProcess: 3, clients: 'client' },
  },
});

describe('the orbit-stabilizer identity: the orbits of the stored representatives add up to the unreduced count', () => {
  it('on the dispatcher, 2 processes x 1 thread (|G| = 2)', () => {
    const r = check(dispatcher, { countOrbits: true });
    expect(r.verdict).toBe('holds');
    expect(r.stats.symmetry).toEqual({ applied: true, group: '2 processes interchangeable, |G| = 2', order: 2, unreducedStates: 110_080 });
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([55_552, 175_464]);
    expect(r.notes).toContain('symmetry: 2 processes interchangeable, |G| = 2; 55,552 states stored as orbit representatives (110,080 states unreduced)');
  });

  it('on the dispatcher, 1 process x 3 threads without the interrupt source (|G| = 6)', () => {
    const small = { ...dispatcher, scenarios: { p1t3: { processes: 1, threadsPerProcess: 3, clients: 'client' } } };
    const r = check(small, { scenario: 'p1t3', countOrbits: true });
    const plain = check(small, { scenario: 'p1t3', symmetry: false });
    expect([plain.verdict, plain.stats.distinctStates, plain.stats.transitions]).toEqual(['holds', 315_890, 831_474]);
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions]).toEqual(['holds', 56_398, 148_437]);
    expect(r.stats.symmetry).toEqual({ applied: true, group: '1 process x 3 threads interchangeable, |G| = 6', order: 6, unreducedStates: 315_890 });
  });

  it.each([
    ['p2t2', '2 processes x 2 threads interchangeable, |G| = 8', 8, 23, 137],
    ['p3t1', '3 processes interchangeable, |G| = 6', 6, 10, 43],
  ] as const)('with context references (lock owners, t.context) in %s', (scenario, group, order, stored, unreduced) => {
    const r = check(locks, { scenario, countOrbits: true });
    const plain = check(locks, { scenario, symmetry: false });
    expect(plain.verdict).toBe('holds');
    expect(plain.stats.distinctStates).toBe(unreduced);
    expect(plain.stats.symmetry).toEqual({ applied: false, group, order, why: 'turned off (--no-symmetry)' });
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(stored);
    expect(r.stats.symmetry).toEqual({ applied: true, group, order, unreducedStates: unreduced });
  });

  it('and a violation is the same, as short, and names real contexts (1 process x 3 threads)', () => {
    const r = check(locks, { scenario: 'p1t3' });
    const plain = check(locks, { scenario: 'p1t3', symmetry: false });
    expect([r.verdict, r.property, r.message]).toEqual([plain.verdict, plain.property, plain.message]);
    expect(r.counterexample!.steps.length).toBe(plain.counterexample!.steps.length);
    expect(r.counterexample!.steps.map((s) => s.context?.name)).toEqual(plain.counterexample!.steps.map((s) => s.context?.name));
    expect(r.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
  });
});

describe('the canonical form', () => {
  for (const scenario of ['p2t2', 'p3t1']) {
    it(`is constant on orbits and lies in the orbit (random vectors, every group element; ${scenario})`, () => {
      const sys = compile(locks, scenario);
      const c = makeCanonicalizer(sys)!;
      const all = [...groupElements(c.group)];
      expect(all.length).toBe(c.group.order);
      const slotValues = fc.tuple(...sys.layout.slots.map((s) => (s.ref ? fc.integer({ min: 0, max: sys.contexts.length }) : fc.integer({ min: s.min, max: s.max }))));
      fc.assert(fc.property(slotValues, fc.nat(all.length - 1), (vals, gi) => {
        const v = Int32Array.from(vals);
        const base = c.canonical(v).slice();
        const moved = new Int32Array(v.length);
        c.canon.applyElement(v, all[gi], moved);
        expect([...c.canonical(moved)]).toEqual([...base]);
        const orbit = new Set(all.map((e) => { const o = new Int32Array(v.length); c.canon.applyElement(v, e, o); return o.join(','); }));
        expect(orbit.has(base.join(','))).toBe(true);
        expect(c.orbitSize(v)).toBe(orbit.size);
      }), { numRuns: 300, seed: 14 });
    });
  }

  it('is trivial (no canonicalizer) when nothing is interchangeable', () => {
    expect(makeCanonicalizer(compile(dispatcher, 'default'))).not.toBeNull();
    const one = { ...locks, scenarios: { one: { processes: 1, threadsPerProcess: 1, clients: 'client' } } };
    expect(makeCanonicalizer(compile(one, 'one'))).toBeNull();
  });
});

describe('a model whose steps are not symmetric is refused, naming the step or the slot, and searched unreduced', () => {
  it('plain state indexed by k.process: the slot', () => {
    const m = defineModel({
      name: 'plain-index', races: false,
      global: { count: t.array(2, t.int(0, 1)) },
      threads: { client: { steps: { add: (s, k) => { s.g.count[k.process] = 1; return 'return'; } } } },
      scenarios: { default: { processes: 2, clients: 'client' } },
    });
    const r = check(m);
    expect(r.stats.symmetry?.applied).toBe(false);
    expect(r.stats.symmetry?.why).toBe('symmetry refused (2 processes interchangeable, |G| = 2): P1T0 client/add does not mirror P0T0 client/add under swapping processes 0 and 1: afterwards slot g.count[0] differs (plain state indexed by k.process, k.thread or k.index? declare it with t.perProcess, and context references with t.context); searched without it');
    expect(r.notes).toContain(r.stats.symmetry!.why);
    expect(r.stats.distinctStates).toBe(check(m, { symmetry: false }).stats.distinctStates);
  });

  it('a guard that reads k.thread: the step', () => {
    const m = defineModel({
      name: 'first-thread', races: false,
      global: { done: t.int(0, 2) },
      threads: { client: { steps: { go: { guard: (_s, k) => k.thread === 0, do: (s) => { s.g.done++; }, next: 'return' } } } },
      scenarios: { default: { processes: 1, threadsPerProcess: 2, clients: 'client' } },
    });
    const r = check(m);
    expect(r.stats.symmetry?.why).toBe('symmetry refused (1 process x 2 threads interchangeable, |G| = 2): P0T1 client/go does not mirror P0T0 client/go under swapping threads 0 and 1 of process 0: one can run and the other cannot (a guard that reads k.process, k.thread or k.index, or plain state indexed by them?); searched without it');
  });

  it('an invariant that tells processes apart', () => {
    const m = defineModel({
      name: 'lopsided', races: false,
      global: { per: t.perProcess(t.int(0, 1)) },
      threads: { client: { steps: { set: (s, k) => { s.g.per[k.process] = 1; return 'return'; } } } },
      invariants: { 'process 0 first': (s) => s.g.per[1] === 0 || s.g.per[0] === 1 },
      scenarios: { default: { processes: 2, clients: 'client' } },
    });
    const r = check(m);
    const plain = check(m, { symmetry: false });
    expect(r.stats.symmetry?.why).toMatch(/^symmetry refused \(2 processes interchangeable, \|G\| = 2\): a state monitor judges a state and its image after swapping processes 0 and 1 differently \(process 0 first on the image\)/);
    expect([r.verdict, r.property, r.counterexample?.steps.length]).toEqual([plain.verdict, plain.property, plain.counterexample?.steps.length]);
    expect(r.verdict).toBe('violated');
  });
});

describe('the stuck-context check stays exact under symmetry', () => {
  // Each process takes its own mutex, then the other's: with 2 processes a lock-order inversion, hidden by a periodic timer.
  const crossed = (processes: number) => defineModel({
    name: 'crossed', races: false,
    global: { m: t.perProcess(mutex()) },
    init: (_s, k) => { k.setTimer('tick', { periodic: true }); },
    threads: {
      client: {
        steps: {
          mine: (s, k) => { k.acquireMutex(s.g.m[k.process]); return 'theirs'; },
          theirs: (s, k) => { k.acquireMutex(s.g.m[(k.process + 1) % processes]); return 'release'; },
          release: (s, k) => { k.releaseMutex(s.g.m[(k.process + 1) % processes]); k.releaseMutex(s.g.m[k.process]); return 'return'; },
        },
      },
    },
    dpcs: { tickDpc: { steps: { run: () => 'return' } } },
    timers: { tick: { dpc: 'tickDpc' } },
    scenarios: { default: { processes, clients: 'client' } },
  });

  it('finds the deadlock a timer hides, with the message and length of the unreduced search', () => {
    const m = crossed(2);
    const r = check(m, { countOrbits: true });
    const plain = check(m, { symmetry: false });
    expect(r.stats.symmetry?.applied).toBe(true);
    expect([r.verdict, r.property, r.message]).toEqual(['violated', 'deadlock', plain.message]);
    expect(r.message).toMatch(/^P0T0 at client\/theirs and P1T0 at client\/theirs can never move again/);
    expect(r.counterexample!.steps.length).toBe(plain.counterexample!.steps.length);
    const trace = traceFromResult(m, r, { file: 'crossed.ts', sha256: '', exact: false, budget: {} });
    expect(replayTrace(trace, m).outcome.kind).toBe('reproduced');
  });

  it('and finds none where there is none (3 processes: a cycle of three still deadlocks; 1 process holds)', () => {
    const three = crossed(3);
    const r3 = check(three);
    expect([r3.verdict, r3.property, r3.message]).toEqual(['violated', 'deadlock', check(three, { symmetry: false }).message]);
    // One lock order for all: plain global mutexes (indexing the per-process ones by a constant would be refused).
    const fixed = defineModel({
      name: 'uncrossed', races: false,
      global: { a: mutex(), b: mutex() },
      init: (_s, k) => { k.setTimer('tick', { periodic: true }); },
      threads: { client: { steps: {
        mine: (s, k) => { k.acquireMutex(s.g.a); return 'theirs'; },
        theirs: (s, k) => { k.acquireMutex(s.g.b); return 'release'; },
        release: (s, k) => { k.releaseMutex(s.g.b); k.releaseMutex(s.g.a); return 'return'; },
      } } },
      dpcs: { tickDpc: { steps: { run: () => 'return' } } },
      timers: { tick: { dpc: 'tickDpc' } },
      scenarios: { default: { processes: 2, clients: 'client' } },
    });
    const r = check(fixed, { countOrbits: true });
    const plain = check(fixed, { symmetry: false });
    expect(r.verdict).toBe('holds');
    expect(plain.verdict).toBe('holds');
    expect(r.stats.symmetry?.applied).toBe(true);
    expect(r.stats.symmetry?.unreducedStates).toBe(plain.stats.distinctStates);
    expect(r.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
  });
});

describe('the group comes from the scenario', () => {
  const present = defineModel({
    name: 'present', races: false,
    global: { n: t.int(0, 4) },
    ddis: {
      DxgkDdiPresent: { steps: { add: (s) => { s.g.n++; return 'return'; } } },
      DxgkDdiSetPointerPosition: { steps: { add: (s) => { s.g.n++; return 'return'; } } },
    },
    scenarios: {
      sessions: { processes: 4, sessions: 2, calls: ['DxgkDdiPresent'] },
      lists: { processes: 3, calls: ['DxgkDdiPresent'], processCalls: [undefined, ['DxgkDdiSetPointerPosition']] },
      threads: { processes: 2, threadsPerProcess: 2, calls: ['DxgkDdiPresent'], processCalls: [undefined, ['DxgkDdiSetPointerPosition']] },
    },
  });
  const groupOf = (scenario: string) => makeCanonicalizer(compile(present, scenario))?.group;

  it('processes of different sessions are not interchangeable', () => {
    const g = groupOf('sessions')!;
    expect(g.processClasses).toEqual([[0, 2], [1, 3]]);
    expect(g.description).toBe('processes 0, 2 interchangeable; processes 1, 3 interchangeable, |G| = 4');
  });

  it('processes with different call lists are not; the threads inside each still are', () => {
    expect(groupOf('lists')!.processClasses).toEqual([[0, 2]]);
    const g = groupOf('threads')!;
    expect(g.processClasses).toEqual([]);
    expect(g.description).toBe('the threads of processes 0, 1 interchangeable, |G| = 4');
    const r = check(present, { scenario: 'threads', countOrbits: true });
    expect(r.stats.symmetry?.unreducedStates).toBe(check(present, { scenario: 'threads', symmetry: false }).stats.distinctStates);
  });
});
