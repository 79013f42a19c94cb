/**
 * The virtio-gpu cursor models of models/paravirt/cursor/: every manifest entry;
 * the bug's counterexample telling its story; and the correct driver holding
 * non-vacuously (the host copies while a second shape is pending; StopDevice
 * resets the device with the interrupt sources off).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type AnyModel, type CheckResult, type SystemView } from '../../src/index.js';
import { ctx, describeLibrary, holdToManifest, loadFolder, reaches } from './manifest.js';

const FILES = ['viogpu-cursor', 'viogpu-cursor-overwrite'];
const SCENARIOS = ['shape', 'stop'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('paravirt/cursor'); });
const model = (f: string): AnyModel => models.get(f)!;
const story = (r: CheckResult): string[] => r.counterexample!.steps.map((s) => `${s.context?.name ?? '-'} ${s.step}`);

describeLibrary('paravirt/cursor', 'viogpu-cursor', FILES, SCENARIOS, () => models);

describe.concurrent('models/paravirt/cursor: every manifest entry', () => {
  for (const f of FILES) for (const sc of SCENARIOS) it(`${f} / ${sc}`, () => { holdToManifest(model(f), sc, model(f).expect![sc]); });
});

describe('models/paravirt/cursor: the figures', () => {
  it('exact state counts on both backends', () => {
    for (const backend of ['fast', 'immer'] as const) {
      const shape = check(model('viogpu-cursor'), { scenario: 'shape', backend });
      const stop = check(model('viogpu-cursor'), { scenario: 'stop', backend });
      expect([shape.stats.distinctStates, shape.stats.transitions, stop.stats.distinctStates, stop.stats.transitions], backend).toEqual([781, 1690, 112, 166]);
    }
  });
});

describe('models/paravirt/cursor: the bug reads as itself', () => {
  it('shape overwrite: the second shape is written while the host copies the first', () => {
    const r = holdToManifest(model('viogpu-cursor-overwrite'), 'shape', { verdict: 'violated', property: 'data-race' });
    expect(story(r)).toEqual([
      'P0T0 call DxgkDdiSetPointerShape', 'P0T0 DxgkDdiSetPointerShape/start', 'P0T0 DxgkDdiSetPointerShape/write',
      'P0T0 DxgkDdiSetPointerShape/transfer', 'P0T0 DxgkDdiSetPointerShape/update',
      'P0T0 call DxgkDdiSetPointerShape', 'P0T0 DxgkDdiSetPointerShape/start', 'DEVICE_ctrl device takes ctrl',
    ]);
    expect(r.message).toBe('P0T0 (DxgkDdiSetPointerShape/write) writes g.cursorBuf[0].image while DEVICE_ctrl (device ctrl/copy) reads it: both steps are enabled in the same state and nothing orders them');
  });
});

type View = SystemView & { g: { hwInit: boolean } };

describe.concurrent('models/paravirt/cursor: the correct driver is put to the test', () => {
  it('shape: the second call waits while the host copies the first shape', () => {
    expect(reaches<View>(model('viogpu-cursor'), 'shape', (s) => ctx(s, 'P0T0').at === 'wait' && ctx(s, 'DEVICE_ctrl').at === 'copy')).toBe(true);
  });
  it('shape: the cursor message (2) is served while the control queue\'s transfer is still with the host', () => {
    expect(reaches<View>(model('viogpu-cursor'), 'shape', (s) => ctx(s, 'ISR').at === 'service' && ctx(s, 'DEVICE_ctrl').at !== null)).toBe(true);
  });
  it('stop: StopDevice resets the device after a shape went through', () => {
    expect(reaches<View>(model('viogpu-cursor'), 'stop', (s) => ctx(s, 'P0T0').at === 'free' && s.adapter!.queues.ctrl.completed.length === 0)).toBe(true);
  });
});
