// The contract's rules as functions, one pair of cases per rule: two calls that
// may be in the driver together, and two that may not (with the rule named).
// Call kinds are bound from the real catalog, so the rows and the rules are
// tested together. Whole-model checks of the same rules are in test/contract.
import { describe, expect, it } from 'vitest';
import { defaultCatalog, type LevelPolicy } from '../contract/index.js';
import { bindCalls, type CallKind, type CallSpec } from './calls.js';
import { Rule, callConflict, kindConflict, pdevEntry, withEnabledPdev, type ActiveCall } from './rules.js';

const cat = defaultCatalog();
const kind = (spec: CallSpec, policy: LevelPolicy = 'driver'): CallKind => bindCalls([spec], cat, policy, 'test')[0];
const rule = (a: CallSpec, b: CallSpec, policy: LevelPolicy = 'driver'): string | null => kindConflict(kind(a, policy), kind(b, policy))?.rule ?? null;
const call = (spec: CallSpec, process: number, pdevEnabled = false, name = `P${process}`): ActiveCall => ({ kind: kind(spec), ctxName: name, process, pdevEnabled });

describe('same-process reentrancy', () => {
  it('two threads of one process may not be in the driver at once, even in level-0 calls', () => {
    const o = callConflict(call('DxgkDdiPresent', 0, false, 'P0T0'), call('DxgkDdiRender', 0, false, 'P0T1'));
    expect(o?.rule).toBe(Rule.sameProcess);
    expect(o?.message).toBe('P0T0 (DxgkDdiPresent) and P0T1 (DxgkDdiRender) are threads of process 0, in the driver at once');
  });
  it('threads of two processes may, in level-0 calls', () => {
    expect(callConflict(call('DxgkDdiPresent', 0), call('DxgkDdiPresent', 1))).toBeNull();
  });
  it('the ISR and the DPC are exempt (they belong to no process)', () => {
    expect(callConflict(call('DxgkDdiInterruptRoutine', 0), call('DxgkDdiPresent', 0))).toBeNull();
    expect(callConflict(call('DxgkDdiDpcRoutine', -1), call('DxgkDdiRender', -1))).toBeNull();
  });
  it('turning the rule off does not hide another rule the same pair breaks', () => {
    const a = call('DxgkDdiSetPointerPosition', 0);
    const b = call('DxgkDdiSetPointerShape', 0);
    expect(callConflict(a, b)?.rule).toBe(Rule.sameProcess);
    expect(callConflict(a, b, new Set([Rule.sameProcess]))?.rule).toBe(Rule.classExclusion);
    expect(callConflict(a, b, new Set([Rule.sameProcess, Rule.classExclusion]))).toBeNull();
  });
});

describe('class exclusion (level 1)', () => {
  it('one call per class: pointer, display, overlay, gpu-scheduler', () => {
    expect(rule('DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiSetTargetGamma', 'DxgkDdiSetTargetContentType')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiFlipOverlay', 'DxgkDdiUpdateOverlay')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiSubmitCommand', 'DxgkDdiPatch')).toBe(Rule.classExclusion);
    expect(kindConflict(kind('DxgkDdiSetPointerPosition'), kind('DxgkDdiSetPointerShape'))?.message)
      .toBe('DxgkDdiSetPointerPosition and DxgkDdiSetPointerShape overlapped; both are in the level-1 pointer class');
  });
  it('calls of two classes, or of level 1 and level 0, may overlap', () => {
    expect(rule('DxgkDdiSetPointerPosition', 'DxgkDdiSetTargetGamma')).toBeNull();
    expect(rule('DxgkDdiSetPointerPosition', 'DxgkDdiPresent')).toBeNull();
    expect(rule('DxgkDdiSubmitCommand', 'DxgkDdiFlipOverlay')).toBeNull();
  });
  it('child I/O is per child: two children may overlap, one child may not', () => {
    expect(rule({ ddi: 'DxgkDdiQueryChildStatus', child: 0 }, { ddi: 'DxgkDdiI2CTransmitDataToDisplay', child: 1 })).toBeNull();
    expect(rule({ ddi: 'DxgkDdiQueryChildStatus', child: 1 }, { ddi: 'DxgkDdiI2CTransmitDataToDisplay', child: 1 })).toBe(Rule.classExclusion);
    expect(kindConflict(kind({ ddi: 'DxgkDdiQueryChildStatus', child: 1 }), kind({ ddi: 'DxgkDdiQueryChildStatus', child: 1 }))?.message)
      .toBe('DxgkDdiQueryChildStatus[child 1] and DxgkDdiQueryChildStatus[child 1] overlapped; both are in the level-1 child-io class, for child 1');
  });
  it('a level-1 DDI with no class named is a class of its own', () => {
    expect(rule('DxgkDdiSetRootPageTable', 'DxgkDdiSetRootPageTable')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiSetRootPageTable', 'DxgkDdiSubmitCommand')).toBeNull();
  });
  it('swizzling ranges: each DDI serialized with itself (driver policy), the whole class (dispatcher policy)', () => {
    expect(rule('DxgkDdiAcquireSwizzlingRange', 'DxgkDdiAcquireSwizzlingRange')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiAcquireSwizzlingRange', 'DxgkDdiReleaseSwizzlingRange', 'driver')).toBeNull();
    expect(rule('DxgkDdiAcquireSwizzlingRange', 'DxgkDdiReleaseSwizzlingRange', 'dispatcher')).toBe(Rule.classExclusion);
  });
});

describe('instance exclusion', () => {
  it('one SetPowerComponentFState per component; two components may overlap', () => {
    expect(rule({ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }, { ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 })).toBe(Rule.instanceExclusion);
    expect(rule({ ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }, { ddi: 'DxgkDdiSetPowerComponentFState', instance: 1 })).toBeNull();
  });
  it('one SubmitCommandToHwQueue per hardware queue', () => {
    expect(rule({ ddi: 'DxgkDdiSubmitCommandToHwQueue', instance: 2 }, { ddi: 'DxgkDdiSubmitCommandToHwQueue', instance: 2 })).toBe(Rule.instanceExclusion);
    expect(rule({ ddi: 'DxgkDdiSubmitCommandToHwQueue', instance: 2 }, { ddi: 'DxgkDdiSubmitCommandToHwQueue', instance: 3 })).toBeNull();
  });
});

describe('level 2 and level 3 exclusivity', () => {
  it('a level-2 or level-3 call runs alone', () => {
    expect(rule('DxgkDdiSetVidPnSourceVisibility', 'DxgkDdiPresent')).toBe(Rule.levelExclusive);
    expect(rule('DxgkDdiSetPowerState', 'DxgkDdiSetTargetGamma')).toBe(Rule.levelExclusive);
    expect(rule('DxgkDdiSetPowerState', 'DxgkDdiCommitVidPn')).toBe(Rule.levelExclusive);
    expect(rule('DxgkDdiCommitVidPn', 'DxgkDdiCommitVidPn')).toBe(Rule.levelExclusive);
    expect(kindConflict(kind('DxgkDdiPresent'), kind('DxgkDdiSetPowerState'))?.message)
      .toBe('DxgkDdiPresent ran during DxgkDdiSetPowerState, a level-3 call: only the calling thread may be in the driver');
  });
  it("the pointer DDIs, \"called independently of all of the other\" functions, run beside level-2/3 calls unless the stronger reading is asked for", () => {
    expect(rule('DxgkDdiCommitVidPn', 'DxgkDdiSetPointerPosition')).toBeNull();
    expect(rule('DxgkDdiSetPointerShape', 'DxgkDdiSetPowerState')).toBeNull();
    expect(kindConflict(kind('DxgkDdiCommitVidPn'), kind('DxgkDdiSetPointerPosition'), new Set(), { pointerIndependent: false })?.rule).toBe(Rule.levelExclusive);
    // Still never beside the other pointer DDI, nor during a reset.
    expect(rule('DxgkDdiSetPointerShape', 'DxgkDdiSetPointerPosition')).toBe(Rule.classExclusion);
    expect(rule('DxgkDdiSetPointerShape', 'DxgkDdiResetFromTimeout')).toBe(Rule.exclusiveReset);
  });
  it('CollectDbgInfo for a reason other than a timeout starts beside anything; with a timeout reason it is a level-0 call', () => {
    expect(rule('DxgkDdiCollectDbgInfo', 'DxgkDdiSetPowerState')).toBeNull();
    expect(rule('DxgkDdiCollectDbgInfo', 'DxgkDdiResetFromTimeout')).toBeNull();
    expect(rule({ ddi: 'DxgkDdiCollectDbgInfo', flags: { TimeoutReason: true } }, 'DxgkDdiSetPowerState')).toBe(Rule.levelExclusive);
  });
  it('QueryAdapterInfo may overlap SetPowerState and QueryChildRelations, and nothing else of level 2/3', () => {
    expect(rule('DxgkDdiQueryAdapterInfo', 'DxgkDdiSetPowerState')).toBeNull();
    expect(rule('DxgkDdiQueryChildRelations', 'DxgkDdiQueryAdapterInfo')).toBeNull();
    expect(rule('DxgkDdiQueryAdapterInfo', 'DxgkDdiSetVidPnSourceVisibility')).toBe(Rule.levelExclusive);
    expect(rule('DxgkDdiQueryAdapterInfo', 'DxgkDdiStopDevice')).toBe(Rule.levelExclusive);
    // The exception does not lift the process rule.
    expect(callConflict(call('DxgkDdiQueryAdapterInfo', 0), call('DxgkDdiSetPowerState', 0))?.rule).toBe(Rule.sameProcess);
  });
  it('Escape is level 2 only with HardwareAccess', () => {
    expect(rule({ ddi: 'DxgkDdiEscape', flags: { HardwareAccess: true } }, 'DxgkDdiPresent')).toBe(Rule.levelExclusive);
    expect(rule({ ddi: 'DxgkDdiEscape', flags: { HardwareAccess: false } }, 'DxgkDdiPresent')).toBeNull();
  });
  it('RecommendFunctionalVidPn: level 0 for a driver, level 2 for a dispatcher', () => {
    expect(rule('DxgkDdiRecommendFunctionalVidPn', 'DxgkDdiPresent', 'driver')).toBeNull();
    expect(rule('DxgkDdiRecommendFunctionalVidPn', 'DxgkDdiPresent', 'dispatcher')).toBe(Rule.levelExclusive);
  });
});

describe('exclusive reset', () => {
  it('nothing else of the miniport driver during DxgkDdiResetFromTimeout', () => {
    expect(rule('DxgkDdiResetFromTimeout', 'DxgkDdiPresent')).toBe(Rule.exclusiveReset);
    expect(rule('DxgkDdiSetPointerPosition', 'DxgkDdiResetFromTimeout')).toBe(Rule.exclusiveReset);
    expect(rule('DxgkDdiResetFromTimeout', 'DxgkDdiQueryAdapterInfo')).toBe(Rule.exclusiveReset);
    expect(rule('DxgkDdiResetFromTimeout', 'DxgkDdiResetFromTimeout')).toBe(Rule.exclusiveReset);
    expect(kindConflict(kind('DxgkDdiResetFromTimeout'), kind('DxgkDdiPresent'))?.message)
      .toBe('DxgkDdiPresent ran during DxgkDdiResetFromTimeout: nothing but the ISR, the DPC and the runtime power DDIs may be in the driver during a reset');
  });
  it('but the ISR, the DPC and the two runtime power DDIs', () => {
    expect(rule('DxgkDdiResetFromTimeout', { ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 })).toBeNull();
    expect(rule('DxgkDdiPowerRuntimeControlRequest', 'DxgkDdiResetFromTimeout')).toBeNull();
    expect(rule('DxgkDdiResetFromTimeout', 'DxgkDdiInterruptRoutine')).toBeNull();
    expect(rule('DxgkDdiDpcRoutine', 'DxgkDdiResetFromTimeout')).toBeNull();
  });
  it('a reset is its own rule: turning it off lifts the level-3 exclusion too', () => {
    expect(kindConflict(kind('DxgkDdiResetFromTimeout'), kind('DxgkDdiPresent'), new Set([Rule.exclusiveReset]))).toBeNull();
  });
});

describe('the display driver and the miniport driver are two drivers', () => {
  it('a display-driver call overlaps any miniport call, the reset included, even from one process', () => {
    expect(callConflict(call({ ddi: 'DrvBitBlt', pdev: 0 }, 0, true), call('DxgkDdiResetFromTimeout', 0))).toBeNull();
    expect(callConflict(call({ ddi: 'DrvBitBlt', pdev: 0 }, 0, true), call('DxgkDdiSetPowerState', 1))).toBeNull();
  });
});

describe('PDEV rules', () => {
  const blt = (pdev: number, process: number, enabled: boolean) => call({ ddi: 'DrvBitBlt', pdev }, process, enabled);
  it('one thread at a time with an enabled PDEV, across PDEVs', () => {
    expect(callConflict(blt(0, 0, true), blt(1, 1, true))?.rule).toBe(Rule.pdevSingleThread);
    expect(callConflict(blt(0, 0, true), blt(0, 1, true))?.rule).toBe(Rule.pdevSingleThread);
  });
  it('any number of threads with disabled PDEVs, beside one with an enabled PDEV', () => {
    const surf = (pdev: number, process: number) => call({ ddi: 'DrvDisableSurface', pdev }, process, false);
    expect(callConflict(blt(0, 0, true), surf(1, 1))).toBeNull();
    expect(callConflict(surf(1, 0), surf(2, 0))).toBeNull();
  });
  it('no call on a PDEV that DrvEnablePDEV or DrvDisablePDEV is creating or destroying', () => {
    const o = callConflict(call({ ddi: 'DrvDisablePDEV', pdev: 1 }, 0), call({ ddi: 'DdLock', pdev: 1 }, 1));
    expect(o?.rule).toBe(Rule.pdevLifecycle);
    expect(callConflict(call({ ddi: 'DrvDisablePDEV', pdev: 1 }, 0), call({ ddi: 'DdLock', pdev: 2 }, 1))).toBeNull();
  });
  it('DrvAssertMode counts as a call with an enabled PDEV while it enables one', () => {
    expect(withEnabledPdev(kind({ ddi: 'DrvAssertMode', pdev: 0, flags: { enable: true } }), 'disabled')).toBe(true);
    expect(withEnabledPdev(kind({ ddi: 'DrvAssertMode', pdev: 0, flags: { enable: false } }), 'disabled')).toBe(false);
    expect(withEnabledPdev(kind({ ddi: 'DrvAssertMode', pdev: 0, flags: { enable: false } }), 'enabled')).toBe(true);
    expect(withEnabledPdev(kind({ ddi: 'DdLock', pdev: 0 }), 'disabled')).toBe(false);
  });
  it('entry: only the listed functions on a disabled PDEV', () => {
    expect(pdevEntry(kind({ ddi: 'DrvBitBlt', pdev: 0 }), 'disabled', false)?.rule).toBe(Rule.pdevDisabledCall);
    expect(pdevEntry(kind({ ddi: 'DdLock', pdev: 0 }), 'disabled', false)).toBeNull();
    expect(pdevEntry(kind({ ddi: 'DrvBitBlt', pdev: 0 }), 'enabled', false)).toBeNull();
  });
  it('entry: at most one enabled PDEV per output', () => {
    const enable = kind({ ddi: 'DrvAssertMode', pdev: 1, flags: { enable: true } });
    expect(pdevEntry(enable, 'disabled', true)?.rule).toBe(Rule.pdevPerOutput);
    expect(pdevEntry(enable, 'disabled', false)).toBeNull();
  });
  it('entry: lifecycle (create once, use while it exists, destroy when disabled)', () => {
    expect(pdevEntry(kind({ ddi: 'DrvEnablePDEV', pdev: 0 }), 'none', false)).toBeNull();
    expect(pdevEntry(kind({ ddi: 'DrvEnablePDEV', pdev: 0 }), 'disabled', false)?.rule).toBe(Rule.pdevLifecycle);
    expect(pdevEntry(kind({ ddi: 'DdLock', pdev: 0 }), 'none', false)?.rule).toBe(Rule.pdevLifecycle);
    expect(pdevEntry(kind({ ddi: 'DrvDisablePDEV', pdev: 0 }), 'disabled', false)).toBeNull();
    expect(pdevEntry(kind({ ddi: 'DrvDisablePDEV', pdev: 0 }), 'enabled', false)?.rule).toBe(Rule.pdevLifecycle);
  });
  it('entry: an ignored rule does not hide another', () => {
    const blt3 = kind({ ddi: 'DrvBitBlt', pdev: 3 });
    expect(pdevEntry(blt3, 'disabled', false, new Set([Rule.pdevDisabledCall]))).toBeNull();
    const enable = kind({ ddi: 'DrvAssertMode', pdev: 1, flags: { enable: true } });
    expect(pdevEntry(enable, 'disabled', true, new Set([Rule.pdevPerOutput]))).toBeNull();
  });
});
