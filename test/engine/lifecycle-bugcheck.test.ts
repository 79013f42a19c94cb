/**
 * Lifecycle and bugcheck scenarios on tiny models whose state spaces can be
 * counted by hand, on both backends; and the bad input of the two keys, each
 * message naming the model, the scenario and the key, and saying what to do.
 */
import { describe, expect, it } from 'vitest';
import { defineModel, t, type AnyModel, type Scenario } from '../../src/index.js';
import { compile } from '../../src/engine/system.js';
import { checkModelKeys } from '../../src/model/keys.js';
import { Coverage } from '../../src/fastcheck/coverage.js';
import { checkBoth } from '../support/check-both.js';

/** No DDI handled (each lifecycle and display-path call returns at once: one step), one worker of one step. */
const tiny = defineModel({
  name: 'tiny',
  global: { n: t.int(0, 1) },
  threads: { w: { steps: { a: (s) => { s.g.n = 1; return 'return'; } } } },
  scenarios: {
    'start-stop': { lifecycle: { start: true, stop: true } },
    removal: { lifecycle: { start: true, stop: true, surpriseRemoval: true } },
    halt: { workers: { w: 1 }, bugcheck: true },
    'halt-2': { workers: { w: 1 }, bugcheck: { writes: 2 } },
    'halt-started': { lifecycle: { start: true, stop: true }, bugcheck: true },
  },
});

describe('lifecycle scenarios, counted', () => {
  it('start then stop: a line of 5 states (call, return, call, return)', () => {
    const r = checkBoth(tiny, { scenario: 'start-stop' });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 5, 4, 4]);
    expect(r.bounds).toBe('PnP thread: DxgkDdiStartDevice first, DxgkDdiStopDevice last');
  });
  it('with the removal: the started state branches to the stop or to the removal then the stop: 9 states, 8 transitions', () => {
    const r = checkBoth(tiny, { scenario: 'removal' });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 9, 8, 6]);
    expect(r.bounds).toBe('PnP thread: DxgkDdiStartDevice first, a surprise removal, DxgkDdiStopDevice last');
  });
});

describe('bugcheck scenarios, counted', () => {
  // Per halt: the halted state; the enable called at 4 IRQLs; its 4 returns (the
  // entry IRQL stays recorded); the write called at 4 IRQLs (from each of the 4:
  // 16 transitions into 4 states); its 4 returns. 17 states, 28 transitions.
  it('one write: the worker before or after its step, halting from each: 2 + 2 x 17 = 36 states, 3 + 2 x 28 = 59 transitions', () => {
    const r = checkBoth(tiny, { scenario: 'halt' });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 36, 59, 6]);
    expect(r.bounds).toBe('1 w thread, the system may halt (bugcheck) at any point: DxgkDdiSystemDisplayEnable then 1 DxgkDdiSystemDisplayWrite, at every IRQL up to HIGH_LEVEL');
  });
  it('two writes: 8 more states and 20 more transitions per halt: 52 states, 99 transitions', () => {
    const r = checkBoth(tiny, { scenario: 'halt-2' });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 52, 99, 8]);
  });
  it('with a lifecycle, the halt comes only while the driver owns the display (started, or stopping): 5 + 2 x 17 = 39 states', () => {
    const r = checkBoth(tiny, { scenario: 'halt-started' });
    expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 39, 62, 8]);
  });
  it('the display path runs beside a call frozen in the driver, and no overlap rule objects', () => {
    const m: AnyModel = { ...tiny, ddis: { DxgkDdiStopDevice: { steps: { a: { next: 'b' }, b: { next: 'return' } } } }, scenarios: { s: { lifecycle: { stop: true }, bugcheck: true } } };
    const r = checkBoth(m, { scenario: 's' });
    expect(r.verdict).toBe('holds');
  });
});

describe('bad input', () => {
  const sc = (s: Partial<Scenario> | Record<string, unknown>): AnyModel => ({ ...tiny, scenarios: { bad: { workers: { w: 1 }, ...s } as Scenario } });
  /** The message's first line (the hint follows on the next). */
  const message = (m: AnyModel): string => { try { checkModelKeys(m, `model ${m.name}`); compile(m, 'bad'); return ''; } catch (e) { return (e as Error).message.split('\n')[0]; } };
  const hint = (m: AnyModel): string => { try { compile(m, 'bad'); return ''; } catch (e) { return (e as Error).message.split('\n')[1]?.trim() ?? ''; } };
  it('lifecycle: not an object, a non-boolean event, no event, an unknown key', () => {
    expect(message(sc({ lifecycle: true }))).toBe('model tiny, scenario bad: lifecycle: must be an object of events, got true');
    expect(message(sc({ lifecycle: { start: 'yes' } }))).toBe('model tiny, scenario bad: lifecycle.start: must be true or false, got "yes"');
    expect(message(sc({ lifecycle: {} }))).toBe('model tiny, scenario bad: lifecycle: names no event');
    expect(message(sc({ lifecycle: { strat: true } }))).toBe('model tiny: scenario bad: lifecycle: has unknown key "strat" (did you mean "start"?)');
    expect(hint(sc({ lifecycle: {} }))).toBe('write lifecycle: { start: true, stop: true } (and surpriseRemoval: true for DxgkDdiNotifySurpriseRemoval)');
  });
  it('bugcheck: not true or an object, writes out of range, an unknown key', () => {
    expect(message(sc({ bugcheck: 2 }))).toBe('model tiny, scenario bad: bugcheck: must be true or { writes: n }, got 2');
    expect(message(sc({ bugcheck: { writes: 0 } }))).toBe('model tiny, scenario bad: bugcheck.writes: must be an integer from 1 to 4, got 0');
    expect(message(sc({ bugcheck: { write: 2 } }))).toBe('model tiny: scenario bad: bugcheck: has unknown key "write" (did you mean "writes"?)');
    expect(hint(sc({ bugcheck: 2 }))).toBe('write bugcheck: true (one DxgkDdiSystemDisplayWrite) or bugcheck: { writes: 2 }');
  });
  it('a scenario call the OS makes itself there', () => {
    expect(message(sc({ calls: ['DxgkDdiStopDevice'], lifecycle: { stop: true } }))).toBe('model tiny, scenario bad: calls: names DxgkDdiStopDevice, which the PnP thread makes in a scenario with lifecycle');
    expect(message(sc({ calls: ['DxgkDdiSystemDisplayWrite'], bugcheck: true }))).toBe('model tiny, scenario bad: calls: names DxgkDdiSystemDisplayWrite, which the BUGCHECK context makes in a scenario with bugcheck');
    expect(hint(sc({ calls: ['DxgkDdiStopDevice'], lifecycle: { stop: true } }))).toBe("drop DxgkDdiStopDevice from the scenario's calls (the PnP thread calls it)");
  });
});

describe('random-run coverage of a bugcheck scenario', () => {
  it('lists the display path beside every call (the halt freezes them in the driver), excluded by no rule', () => {
    const m = { ...tiny, ddis: { DxgkDdiSetPowerState: { steps: { a: { next: 'return' } } }, DxgkDdiPresentDisplayOnly: { steps: { a: { next: 'return' } } } },
      scenarios: { s: { calls: ['DxgkDdiSetPowerState', 'DxgkDdiPresentDisplayOnly'], processes: 2, bugcheck: true } } } as AnyModel;
    const rows = new Coverage(compile(m, 's')).rows().map((r) => `${r.a} + ${r.b}: ${r.excludedBy}`);
    expect(rows).toContain('DxgkDdiSetPowerState + DxgkDdiSystemDisplayEnable: null');
    expect(rows).toContain('DxgkDdiPresentDisplayOnly + DxgkDdiSystemDisplayWrite: null');
    expect(rows).toContain('DxgkDdiSetPowerState + DxgkDdiPresentDisplayOnly: level-exclusive');
  });
});
