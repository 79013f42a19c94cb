// The PnP thread's script and the lifecycle start rule, as functions: which
// lifecycle call may come next, how the phase moves, when the ISR is connected,
// and which calls the rule refuses in each phase (with the rule and its message).
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../contract/index.js';
import { bindCalls, type CallKind } from './calls.js';
import { Rule, lifecycleEntry } from './rules.js';
import {
  LIFECYCLE_PHASES, initialPhase, interruptConnected, lifecycleRole, phaseOnEnter, phaseOnLeave, pnpAllows, type LifecycleScript,
} from './lifecycle.js';

const cat = defaultCatalog();
const kind = (ddi: string): CallKind => bindCalls([ddi], cat, 'driver', 'test')[0];
// Kinds 0, 1, 2: start, removal, stop; 3: an ordinary call.
const full: LifecycleScript = { start: 0, removal: 1, stop: 2 };

describe('the PnP thread script', () => {
  it('starts first, then may report the removal once, then stops', () => {
    expect(pnpAllows(full, 'unstarted', false, 0)).toBe(true);
    expect(pnpAllows(full, 'unstarted', false, 2)).toBe(false);
    expect(pnpAllows(full, 'starting', false, 1)).toBe(false);
    expect(pnpAllows(full, 'started', false, 1)).toBe(true);
    expect(pnpAllows(full, 'started', true, 1)).toBe(false);
    expect(pnpAllows(full, 'started', true, 2)).toBe(true);
    expect(pnpAllows(full, 'stopping', true, 2)).toBe(false);
    expect(pnpAllows(full, 'started', false, 3)).toBe(false);
  });
  it('moves the phase on entry and return; other calls leave it alone', () => {
    expect(phaseOnEnter(full, 'unstarted', 0)).toBe('starting');
    expect(phaseOnLeave(full, 'starting', 0)).toBe('started');
    expect(phaseOnEnter(full, 'started', 1)).toBe('started');
    expect(phaseOnEnter(full, 'started', 2)).toBe('stopping');
    expect(phaseOnLeave(full, 'stopping', 2)).toBe('stopped');
    expect(phaseOnEnter(full, 'started', 3)).toBe('started');
  });
  it('without start the device begins started; roles by kind', () => {
    expect(initialPhase({ start: -1, removal: -1, stop: 0 })).toBe('started');
    expect(initialPhase(full)).toBe('unstarted');
    expect([0, 1, 2, 3].map((k) => lifecycleRole(full, k))).toEqual(['start', 'removal', 'stop', null]);
  });
  it('the interrupt is connected from StartDevice entry to StopDevice return', () => {
    expect(LIFECYCLE_PHASES.filter(interruptConnected)).toEqual(['starting', 'started', 'stopping']);
  });
});

describe('the lifecycle start rule', () => {
  const present = kind('DxgkDdiPresentDisplayOnly');
  const collect = kind('DxgkDdiCollectDiagnosticInfo');
  it('refuses an ordinary call before StartDevice returned, but for CollectDiagnosticInfo', () => {
    for (const phase of ['unstarted', 'starting'] as const) {
      const o = lifecycleEntry(present, null, { phase, removed: false });
      expect(o?.rule).toBe(Rule.deviceLifecycle);
      expect(o?.message).toBe('DxgkDdiPresentDisplayOnly was called before DxgkDdiStartDevice returned: nothing but DxgkDdiCollectDiagnosticInfo may come before the adapter is started');
      expect(lifecycleEntry(collect, null, { phase, removed: false })).toBeNull();
    }
  });
  it('admits ordinary calls on a started device, removed or not', () => {
    expect(lifecycleEntry(present, null, { phase: 'started', removed: false })).toBeNull();
    expect(lifecycleEntry(present, null, { phase: 'started', removed: true })).toBeNull();
  });
  it('refuses every call once StopDevice began', () => {
    expect(lifecycleEntry(present, null, { phase: 'stopping', removed: false })?.message).toBe('DxgkDdiPresentDisplayOnly was called after DxgkDdiStopDevice began: the OS makes no call into a stopped device');
    expect(lifecycleEntry(collect, null, { phase: 'stopped', removed: false })?.message).toBe('DxgkDdiCollectDiagnosticInfo was called after DxgkDdiStopDevice returned: the OS makes no call into a stopped device');
  });
  it('holds the lifecycle calls themselves to their order', () => {
    const start = kind('DxgkDdiStartDevice');
    const stop = kind('DxgkDdiStopDevice');
    const removal = kind('DxgkDdiNotifySurpriseRemoval');
    expect(lifecycleEntry(start, 'start', { phase: 'unstarted', removed: false })).toBeNull();
    expect(lifecycleEntry(start, 'start', { phase: 'started', removed: false })?.message).toBe('DxgkDdiStartDevice was called on a device that was already started');
    expect(lifecycleEntry(stop, 'stop', { phase: 'starting', removed: false })?.message).toBe('DxgkDdiStopDevice was called while the device was starting');
    expect(lifecycleEntry(removal, 'removal', { phase: 'started', removed: true })?.message).toBe('DxgkDdiNotifySurpriseRemoval was called twice');
    expect(lifecycleEntry(removal, 'removal', { phase: 'unstarted', removed: false })?.message).toBe('DxgkDdiNotifySurpriseRemoval was called while the device was unstarted');
  });
});
