/**
 * The display-only driver models of models/kmdod/: every manifest entry (verdict,
 * property, shortest counterexample), and each bug's counterexample telling the
 * story a driver engineer would recognise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyModel, CheckResult, SystemView } from '../../src/index.js';
import type { KmdodView } from '../../models/kmdod/_kmdod.js';
import { ctx, holdToManifest, loadFolder, reaches, stepNames, describeLibrary } from './manifest.js';
import { checkBoth } from '../support/check-both.js';

const FILES = ['kmdod', 'kmdod-commit-during-blt', 'kmdod-dpc-after-power-down', 'kmdod-unlocked-pointer', 'kmdod-wait-under-lock'];
const SCENARIOS = ['present', 'power', 'mode', 'pointer'];

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
  it.each([['kmdod', 'power'], ['kmdod', 'mode'], ['kmdod-dpc-after-power-down', 'power'], ['kmdod-commit-during-blt', 'mode'], ['kmdod-wait-under-lock', 'present']])('%s, scenario %s', (file, scenario) => {
    checkBoth(model(file), { scenario });
  });
});
