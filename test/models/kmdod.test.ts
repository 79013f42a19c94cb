/**
 * The display-only driver models of models/kmdod/: every manifest entry (verdict,
 * property, shortest counterexample), and each bug's counterexample telling the
 * story a driver engineer would recognise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type AnyModel, type CheckResult, type SystemView } from '../../src/index.js';
import type { KmdodView } from '../../models/kmdod/_kmdod.js';
import { ctx, holdToManifest, loadFolder, reaches, stepNames, describeLibrary } from './manifest.js';
import { checkBoth } from '../support/check-both.js';

const FILES = ['kmdod', 'kmdod-commit-during-blt', 'kmdod-display-write-lock', 'kmdod-dpc-after-power-down', 'kmdod-unlocked-pointer', 'kmdod-wait-under-lock'];
const SCENARIOS = ['present', 'power', 'mode', 'pointer', 'bugcheck'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('kmdod'); });
const model = (f: string): AnyModel => models.get(f)!;

describeLibrary('kmdod', 'kmdod', FILES, SCENARIOS, () => models);

describe('models/kmdod/kmdod.ts: the scenarios reach what their bugs need (so holding is not vacuous)', () => {
  const at = (s: SystemView, c: string): string | null => ctx(s, c).at;
  it('power: SetPowerState starts draining with a present still queued', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'power', (s) => at(s, 'P0T0') === 'drain' && s.g.queued === 1)).toBe(true);
  });
  it('power: SetPowerState flushes while the vblank DPC is still to load the cursor', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'power', (s) => at(s, 'P0T0') === 'flush' && at(s, 'DPC_vblank') === 'cursor')).toBe(true);
  });
  it('power: a present comes after the power-down and is dropped', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'power', (s) => s.g.adapterPower === 'D3' && s.g.presented === 2 && s.g.queued === 0 && at(s, 'presentWorker0') === 'done')).toBe(true);
  });
  it('mode: CommitVidPn waits while the worker blts', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'mode', (s) => at(s, 'P0T0') === 'drain' && at(s, 'presentWorker0') === 'blt')).toBe(true);
  });
  it('bugcheck: the system halts while the worker holds queueLock, and the display path still writes the screen at HIGH_LEVEL', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'bugcheck', (s) => s.kernel.owner(s.g.queueLock) === 'presentWorker0'
      && ctx(s, 'BUGCHECK').call === 'DxgkDdiSystemDisplayWrite' && ctx(s, 'BUGCHECK').irql === 15 && s.g.systemFb !== 0)).toBe(true);
  });
  it('bugcheck: holds in 6,344 states, 12,443 transitions, depth 30, within bounds that name the halt', () => {
    const r = check(model('kmdod'), { scenario: 'bugcheck' });
    expect(r.verdict).toBe('holds');
    expect(r.bounds).toBe('1 process x 1 thread, calls DxgkDdiPresentDisplayOnly x1, 1 presentWorker thread, 2 interrupts and 1 spurious (shared line), '
      + 'the system may halt (bugcheck) at any point: DxgkDdiSystemDisplayEnable then 2 DxgkDdiSystemDisplayWrites, at every IRQL up to HIGH_LEVEL');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([6344, 12443, 30]);
  });
  describe('a halt after a power-down (a scenario of this test only: see _kmdod.ts on why the library keeps it out)', () => {
    const powered = (): AnyModel => ({ ...model('kmdod'), scenarios: { ...model('kmdod').scenarios,
      'power-halt': { calls: { DxgkDdiPresentDisplayOnly: 1, DxgkDdiSetPowerState: 1 }, workers: { presentWorker: 1 }, interrupts: 2, bugcheck: { writes: 2 } } } });
    it('SystemDisplayEnable fails in D3 (no display to power on), and the writes touch nothing', () => {
      expect(reaches<KmdodView>(powered(), 'power-halt', (s) => s.g.adapterPower === 'D3' && ctx(s, 'BUGCHECK').call === 'DxgkDdiSystemDisplayWrite' && s.g.systemFb === 0)).toBe(true);
    });
    it('holds: 25,636 states, 50,636 transitions, depth 36', () => {
      const r = check(powered(), { scenario: 'power-halt' });
      expect([r.verdict, r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(['holds', 25636, 50636, 36]);
    });
  });
  it('pointer: the vblank DPC is about to load the cursor while a pointer call is in the driver', () => {
    expect(reaches<KmdodView>(model('kmdod'), 'pointer', (s) => at(s, 'DPC_vblank') === 'cursor' && (at(s, 'P0T0') === 'move' || at(s, 'P1T0') === 'move'))).toBe(true);
  });
});

describe.each(FILES)('models/kmdod/%s.ts: manifest', (file) => {
  it.each(SCENARIOS)('scenario %s', (scenario) => {
    const m = model(file);
    holdToManifest(m, scenario, m.expect![scenario]);
  });
});

describe('models/kmdod: the counterexamples read as the bugs', () => {
  const cx = (file: string, scenario: string): CheckResult => holdToManifest(model(file), scenario, model(file).expect![scenario]);

  it('dpc-after-power-down: the adapter goes to D3 without a DPC flush, then the queued vblank DPC loads the cursor registers', () => {
    const r = cx('kmdod-dpc-after-power-down', 'power');
    expect(r.message).toMatch(/^DPC_vblank loads the hardware cursor registers .* while the adapter is in D3 \(powered down\)$/);
    const steps = stepNames(r);
    expect(steps.at(-1)).toBe('vblank/load the cursor registers');
    const off = steps.indexOf('DxgkDdiSetPowerState/power the adapter down (D3)');
    expect(off).toBeGreaterThan(steps.indexOf('DxgkDdiSetPowerState/disable the vblank interrupt'));
    expect(off).toBeGreaterThan(steps.indexOf('vblank/report the present complete, wake the worker'));
    expect(steps).not.toContain('DxgkDdiSetPowerState/KeFlushQueuedDpcs');
  });

  it('wait-under-lock: the worker finds the queue empty and waits for a present at DISPATCH_LEVEL', () => {
    const r = cx('kmdod-wait-under-lock', 'present');
    expect(r.message).toBe('presentWorker0 waits on an event at DISPATCH_LEVEL; a wait requires IRQL < DISPATCH_LEVEL');
    expect(stepNames(r)).toEqual([
      'presentWorker/start: map the frame buffer, enable interrupts', 'presentWorker/acquire queueLock', 'presentWorker/take', 'presentWorker/wait for a present',
    ]);
  });

  it('commit-during-blt: CommitVidPn swaps the mapping after the worker took the old one, and the worker blts into it', () => {
    const r = cx('kmdod-commit-during-blt', 'mode');
    expect(r.message).toBe('presentWorker0 uses frame buffer mapping #1 after it was freed');
    const steps = stepNames(r);
    expect(steps.at(-1)).toBe('presentWorker/blt');
    expect(steps.indexOf('presentWorker/take')).toBeLessThan(steps.indexOf('DxgkDdiCommitVidPn/map the new frame buffer, unmap the old'));
    expect(steps).not.toContain('DxgkDdiCommitVidPn/wait for the present worker to go idle');
  });

  it('display-write-lock: after the halt, SystemDisplayWrite called at DIRQL takes a spin lock', () => {
    const r = cx('kmdod-display-write-lock', 'bugcheck');
    expect(r.message).toBe('BUGCHECK acquires a spin lock at DIRQL; KeAcquireSpinLock requires IRQL <= DISPATCH_LEVEL');
    expect(r.counterexample!.steps.map((x) => x.step)).toEqual([
      'the system halts (bugcheck)', 'call DxgkDdiSystemDisplayEnable at PASSIVE_LEVEL', 'DxgkDdiSystemDisplayEnable/pick the current mode of the target',
      'call DxgkDdiSystemDisplayWrite at DIRQL', 'DxgkDdiSystemDisplayWrite/acquire queueLock (for the mapping)',
    ]);
    expect(r.stats.distinctStates).toBe(202);
  });

  it('display-write-lock, entered at PASSIVE_LEVEL only: a deadlock on the lock the frozen worker holds, named', () => {
    const bad = model('kmdod-display-write-lock');
    const write = bad.ddis!.DxgkDdiSystemDisplayWrite;
    const low = { ...bad, ddis: { ...bad.ddis, DxgkDdiSystemDisplayWrite: { ...write, irql: { level: 'PASSIVE_LEVEL' as const, because: 'to show the deadlock', source: 'nc-dispmprt-dxgkddi_system_display_write.md' } } } };
    const r = check(low, { scenario: 'bugcheck' });
    expect([r.verdict, r.property]).toEqual(['violated', 'deadlock']);
    expect(r.message).toBe('no context can move, yet BUGCHECK at DxgkDdiSystemDisplayWrite/lock has not finished; the system halted (bugcheck) and every other context is frozen: '
      + 'g.queueLock is held by presentWorker0, frozen at presentWorker/take');
    expect(stepNames(r)).toEqual([
      'presentWorker/start: map the frame buffer, enable interrupts', 'presentWorker/acquire queueLock', 'the system halts (bugcheck)',
      'call DxgkDdiSystemDisplayEnable at PASSIVE_LEVEL', 'DxgkDdiSystemDisplayEnable/pick the current mode of the target', 'call DxgkDdiSystemDisplayWrite',
    ]);
  });

  it('unlocked-pointer: SetPointerPosition writes the cursor while the vblank DPC loads it', () => {
    const r = cx('kmdod-unlocked-pointer', 'pointer');
    const race = r.counterexample!.race!;
    expect(race.location).toBe('g.cursor.x');
    expect(race.steps[0]).toMatch(/DxgkDdiSetPointerPosition\/move$/);
    expect(race.steps[1]).toMatch(/vblank\/load the cursor registers$/);
    expect(r.message).toMatch(/^P\dT0 \(DxgkDdiSetPointerPosition\/move\) writes g\.cursor\.x while DPC_vblank \(vblank\/load the cursor registers\) reads it/);
  });
});

describe('models/kmdod: the reference (immer) backend agrees with the fast one', () => {
  it.each([['kmdod', 'power'], ['kmdod', 'mode'], ['kmdod-dpc-after-power-down', 'power'], ['kmdod-commit-during-blt', 'mode'], ['kmdod-wait-under-lock', 'present'], ['kmdod-display-write-lock', 'bugcheck']])('%s, scenario %s', (file, scenario) => {
    checkBoth(model(file), { scenario });
  });
});
