// Each contract rule on whole models: a schedule the contract forbids, produced by
// a dispatcher that does no locking (conformance mode) and flagged with the rule;
// and a schedule it allows, reached without any monitor objecting (a tripwire
// invariant named `reached` fires on it) or a model that holds. The rule
// functions themselves are unit-tested in src/os/rules.test.ts.
import { describe, expect, it } from 'vitest';
import { check, Rule, t, mutex, type AnyModel, type CheckResult, type Procedure, type SystemView } from '../../src/index.js';
import { conformance, driver, is, reached } from './_models.js';
import { callKey } from '../../src/os/calls.js';

function violated(r: CheckResult, property: string, message?: string): void {
  expect(r.verdict, r.message).toBe('violated');
  expect(r.property, r.message).toBe(property);
  if (message !== undefined) expect(r.message).toBe(message);
}
function holds(r: CheckResult, states?: number): void {
  expect(r.verdict, `${r.property}: ${r.message}`).toBe('holds');
  if (states !== undefined) expect(r.stats.distinctStates).toBe(states);
}
// The state counts below are of every state, worked out by hand: searched without symmetry reduction.
const run = (m: AnyModel): CheckResult => check(m, { symmetry: false });

describe('same-process reentrancy', () => {
  it('fails: two threads of one process in the driver at once (free dispatcher)', () => {
    const r = run(conformance('sp-fail', { processes: 1, threadsPerProcess: 2, calls: ['DxgkDdiPresent'] }));
    violated(r, Rule.sameProcess, 'P0T0 (DxgkDdiPresent) and P0T1 (DxgkDdiPresent) are threads of process 0, in the driver at once');
    expect(r.counterexample!.steps.map((s) => s.step)).toEqual(['call DxgkDdiPresent', 'dispatch/enter', 'call DxgkDdiPresent', 'dispatch/enter']);
  });
  it('passes: threads of two processes (free dispatcher: 2 threads x 4 local states = 16 states)', () => {
    holds(run(conformance('sp-pass', { processes: 2, calls: ['DxgkDdiPresent'] })), 16);
  });
  it('passes: driver mode never admits the second thread of a process (3 x 3 states less both in the call = 8)', () => {
    holds(run(driver('sp-driver', { processes: 1, threadsPerProcess: 2, calls: ['DxgkDdiPresent'] })), 8);
  });
});

describe('class exclusion', () => {
  it('fails: two pointer-class calls of two processes', () => {
    violated(run(conformance('cls-fail', { processes: 2, calls: ['DxgkDdiSetPointerShape'] })), Rule.classExclusion,
      'DxgkDdiSetPointerShape and DxgkDdiSetPointerShape overlapped; both are in the level-1 pointer class');
  });
  it('passes: a pointer call and a display-class call overlap', () => {
    const m = driver('cls-pass', { processes: 2, calls: ['DxgkDdiSetPointerPosition', 'DxgkDdiSetTargetGamma'] },
      { invariants: reached([is('DxgkDdiSetPointerPosition'), is('DxgkDdiSetTargetGamma')]) });
    violated(run(m), 'reached');
  });
  it('fails: two child I/O calls for one child', () => {
    violated(run(conformance('child-fail', { processes: 2, calls: [{ ddi: 'DxgkDdiQueryChildStatus', child: 1 }] })), Rule.classExclusion,
      'DxgkDdiQueryChildStatus[child 1] and DxgkDdiQueryChildStatus[child 1] overlapped; both are in the level-1 child-io class, for child 1');
  });
  it('passes: child I/O calls for two children overlap', () => {
    const m = driver('child-pass', { processes: 2, calls: [{ ddi: 'DxgkDdiQueryChildStatus', child: 0 }, { ddi: 'DxgkDdiI2CReceiveDataFromDisplay', child: 1 }] },
      { invariants: reached([is('DxgkDdiQueryChildStatus'), is('DxgkDdiI2CReceiveDataFromDisplay')]) });
    const r = run(m);
    violated(r, 'reached', 'reached: P0T0 in DxgkDdiQueryChildStatus[child 0], P1T0 in DxgkDdiI2CReceiveDataFromDisplay[child 1]');
  });
});

describe('instance exclusion', () => {
  it('fails: two SetPowerComponentFState calls for one component', () => {
    violated(run(conformance('inst-fail', { processes: 2, calls: [{ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }] })), Rule.instanceExclusion,
      'two DxgkDdiSetPowerComponentFState calls for component 0 overlapped');
  });
  it('passes: calls for two components overlap', () => {
    const m = driver('inst-pass', { processes: 2, calls: [{ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }, { ddi: 'DxgkDdiSetPowerComponentFState', instance: 1 }] },
      { invariants: reached([is('DxgkDdiSetPowerComponentFState[#0]'), is('DxgkDdiSetPowerComponentFState[#1]')]) });
    violated(run(m), 'reached');
  });
});

describe('level 2 and level 3 exclusivity', () => {
  it('fails: two level-2 calls, or a level-0 call beside a level-3 one', () => {
    violated(run(conformance('lvl-fail', { processes: 2, calls: ['DxgkDdiSetVidPnSourceVisibility'] })), Rule.levelExclusive,
      'DxgkDdiSetVidPnSourceVisibility ran during DxgkDdiSetVidPnSourceVisibility, a level-2 call: only the calling thread may be in the driver');
    violated(run(conformance('lvl-fail3', { processes: 2, calls: { DxgkDdiSetPowerState: 1, DxgkDdiPresent: 1 } })), Rule.levelExclusive);
  });
  it('passes: driver mode runs level-2 and level-3 calls alone', () => {
    holds(run(driver('lvl-driver', { processes: 2, calls: ['DxgkDdiSetVidPnSourceVisibility', 'DxgkDdiSetPowerState', 'DxgkDdiPresent'] })));
  });
  it('passes: QueryAdapterInfo overlaps SetPowerState and QueryChildRelations (the stated exception)', () => {
    for (const l3 of ['DxgkDdiSetPowerState', 'DxgkDdiQueryChildRelations']) {
      const m = driver(`qai-${l3}`, { processes: 2, calls: [l3, 'DxgkDdiQueryAdapterInfo'] }, { invariants: reached([is(l3), is('DxgkDdiQueryAdapterInfo')]) });
      violated(run(m), 'reached');
    }
  });
  it('fails: QueryAdapterInfo beside any other level-3 call', () => {
    const r = run(conformance('qai-fail', { processes: 2, calls: { DxgkDdiStopDevice: 1, DxgkDdiQueryAdapterInfo: 1 } }));
    violated(r, Rule.levelExclusive);
    expect(r.message).toMatch(/DxgkDdi(QueryAdapterInfo|StopDevice) ran during DxgkDdiStopDevice, a level-3 call/);
  });
});

/** A dispatcher that runs one call at a time; `before(s, k)` runs as the call enters (wait for idle, evict). */
function serialDispatch(before: (k: any) => void = () => {}, work: (k: any) => void = () => {}): Procedure<any> {
  return {
    steps: {
      lock: (s, k) => { k.acquireMutex(s.g.one); return 'enter'; },
      enter: (_s, k) => { before(k); k.enterDriver(); return 'work'; },
      work: (_s, k) => { work(k); return 'leave'; },
      leave: (s, k) => { k.leaveDriver(); k.releaseMutex(s.g.one); return 'return'; },
    },
  };
}
const render = (k: any): void => { if (k.callInfo.ddi === 'DxgkDdiRender') k.hw.submit('dma', 1); };
/**
 * What an OS-side dispatcher waits for before a level-2/3 call: the device done
 * and its completion reported. These models have no ISR, so the wait also takes
 * the completion off the used ring, as the driver's DPC would have.
 */
const drained = (k: any): void => { k.await(k.hw.pending('dma') === 0); k.hw.takeCompleted('dma'); k.await(k.hw.idle()); };
const ADAPTER = { queues: { dma: { depth: 1, tokens: 1 } } };

describe('level precondition', () => {
  it('fails: a level-2 call enters with DMA in flight (conformance)', () => {
    const m = conformance('pre-fail', { processes: 2, calls: ['DxgkDdiRender', 'DxgkDdiSetVidPnSourceVisibility'] },
      { adapter: ADAPTER, global: { one: mutex() }, dispatch: serialDispatch(() => {}, render) });
    const r = run(m);
    violated(r, Rule.levelPrecondition, 'DxgkDdiSetVidPnSourceVisibility (level 2) was called while the adapter was not idle (DMA in flight, completions not yet reported, or GPU hung)');
    expect(r.counterexample!.steps.map((s) => s.step)).toContain('dispatch/work');
  });
  it('passes: the dispatcher waits for an idle adapter (conformance)', () => {
    const m = conformance('pre-pass', { processes: 2, calls: ['DxgkDdiRender', 'DxgkDdiSetVidPnSourceVisibility'] },
      { adapter: ADAPTER, global: { one: mutex() }, dispatch: serialDispatch((k) => { if ((k.callInfo.level ?? 0) >= 2) drained(k); }, render) });
    holds(run(m));
  });
  it('passes: driver mode starts a level-2 call only on an idle adapter', () => {
    const m = driver('pre-driver', { processes: 2, calls: ['DxgkDdiRender', 'DxgkDdiSetVidPnSourceVisibility'] }, {
      adapter: ADAPTER,
      ddis: {
        DxgkDdiRender: { steps: { submit: (_s, k) => { k.hw.submit('dma', 1); return 'return'; } } },
        DxgkDdiSetVidPnSourceVisibility: { steps: { idle: (_s, k) => { k.assert(k.hw.idle(), 'level 2 on a busy adapter'); return 'return'; } } },
      },
    });
    holds(run(m));
  });
  it('fails: a level-3 call enters with video memory resident; passes when the dispatcher evicts it first', () => {
    const scenario = { processes: 1, calls: { DxgkDdiRender: 1, DxgkDdiSetPowerState: 1 } };
    const fail = conformance('evict-fail', scenario, { adapter: ADAPTER, global: { one: mutex() }, dispatch: serialDispatch((k) => { if (k.callInfo.level === 3) drained(k); }, render) });
    violated(run(fail), Rule.levelPrecondition, 'DxgkDdiSetPowerState (level 3) was called while video memory was not evicted');
    const pass = conformance('evict-pass', scenario, { adapter: ADAPTER, global: { one: mutex() }, dispatch: serialDispatch((k) => { if (k.callInfo.level === 3) { drained(k); k.hw.evict(); } }, render) });
    holds(run(pass));
  });
  it('a level-2 call whose precondition never holds is never started, and the verdict says so', () => {
    // The device completes the work init submitted, and nothing ever takes the completion off the ring.
    const m = driver('pre-never', { processes: 1, calls: ['DxgkDdiPresent', 'DxgkDdiCommitVidPn'], callsPerThread: 2 }, {
      adapter: ADAPTER,
      init: (_s, k) => { k.hw.submit('dma', 1); },
    });
    const r = run(m);
    // Two Presents: idle, in the first, between, in the second, done (5), times the work pending or completed (2).
    holds(r, 10);
    expect(r.notes).toEqual(['never started in any schedule: DxgkDdiCommitVidPn (the contract never let it in within these bounds, so the verdict covers no state with it in the driver)']);
    expect(run({ ...m, init: undefined }).notes).toBeUndefined();
  });
  it('passes: driver mode evicts video memory as a level-3 call enters', () => {
    const m = driver('evict-driver', { processes: 2, calls: ['DxgkDdiRender', 'DxgkDdiSetPowerState'] }, {
      adapter: ADAPTER,
      ddis: {
        DxgkDdiRender: { steps: { submit: (_s, k) => { k.hw.submit('dma', 1); return 'return'; } } },
        DxgkDdiSetPowerState: { steps: { check: (_s, k) => { k.assert(k.hw.evicted && k.hw.idle(), 'level 3 with memory resident'); return 'return'; } } },
      },
    });
    holds(run(m));
  });
});

describe('exclusive reset', () => {
  it('fails: a call runs during DxgkDdiResetFromTimeout', () => {
    violated(run(conformance('reset-fail', { processes: 2, calls: { DxgkDdiPresent: 1, DxgkDdiResetFromTimeout: 1 } })), Rule.exclusiveReset,
      'DxgkDdiPresent ran during DxgkDdiResetFromTimeout: nothing but the ISR, the DPC and the runtime power DDIs may be in the driver during a reset');
  });

  /**
   * Driver mode, one TDR: a worker enables interrupts and submits two fences; the
   * device completes the first (latching the interrupt line) and hangs on the
   * second; the OS drains, resets, cleans up and restarts. The scenario's thread
   * may call SetPowerComponentFState at any time, the TDR included.
   */
  const tdrModel = (name: string, invariant: (s: SystemView) => true | string) => driver(name, {
    processes: 1, calls: [{ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }], tdrs: 1, interrupts: 1, workers: { kick: 1 },
  }, {
    adapter: { queues: { dma: { depth: 2, tokens: 2 } } },
    threads: { kick: { steps: { go: (_s, k) => { k.hw.enableInterrupts(true); k.hw.submit('dma', 1); k.hw.submit('dma', 2); return 'return'; } } } },
    isr: { steps: { ack: (_s, k) => { k.hw.ackInterrupt(); return 'return'; } } },
    invariants: { reached: invariant },
  });
  const resetRuns = (s: SystemView): boolean => s.contexts.some((c) => c.call === 'DxgkDdiResetFromTimeout');
  it('passes: a runtime power DDI runs beside the reset', () => {
    const r = run(tdrModel('reset-fstate', (s) => !(resetRuns(s) && s.contexts.some((c) => c.call === 'DxgkDdiSetPowerComponentFState[#0]')) || 'FState during the reset'));
    violated(r, 'reached');
    // SetPowerComponentFState starts at PASSIVE_LEVEL or DISPATCH_LEVEL (its page: <= DISPATCH_LEVEL); the shortest trace takes the first.
    expect(r.counterexample!.steps.map((x) => x.step)).toEqual(expect.arrayContaining(['GPU hangs', 'detect GPU timeout', 'call DxgkDdiResetFromTimeout', 'call DxgkDdiSetPowerComponentFState[#0] at PASSIVE_LEVEL']));
  });
  it('passes: the ISR runs during the reset', () => {
    violated(run(tdrModel('reset-isr', (s) => !(resetRuns(s) && s.contexts.some((c) => c.kind === 'isr' && c.at !== null)) || 'ISR during the reset')), 'reached');
  });
  it('passes: the whole model holds (nothing but those overlaps the reset)', () => {
    holds(run(tdrModel('reset-holds', () => true)));
  });
});

describe('TDR order', () => {
  const TDR_CALLS = ['DxgkDdiResetFromTimeout', { ddi: 'DxgkDdiBuildPagingBuffer', instance: 0, flags: { TransferSizeZero: true } }, 'DxgkDdiReleaseSwizzlingRange', 'DxgkDdiRestartFromTimeout'];
  const position = (ddi: string): number => TDR_CALLS.findIndex((c) => (typeof c === 'string' ? c : c.ddi) === ddi);
  /** A dispatcher that lets a TDR call at position `p` of TDR_CALLS into the driver when `allowed(p, next)`, and fails it otherwise. */
  const sequencer = (allowed: (p: number, next: number) => boolean): Procedure<any> => ({
    steps: {
      route: (s, k) => {
        if (!allowed(position(k.callInfo!.ddi), s.g.next)) return 'return';
        k.enterDriver();
        return 'leave';
      },
      leave: (s, k) => { k.leaveDriver(); if (position(k.callInfo!.ddi) === s.g.next) s.g.next++; return 'return'; },
    },
  });
  it('fails: a restart with no reset before it', () => {
    violated(run(conformance('order-restart', { processes: 1, calls: ['DxgkDdiRestartFromTimeout'] })), Rule.tdrOrder,
      'DxgkDdiRestartFromTimeout was called with no reset before it: it ends a TDR\'s cleanup period');
  });
  it('fails: a restart before the cleanup calls are done', () => {
    // The dispatcher keeps the reset first, nothing else.
    const m = conformance('order-early', { processes: 1, calls: { DxgkDdiResetFromTimeout: 1, DxgkDdiRestartFromTimeout: 1 } }, { global: { next: t.int(0, 4) }, dispatch: sequencer((p, next) => p === 0 || next >= 1) });
    violated(run(m), Rule.tdrOrder, 'DxgkDdiRestartFromTimeout was called after 0 of the 2 TDR cleanup calls (BuildPagingBuffer per allocation, ReleaseSwizzlingRange)');
  });
  it('fails: content reported lost (TRANSFER of size 0) outside a TDR', () => {
    violated(run(conformance('order-lost', { processes: 1, calls: [{ ddi: 'DxgkDdiBuildPagingBuffer', instance: 0, flags: { TransferSizeZero: true } }] })), Rule.tdrOrder,
      'DxgkDdiBuildPagingBuffer[#0, TransferSizeZero] reports content lost in a reset, made outside a TDR instead of after DxgkDdiResetFromTimeout returned');
  });
  it('passes: a dispatcher that lets the calls in only in order (reset, cleanup, restart)', () => {
    holds(run(conformance('order-pass', { processes: 1, calls: TDR_CALLS, callsPerThread: 4 }, { global: { next: t.int(0, 4) }, dispatch: sequencer((p, next) => p === next) })));
  });
  it('fails: the same calls in any order (free dispatcher)', () => {
    violated(run(conformance('order-free', { processes: 1, calls: TDR_CALLS, callsPerThread: 4 })), Rule.tdrOrder);
  });
  it('passes: BuildPagingBuffer and ReleaseSwizzlingRange outside a TDR are ordinary calls (driver mode, one TDR possible)', () => {
    const m = driver('order-plain', { processes: 1, calls: ['DxgkDdiBuildPagingBuffer', 'DxgkDdiReleaseSwizzlingRange'], callsPerThread: 2, tdrs: 1 }, {
      adapter: { queues: { dma: { depth: 1, tokens: 1 } } },
      ddis: { DxgkDdiBuildPagingBuffer: { steps: { submit: (_s, k) => { if (!k.callInfo!.flags.TransferSizeZero) { k.hw.submit('dma', 1); k.hw.register('starts the paging engine'); } return 'return'; } } } },
      invariants: { reached: (s) => !s.contexts.some((c) => c.call === 'DxgkDdiReleaseSwizzlingRange' && c.name === 'P0T0') || 'released outside the TDR' },
    });
    violated(run(m), 'reached');
    holds(run({ ...m, invariants: {} }));
  });
});

describe('PDEV rules', () => {
  const blt = (pdev: number) => ({ ddi: 'DrvBitBlt', pdev });
  const both = { pdevs: 2, outputs: 2, pdevStart: ['enabled', 'enabled'] } as const;
  it('fails: two threads in the display driver with enabled PDEVs, across PDEVs', () => {
    violated(run(conformance('pdev-one', { processes: 2, calls: [blt(0), blt(1)], ...both })), Rule.pdevSingleThread,
      'P0T0 (DrvBitBlt[pdev 0]) and P1T0 (DrvBitBlt[pdev 0]) are both in the display driver with an enabled PDEV');
  });
  it('passes: driver mode lets one in at a time (2 threads x 4 local states, less the 4 with both in = 12 states)', () => {
    holds(run(driver('pdev-one-driver', { processes: 2, calls: [blt(0), blt(1)], ...both })), 12);
  });
  it('passes: a thread on a disabled PDEV runs beside one on the enabled PDEV', () => {
    const m = driver('pdev-disabled-beside', { processes: 2, calls: [blt(0), { ddi: 'DrvDisableSurface', pdev: 1 }], pdevs: 2, outputs: 1, pdevStart: ['enabled', 'disabled'] },
      { invariants: reached([is('DrvBitBlt'), is('DrvDisableSurface')]) });
    violated(run(m), 'reached');
  });
  it('fails: two enabled PDEVs on one output, from the start', () => {
    const r = run(conformance('pdev-output0', { processes: 1, calls: [blt(0)], pdevs: 2, outputs: 1, pdevStart: ['enabled', 'enabled'] }));
    violated(r, Rule.pdevPerOutput, '2 PDEVs of output 0 are enabled at once');
    expect(r.counterexample!.choices).toEqual([]);
  });
  it('fails: enabling a second PDEV on an output; passes on another output, and in driver mode', () => {
    const enable1 = { ddi: 'DrvAssertMode', pdev: 1, flags: { enable: true } };
    const sc = { processes: 1, calls: [enable1], pdevs: 2, outputs: 1, pdevStart: ['enabled', 'disabled'] } as const;
    violated(run(conformance('pdev-output', sc)), Rule.pdevPerOutput, 'DrvAssertMode[pdev 1, enable] would enable PDEV 1 while another PDEV on its output is enabled');
    holds(run(conformance('pdev-output2', { ...sc, outputs: 2 })));
    holds(run(driver('pdev-output-driver', sc)), 1);
  });
  it('fails: a function not on the list, with a disabled PDEV; passes: one on the list', () => {
    const sc = { processes: 1, pdevs: 1, pdevStart: ['disabled'] } as const;
    violated(run(conformance('pdev-list', { ...sc, calls: [blt(0)] })), Rule.pdevDisabledCall,
      'DrvBitBlt[pdev 0] was called with disabled PDEV 0; only the functions the PDEV rules list may be');
    holds(run(conformance('pdev-list-ok', { ...sc, calls: [{ ddi: 'DdLock', pdev: 0 }] })));
  });
  it('fails: a call on a PDEV that does not exist, or while DrvDisablePDEV destroys it', () => {
    violated(run(conformance('pdev-none', { processes: 1, pdevs: 1, calls: [blt(0)] })), Rule.pdevLifecycle,
      'DrvBitBlt[pdev 0] was called for PDEV 0, which does not exist (DrvEnablePDEV first)');
    violated(run(conformance('pdev-destroy', { processes: 2, pdevs: 1, pdevStart: ['disabled'], calls: [{ ddi: 'DrvDisablePDEV', pdev: 0 }, { ddi: 'DdLock', pdev: 0 }] })), Rule.pdevLifecycle);
  });
  it('passes: driver mode creates, enables, uses, disables and destroys a PDEV, in that order', () => {
    const calls = [
      { ddi: 'DrvEnablePDEV', pdev: 0 }, { ddi: 'DrvAssertMode', pdev: 0, flags: { enable: true } }, blt(0),
      { ddi: 'DrvAssertMode', pdev: 0, flags: { enable: false } }, { ddi: 'DrvDisablePDEV', pdev: 0 },
    ];
    const m = driver('pdev-life', { processes: 1, pdevs: 1, calls, callsPerThread: 5 }, {
      global: { drew: t.ghost(t.bool()) },
      ddis: {
        DrvBitBlt: { steps: { draw: (s) => { s.g.drew = true; return 'return'; } } },
        DrvDisablePDEV: { steps: { destroy: (s, k) => { k.assert(!s.g.drew, 'destroyed after drawing', 'reached'); return 'return'; } } },
      },
    });
    const r = run(m);
    violated(r, 'reached');
    expect(r.counterexample!.steps.filter((x) => x.kind === 'call').map((x) => x.step)).toEqual(calls.map((c) => `call ${callKey(c)}`));
    holds(run({ ...m, ddis: { ...m.ddis, DrvDisablePDEV: { steps: { destroy: { next: 'return' } } } } }));
  });
});
