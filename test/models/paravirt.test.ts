/**
 * The paravirtual display driver models of models/paravirt/: every manifest
 * entry (verdict, property, shortest counterexample); each bug's counterexample
 * telling its story, the steps a driver engineer would look for, in order; and
 * the correct driver holding non-vacuously (its scenarios reach the situations
 * its twins get wrong).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyModel, CheckResult, SystemView } from '../../src/index.js';
import { ctx, holdToManifest, loadFolder, reaches, describeLibrary } from './manifest.js';

const FILES = ['viogpu', 'viogpu-display-info-in-dpc', 'viogpu-release-on-timeout', 'viogpu-teardown-without-flush', 'viogpu-vsync-rearms-after-stop'];
const SCENARIOS = ['power', 'stop', 'config'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('paravirt'); });
const model = (f: string): AnyModel => models.get(f)!;

/** "context step" of each step of a counterexample, the violating one last. */
const story = (r: CheckResult): string[] => r.counterexample!.steps.map((s) => `${s.context?.name ?? '-'} ${s.step}`);

/** True when `needles` occur in `hay` in this order (not necessarily adjacent). */
function inOrder(hay: readonly string[], needles: readonly string[]): boolean {
  let i = 0;
  for (const h of hay) if (i < needles.length && h === needles[i]) i++;
  return i === needles.length;
}

describeLibrary('paravirt', 'viogpu', FILES, SCENARIOS, () => models);

describe.concurrent('models/paravirt: every manifest entry', () => {
  for (const f of FILES) {
    for (const sc of SCENARIOS) {
      it(`${f} / ${sc}`, () => {
        const want = model(f).expect![sc];
        holdToManifest(model(f), sc, want);
      });
    }
  }
});

describe.concurrent('models/paravirt: each bug reads as itself', () => {
  it('teardown without flush: the DPC queued before power-down drains a freed ring', () => {
    const r = holdToManifest(model('viogpu-teardown-without-flush'), 'power', { verdict: 'violated', property: 'use-after-free' });
    const s = story(r);
    // The DPC runs (queued by the ISR) before the power-down and is still in its ring work when the queues go.
    expect(inOrder(s, [
      'ISR ISR/service',
      'DPC_dpc run DPC dpc',
      'P0T0 DxgkDdiSetPowerState/quiesce',
      'P0T0 DxgkDdiSetPowerState/deleteQueues',
    ]), s.join('\n')).toBe(true);
    expect(s.at(-1)).toMatch(/^DPC_dpc dpc\/(ctrl|complete)$/);
    expect(r.message).toMatch(/^DPC_dpc uses virtqueue #\d after it was freed$/);
  });

  it('vsync re-arm: the flushed DPC re-arms the timer, which fires after StopDevice freed its context', () => {
    const r = holdToManifest(model('viogpu-vsync-rearms-after-stop'), 'stop', { verdict: 'violated', property: 'use-after-free' });
    const s = story(r);
    expect(inOrder(s, [
      'P0T0 DxgkDdiStopDevice/vsyncOff',
      'P0T0 DxgkDdiStopDevice/cancel',
      'DPC_vsyncDpc vsyncDpc/tick',
      'P0T0 DxgkDdiStopDevice/flush',
      'P0T0 DxgkDdiStopDevice/freeVsync',
      '- timer vsync expires',
      'DPC_vsyncDpc vsyncDpc/tick',
    ]), s.join('\n')).toBe(true);
    expect(r.message).toBe('DPC_vsyncDpc uses vsync context #1 after it was freed');
  });

  it('release on timeout: the waiter gives the buffer back, the late completion touches it', () => {
    const r = holdToManifest(model('viogpu-release-on-timeout'), 'config', { verdict: 'violated', property: 'use-after-free' });
    const s = story(r);
    expect(inOrder(s, [
      'config0 config/queue',
      'config0 config/wait times out (1 s)',
      'config0 config/timedOut',
      '- device consumes ctrl[0]',
      'DPC_dpc dpc/ctrl',
      'DPC_dpc dpc/complete',
    ]), s.join('\n')).toBe(true);
    expect(s.at(-1)).toBe('DPC_dpc dpc/complete');
    expect(r.message).toMatch(/^DPC_dpc uses vbuf #\d after it was freed$/);
  });

  it('display info in the DPC: it sends GET_DISPLAY_INFO and waits at DISPATCH_LEVEL', () => {
    const r = holdToManifest(model('viogpu-display-info-in-dpc'), 'config', { verdict: 'violated', property: 'irql' });
    const s = story(r);
    expect(inOrder(s, ['DPC_dpc dpc/config', 'DPC_dpc dpc/ask', 'DPC_dpc dpc/queue', 'DPC_dpc dpc/wait for the response']), s.join('\n')).toBe(true);
    expect(s.at(-1)).toBe('DPC_dpc dpc/wait for the response');
    expect(r.counterexample!.steps.at(-1)!.context!.irql).toBe('DISPATCH_LEVEL');
    expect(r.message).toMatch(/^DPC_dpc waits on an event at DISPATCH_LEVEL/);
  });
});

type View = SystemView & { g: { hwInit: boolean; bufs: readonly { state: number }[]; vsyncCtx: readonly { enabled: boolean }[] } };

describe.concurrent('models/paravirt: the correct driver is put to the test', () => {
  it('power: the completion DPC still runs while SetPowerState is in the driver', () => {
    expect(reaches<View>(model('viogpu'), 'power', (s) => ctx(s, 'P0T0').call === 'DxgkDdiSetPowerState' && ctx(s, 'DPC_dpc').at !== null)).toBe(true);
  });

  it('stop: the vsync DPC runs while StopDevice is between turning vsync off and flushing', () => {
    expect(reaches<View>(model('viogpu'), 'stop', (s) => ctx(s, 'P0T0').call === 'DxgkDdiStopDevice' && ctx(s, 'P0T0').at === 'flush' && ctx(s, 'DPC_vsyncDpc').at !== null && !s.g.vsyncCtx[0].enabled)).toBe(true);
  });

  it('config: a timed-out request is abandoned to the DPC while the host still has it', () => {
    expect(reaches<View>(model('viogpu'), 'config', (s) => s.g.bufs.some((b) => b.state === 2) && ctx(s, 'config0').at === 'done')).toBe(true);
  });
});
