/**
 * The render miniport models of models/render/: every manifest entry (verdict,
 * property, shortest counterexample), and each bug's counterexample telling the
 * story a driver engineer would recognise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyModel, CheckResult, SystemView } from '../../src/index.js';
import type { RenderView } from '../../models/render/_render.js';
import { ctx, holdToManifest, loadFolder, reaches, stepNames, describeLibrary } from './manifest.js';
import { checkBoth } from '../support/check-both.js';

const FILES = ['render', 'render-cleanup-touches-gpu', 'render-lifo-completions', 'render-reset-forgets-fences', 'render-submit-waits-for-ring'];
const SCENARIOS = ['submit', 'scheduler', 'tdr', 'tdr-2-threads'];

let models: Map<string, AnyModel>;
beforeAll(async () => { models = await loadFolder('render'); });
const model = (f: string): AnyModel => models.get(f)!;

describeLibrary('render', 'render', FILES, SCENARIOS, () => models);

describe('models/render/render.ts: the scenarios reach what their bugs need (so holding is not vacuous)', () => {
  const at = (s: SystemView, c: string): string | null => ctx(s, c).at;
  it('submit: both DMA buffers of a thread wait in the overflow queue, the ring being full', () => {
    expect(reaches<RenderView>(model('render'), 'submit', (s) => s.g.overflow === 2)).toBe(true);
  });
  it('submit: the DPC feeds an overflowed DMA buffer into the ring', () => {
    expect(reaches<RenderView>(model('render'), 'submit', (s) => at(s, 'DPC_complete') === 'refill' && s.g.overflow > 0)).toBe(true);
  });
  it('submit: two completions reach the DPC in one flush', () => {
    expect(reaches<RenderView>(model('render'), 'submit', (s) => s.g.completions.count === 2)).toBe(true);
  });
  it('tdr: the reset runs with a DMA buffer in the overflow queue and a completion latched for the DPC', () => {
    expect(reaches<RenderView>(model('render'), 'tdr', (s) => at(s, 'TDR') === 'reset' && s.g.overflow > 0)).toBe(true);
    expect(reaches<RenderView>(model('render'), 'tdr', (s) => at(s, 'TDR') === 'reset' && s.g.completions.count > 0)).toBe(true);
  });
  it('tdr: a DMA buffer is submitted after the restart', () => {
    expect(reaches<RenderView>(model('render'), 'tdr', (s) => s.g.allocation === 'lost' && at(s, 'P0T0') === 'submit')).toBe(true);
  });
});

describe.each(FILES)('models/render/%s.ts: manifest', (file) => {
  it.each(SCENARIOS)('scenario %s', (scenario) => {
    const m = model(file);
    holdToManifest(m, scenario, m.expect![scenario]);
  });
});

describe('models/render: the counterexamples read as the bugs', () => {
  const cx = (file: string, scenario: string): CheckResult => holdToManifest(model(file), scenario, model(file).expect![scenario]);

  it('reset-forgets-fences: the GPU hangs on fence 1, the reset returns, and the cleanup finds fence 1 still outstanding', () => {
    const r = cx('render-reset-forgets-fences', 'tdr');
    expect(r.message).toBe('the TDR cleanup runs, yet the driver still counts fence 1 as outstanding: '
      + 'after DxgkDdiResetFromTimeout the OS considers every submitted fence completed, and no interrupt will ever complete them');
    const steps = stepNames(r);
    expect(steps).toContain('GPU hangs');
    expect(steps).toContain('DxgkDdiResetFromTimeout/drop queued work and latched completions');
    expect(steps.at(-1)).toBe('call DxgkDdiBuildPagingBuffer[#0, TransferSizeZero]');
  });

  it('lifo-completions: two fences complete before the DPC runs, and it reports them newest first', () => {
    const r = cx('render-lifo-completions', 'submit');
    expect(r.message).toBe('DPC_complete reports fence 1 completed after fence 2: fences complete in order');
    const steps = stepNames(r);
    expect(steps.filter((s) => s === 'device consumes dma')).toHaveLength(2);
    expect(steps.slice(-2)).toEqual(['complete/InterlockedFlushSList(completions)', 'complete/report the completed fences']);
  });

  it('submit-waits-for-ring: the GPU hangs with the ring full, and SubmitCommand waiting for room keeps TDR from draining', () => {
    const r = cx('render-submit-waits-for-ring', 'tdr');
    expect(r.message).toMatch(/P0T0 at DxgkDdiSubmitCommand\/waitForRing/);
    const steps = stepNames(r);
    // After the timeout the OS collects its debug report (beside the waiting SubmitCommand); the reset never starts.
    expect(steps.slice(-4)).toEqual(['GPU hangs', 'detect GPU timeout', 'call DxgkDdiCollectDbgInfo[TimeoutReason]', 'DxgkDdiCollectDbgInfo/returns']);
    expect(steps.filter((s) => s === 'DxgkDdiSubmitCommand/take the next fence; ring or overflow')).toHaveLength(2);
    expect(steps).not.toContain('call DxgkDdiResetFromTimeout');
  });

  it('cleanup-touches-gpu: the first cleanup call after the reset writes GPU registers', () => {
    const r = cx('render-cleanup-touches-gpu', 'tdr');
    expect(r.message).toBe('TDR invalidates the evicted allocation\'s GPU page-table entries during DxgkDdiBuildPagingBuffer[#0, TransferSizeZero], '
      + 'a TDR cleanup call: the GPU was just reset and the OS expects the driver to leave it alone');
    expect(stepNames(r).slice(-3)).toEqual([
      'DxgkDdiResetFromTimeout/drop queued work; every submitted fence counts as completed',
      'call DxgkDdiBuildPagingBuffer[#0, TransferSizeZero]',
      'DxgkDdiBuildPagingBuffer/build',
    ]);
  });
});

describe('models/render: the reference (immer) backend agrees with the fast one', () => {
  it.each([['render', 'tdr'], ['render-lifo-completions', 'tdr'], ['render-reset-forgets-fences', 'tdr'], ['render-submit-waits-for-ring', 'tdr'], ['render-cleanup-touches-gpu', 'tdr']])('%s, scenario %s', (file, scenario) => {
    checkBoth(model(file), { scenario });
  });
});
