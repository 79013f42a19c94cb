/**
 * The lifecycle models of models/lifecycle/: every manifest entry (verdict,
 * property, shortest counterexample) on both backends, the exact size of each
 * search, what the correct driver's scenarios reach (so holding is not
 * vacuous), and each bug's counterexample telling its story.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyModel, SystemView } from '../../src/index.js';
import { ctx, describeLibrary, holdToManifest, loadFolder, reaches } from './manifest.js';
import { checkBoth, stepNames } from '../support/check-both.js';

const FILES = ['bdd', 'bdd-removal-leaves-isr', 'bdd-stop-without-flush'];
const SCENARIOS = ['start-stop', 'removal'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('lifecycle'); });
const model = (f: string): AnyModel => models.get(f)!;
type G = { fb: number; vsync: number; gone: boolean; hwReady: boolean; queued: number };
const g = (s: SystemView): G => s.g as unknown as G;

describeLibrary('lifecycle', 'bdd', FILES, SCENARIOS, () => models);

describe.each(FILES)('models/lifecycle/%s.ts: manifest', (file) => {
  it.each(SCENARIOS)('scenario %s', (scenario) => { holdToManifest(model(file), scenario, model(file).expect![scenario]); });
});

describe('models/lifecycle/bdd.ts: sizes, both backends', () => {
  it.each([
    ['start-stop', 519, 1005, 29, 'PnP thread: DxgkDdiStartDevice first, DxgkDdiStopDevice last'],
    ['removal', 1098, 2255, 32, 'PnP thread: DxgkDdiStartDevice first, a surprise removal, DxgkDdiStopDevice last'],
  ] as const)('%s: %i states, %i transitions, depth %i', (scenario, states, transitions, depth, pnp) => {
    const r = checkBoth(model('bdd'), { scenario });
    expect(r.verdict).toBe('holds');
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([states, transitions, depth]);
    expect(r.bounds).toBe(`1 process x 1 thread, 1 call per thread, 1 presentWorker thread, 2 interrupts and 1 spurious (shared line), ${pnp}`);
  });
});

describe('models/lifecycle/bdd.ts: the scenarios reach what the bugs need', () => {
  it('start-stop: the present comes only after StartDevice returned, and StopDevice runs with a flip DPC queued', () => {
    expect(reaches(model('bdd'), 'start-stop', (s) => ctx(s, 'P0T0').call === 'DxgkDdiPresentDisplayOnly' && ctx(s, 'PnP').call === null && g(s).fb !== 0)).toBe(true);
    expect(reaches(model('bdd'), 'start-stop', (s) => ctx(s, 'PnP').at === 'flush' && s.kernel.dpcs.vsync.queued)).toBe(true);
  });
  it('start-stop: the ISR is called while StartDevice runs (a shared line), before interrupts are enabled', () => {
    expect(reaches(model('bdd'), 'start-stop', (s) => ctx(s, 'PnP').call === 'DxgkDdiStartDevice' && ctx(s, 'ISR').at !== null && !g(s).hwReady)).toBe(true);
  });
  it('removal: the device vanishes while the worker blts, and StopDevice still follows', () => {
    expect(reaches(model('bdd'), 'removal', (s) => ctx(s, 'PnP').call === 'DxgkDdiNotifySurpriseRemoval' && ctx(s, 'presentWorker0').at === 'flip')).toBe(true);
    expect(reaches(model('bdd'), 'removal', (s) => g(s).gone && ctx(s, 'PnP').call === 'DxgkDdiStopDevice')).toBe(true);
  });
  it('never: a present before StartDevice returned, or after StopDevice returned', () => {
    expect(reaches(model('bdd'), 'start-stop', (s) => ctx(s, 'P0T0').call !== null && g(s).fb === 0 && ctx(s, 'PnP').call !== 'DxgkDdiStopDevice')).toBe(false);
    expect(reaches(model('bdd'), 'removal', (s) => ctx(s, 'P0T0').call !== null && g(s).fb === 0 && ctx(s, 'presentWorker0').at === 'done')).toBe(false);
  });
});

describe('models/lifecycle: the counterexamples read as the bugs', () => {
  it('stop-without-flush: the DPC the last interrupt queued runs while StopDevice frees its context', () => {
    const r = checkBoth(model('bdd-stop-without-flush'), { scenario: 'start-stop' });
    expect(r.message).toBe('PnP (DxgkDdiStopDevice/free) writes g.vsync while DPC_vsync (vsync/report) reads it: both steps are enabled in the same state and nothing orders them');
    const steps = stepNames(r);
    expect(steps.slice(0, 4)).toEqual(['PnP call DxgkDdiStartDevice', 'PnP DxgkDdiStartDevice/map the frame buffer, allocate the vsync context',
      'PnP DxgkDdiStartDevice/enable interrupts', 'PnP DxgkDdiStartDevice/create the present worker']);
    expect(steps.slice(-3)).toEqual(['ISR ISR/ack', 'PnP DxgkDdiStopDevice/quiesce', 'DPC_vsync run DPC vsync']);
    expect(steps).toHaveLength(22);
  });
  it('removal-leaves-isr: a shared-line ISR call reads the status of the removed device', () => {
    const r = checkBoth(model('bdd-removal-leaves-isr'), { scenario: 'removal' });
    expect(r.message).toBe('ISR acknowledges an interrupt after DxgkDdiNotifySurpriseRemoval returned: the device is gone, and the driver must not touch it');
    expect(stepNames(r)).toEqual([
      'PnP call DxgkDdiStartDevice', 'PnP DxgkDdiStartDevice/map the frame buffer, allocate the vsync context', 'PnP DxgkDdiStartDevice/enable interrupts',
      'PnP DxgkDdiStartDevice/create the present worker', 'PnP call DxgkDdiNotifySurpriseRemoval', 'PnP DxgkDdiNotifySurpriseRemoval/note the device is gone',
      'ISR spurious interrupt (shared line)', 'ISR ISR/ack',
    ]);
  });
});
