/**
 * Per-process call lists (`processCalls`): entry p replaces `calls` for the
 * threads of process p. State counts are derived by hand for tiny models; the
 * same models with every process calling every DDI must count differently.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, InputError, type AnyModel, type Procedure, type Scenario } from '../../src/index.js';
import { compile } from '../../src/engine/system.js';

const PRESENT = 'DxgkDdiPresent';
const POINTER = 'DxgkDdiSetPointerPosition';

/** A handler that returns in one step. */
const ONE_STEP: Procedure<any> = { steps: { body: { next: 'return' } } };

/** Driver mode: Present and SetPointerPosition handled by one-step handlers. */
function driverModel(scenario: Scenario, ddis: readonly string[] = [PRESENT, POINTER]): AnyModel {
  return defineModel({ name: 'pc', ddis: Object.fromEntries(ddis.map((d) => [d, ONE_STEP])), scenarios: { default: scenario } });
}

/** Conformance mode with the free dispatcher: enter the driver, leave it, no locking. */
const FREE_DISPATCH: Procedure<any> = {
  steps: {
    enter: (_s, k) => { k.enterDriver(); return 'leave'; },
    leave: (_s, k) => { k.leaveDriver(); return 'return'; },
  },
};
function conformanceModel(scenario: Scenario): AnyModel {
  return defineModel({ name: 'pc', threads: { dispatch: FREE_DISPATCH }, scenarios: { default: { ...scenario, dispatcher: 'dispatch' } } });
}

const twoProcesses = { processes: 2, threadsPerProcess: 1, callsPerThread: 1 } as const;

describe('processCalls in driver mode', () => {
  // Each thread: idle with no call made, in its handler (one step), or done.
  // Process 0 may only call Present, process 1 only SetPointerPosition: the
  // two never conflict (Present is level 0), so 3 x 3 = 9 states.
  it('one DDI per process: 3 x 3 = 9 states', () => {
    const r = check(driverModel({ ...twoProcesses, processCalls: [[PRESENT], [POINTER]] }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(9);
    expect(r.stats.maxDepth).toBe(4);
    expect(r.bounds).toBe(`2 processes x 1 thread, 1 call per thread, process 0 calls ${PRESENT}; process 1 calls ${POINTER}`);
  });

  // Both processes call both: each thread is idle, in Present, in
  // SetPointerPosition, or done (4 x 4 = 16), less the one state with both in the
  // level-1 pointer class, which the OS never admits: 15.
  it('the same model with both processes calling both DDIs: 4 x 4 - 1 = 15 states', () => {
    // Counted by hand over every state: without symmetry reduction (the two processes are interchangeable).
    const r = check(driverModel({ ...twoProcesses, calls: [PRESENT, POINTER] }), { symmetry: false });
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(15);
    expect(r.bounds).toBe('2 processes x 1 thread, 1 call per thread');
  });

  it('each thread context gets call actions only for its own process\'s kinds; kinds are the union', () => {
    const sys = compile(driverModel({ ...twoProcesses, processCalls: [[PRESENT, PRESENT], [POINTER, PRESENT]] }));
    expect(sys.calls.map((k) => k.key)).toEqual([PRESENT, POINTER]);
    const callsOf = (ctx: string) => sys.actions.filter((a) => a.kind === 'call' && sys.contexts[a.ctx].info.name === ctx).map((a) => a.name);
    expect(callsOf('P0T0')).toEqual([`call ${PRESENT}`]);
    expect(callsOf('P1T0')).toEqual([`call ${POINTER}`, `call ${PRESENT}`]);
  });

  it('a process without an entry uses calls; an empty list makes no calls', () => {
    // Process 0 calls Present (from calls), process 1 nothing: 3 states.
    const r = check(driverModel({ ...twoProcesses, calls: [PRESENT], processCalls: [undefined, []] }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(3);
    expect(r.bounds).toBe(`2 processes x 1 thread, 1 call per thread, process 0 calls ${PRESENT}; process 1 makes no calls`);
    const sys = compile(driverModel({ ...twoProcesses, calls: [PRESENT], processCalls: [undefined, []] }));
    expect(sys.actions.filter((a) => a.kind === 'call').map((a) => sys.contexts[a.ctx].info.name)).toEqual(['P0T0']);
  });

  it('processCalls alone (no calls) is driver mode', () => {
    const sys = compile(driverModel({ ...twoProcesses, processCalls: [[PRESENT]] }));
    expect(sys.mode).toBe('driver');
    // Process 1 has no entry and there are no calls: it makes none.
    expect(check(driverModel({ ...twoProcesses, processCalls: [[PRESENT]] })).stats.distinctStates).toBe(3);
  });
});

describe('processCalls in conformance mode (free dispatcher)', () => {
  // Each thread: idle, at enter (call picked, not in the driver), at leave (in
  // the driver), done: 4 x 4 = 16 states, no admission.
  it('only process 0 calls the pointer class: no class conflict, 16 states', () => {
    const r = check(conformanceModel({ ...twoProcesses, processCalls: [[POINTER], [PRESENT]] }));
    expect(r.verdict, `${r.property}: ${r.message}`).toBe('holds');
    expect(r.stats.distinctStates).toBe(16);
    expect(r.bounds).toBe(`2 processes x 1 thread, 1 call per thread, process 0 calls ${POINTER}; process 1 calls ${PRESENT}`);
  });

  it('process 1 falling back to calls: the same 16 states', () => {
    const r = check(conformanceModel({ ...twoProcesses, calls: [PRESENT], processCalls: [[POINTER]] }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(16);
  });

  it('both processes call the pointer class: class-exclusion is violated', () => {
    for (const sc of [{ processCalls: [[POINTER], [POINTER, PRESENT]] }, { calls: [POINTER, PRESENT] }]) {
      const r = check(conformanceModel({ ...twoProcesses, ...sc }));
      expect(r.verdict).toBe('violated');
      expect(r.property).toBe('class-exclusion');
      expect(r.counterexample!.steps.filter((s) => s.kind === 'call').map((s) => s.step)).toEqual([`call ${POINTER}`, `call ${POINTER}`]);
    }
  });
});

describe('processCalls: bad input', () => {
  function inputError(model: AnyModel): InputError {
    try { compile(model); } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('expected an InputError');
  }
  const where = 'model pc, scenario default';

  it('an unknown DDI names processCalls[p]', () => {
    const e = inputError(driverModel({ ...twoProcesses, processCalls: [[PRESENT], ['DxgkDdiNope']] }));
    expect(e.where).toBe(`${where}: processCalls[1]`);
    expect(e.problem).toBe('names "DxgkDdiNope", which is not in the contract catalog');
  });

  it('a DDI the model does not handle in driver mode names processCalls[p]', () => {
    const e = inputError(driverModel({ ...twoProcesses, processCalls: [[PRESENT], [POINTER]] }, [PRESENT]));
    expect(e.where).toBe(`${where}: processCalls[1]`);
    expect(e.problem).toBe(`names ${POINTER}, which the model does not handle`);
    // Conformance mode needs no handlers.
    expect(() => compile(conformanceModel({ ...twoProcesses, processCalls: [[PRESENT], [POINTER]] }))).not.toThrow();
  });

  it('more entries than processes', () => {
    const e = inputError(driverModel({ ...twoProcesses, processCalls: [[PRESENT], [POINTER], [PRESENT]] }));
    expect(e.where).toBe(`${where}: processCalls`);
    expect(e.problem).toBe('has 3 entries but the scenario has 2 processes');
  });

  it('a display-driver call without a pdev names processCalls[p] and the call', () => {
    const m = defineModel({ name: 'pc', ddis: { DrvBitBlt: ONE_STEP }, scenarios: { default: { ...twoProcesses, pdevs: 1, processCalls: [['DrvBitBlt']] } } });
    const e = inputError(m);
    expect(e.where).toBe(`${where}: processCalls[0]: call DrvBitBlt`);
    expect(e.problem).toMatch(/needs a pdev/);
  });

  it('an entry that is not a list, the per-DDI count form of calls, clients', () => {
    expect(inputError(driverModel({ ...twoProcesses, processCalls: [PRESENT as never] })).where).toBe(`${where}: processCalls[0]`);
    const rec = inputError(driverModel({ processes: 2, calls: { [PRESENT]: 1 }, processCalls: [[POINTER]] }));
    expect(rec.where).toBe(`${where}: processCalls`);
    expect(rec.problem).toMatch(/list form/);
    const clients = defineModel({ name: 'pc', threads: { c: ONE_STEP }, scenarios: { default: { ...twoProcesses, clients: 'c', processCalls: [[PRESENT]] } } });
    expect(inputError(clients).where).toBe(`${where}: processCalls`);
  });
});
