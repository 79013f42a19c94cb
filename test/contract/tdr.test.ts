// TDR in driver mode: a driver call that waits for the GPU while it may hang is
// a deadlock, reported with a trace that shows the hang, the detector and the
// debug report the OS collects before the reset; the same driver with a timeout
// goes through drain, reset, the cleanup calls (one BuildPagingBuffer per
// allocation, ReleaseSwizzlingRange, in any order: the TDR page fixes none) and
// restart; and the adapter rules that TDR brings: no GPU access in a cleanup
// call, no frame-buffer access by a driver thread while the reset runs.
import { describe, expect, it } from 'vitest';
import { check, defineModel, t, Rule, type AnyModel, type CheckResult, type Procedure, type Scope, type SystemView } from '../../src/index.js';
import { checkBoth } from '../support/check-both.js';

/** Codes of the TDR calls: the reset first, the cleanup calls (2, 3, 4) in any order, the restart last. */
const CODE: Record<string, number> = { DxgkDdiResetFromTimeout: 1, TransferSizeZero: 2, UnmapApertureSegment: 3, DxgkDdiReleaseSwizzlingRange: 4, DxgkDdiRestartFromTimeout: 5 };
const CLEANUP = ['DxgkDdiBuildPagingBuffer[#0, TransferSizeZero]', 'DxgkDdiBuildPagingBuffer[#1, UnmapApertureSegment]', 'DxgkDdiReleaseSwizzlingRange'];

interface Options {
  /** How DxgkDdiRender waits for its work: not at all, forever, or with a timeout (an alternative step). */
  wait: 'none' | 'forever' | 'timeout';
  /** The cleanup BuildPagingBuffer programs the paging engine anyway. */
  cleanupTouchesGpu?: boolean;
  /** A worker paints the frame buffer: after work was submitted (races the reset), or only before. */
  painter?: 'after-submit' | 'before-submit';
  /** DxgkDdiRestartFromTimeout fails a step assertion, so the counterexample is the whole TDR. */
  tripwire?: boolean;
  tdrs?: number;
}

const G = { log: t.ghost(t.array(5, t.int(0, 5))), n: t.ghost(t.int(0, 5)), submitted: t.interlocked(t.bool()) };

/** The TDR calls made so far: the reset, then each cleanup call once in any order, then the restart. */
function inOrder(s: SystemView<typeof G>): true | string {
  const log = [...s.g.log].slice(0, s.g.n);
  const bad = log.some((c, i) => (i === 0 ? c !== 1 : i < 4 ? c < 2 || c > 4 || log.indexOf(c) !== i : c !== 5));
  return !bad || `TDR calls out of order: ${log.join(', ')}`;
}

function tdrDriver(o: Options): AnyModel {
  const log = (code: number) => (s: Scope<typeof G>) => { s.g.log[s.g.n] = code; s.g.n++; };
  const render: Procedure<Scope<typeof G>> = {
    steps: {
      submit: (s, k) => { k.hw.submit('dma', 1); s.g.submitted = true; return o.wait === 'none' ? 'return' : 'wait'; },
      // Waits for the device to complete the work, and takes it off the used ring.
      wait: o.wait === 'forever'
        ? (_s, k) => { k.await(k.hw.pending('dma') === 0); k.hw.takeCompleted('dma'); return 'return'; }
        : [
          { name: 'completed', guard: (_s, k) => k.hw.pending('dma') === 0, do: (_s, k) => { k.hw.takeCompleted('dma'); }, next: 'return' },
          { name: 'timed out', next: 'return' },
        ],
    },
  };
  return defineModel({
    name: `tdr-${o.wait}`,
    global: G,
    adapter: { queues: { dma: { depth: 1, tokens: 1 } }, allocations: ['memory', 'aperture'] },
    ddis: {
      DxgkDdiRender: render,
      DxgkDdiResetFromTimeout: { steps: { reset: (s, k) => { log(CODE.DxgkDdiResetFromTimeout)(s); k.hw.frameBuffer('clears the frame buffer'); return 'return'; } } },
      DxgkDdiBuildPagingBuffer: {
        steps: {
          page: (s, k) => {
            const f = k.callInfo!.flags;
            log(f.TransferSizeZero ? CODE.TransferSizeZero : CODE.UnmapApertureSegment)(s);
            if (o.cleanupTouchesGpu) k.hw.register('programs the paging engine');
            return 'return';
          },
        },
      },
      DxgkDdiReleaseSwizzlingRange: { steps: { release: (s) => { log(CODE.DxgkDdiReleaseSwizzlingRange)(s); return 'return'; } } },
      DxgkDdiRestartFromTimeout: {
        steps: { restart: (s, k) => { log(CODE.DxgkDdiRestartFromTimeout)(s); k.assert(!o.tripwire, 'the adapter restarted', 'restarted'); return 'return'; } },
      },
    },
    threads: {
      painter: {
        steps: {
          paint: o.painter === 'before-submit'
            ? [{ name: 'paint', guard: (s) => !s.g.submitted, do: (_s, k) => { k.hw.frameBuffer(); }, next: 'return' }, { name: 'skip', guard: (s) => s.g.submitted, next: 'return' }]
            : { guard: (s) => s.g.submitted, do: (_s, k) => { k.hw.frameBuffer(); }, next: 'return' },
        },
      },
    },
    invariants: { 'TDR calls in order': inOrder },
    scenarios: { default: { processes: 1, calls: { DxgkDdiRender: 2 }, tdrs: o.tdrs ?? 1, workers: o.painter ? { painter: 1 } : {} } },
  });
}

const steps = (r: CheckResult): string[] => r.counterexample!.steps.map((s) => (s.context ? `${s.context.name} ${s.step}` : s.step));

describe('a driver call that waits on a GPU that hangs', () => {
  it('is a deadlock, with the hang and the TDR detector in the trace', () => {
    const r = check(tdrDriver({ wait: 'forever' }));
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('deadlock');
    expect(r.message).toBe('no context can move, yet P0T0 at DxgkDdiRender/wait has not finished; the GPU is hung and TDR is draining: DxgkDdiResetFromTimeout waits for every call in the driver to return');
    // The preemption request is optional ("typically"); the debug report is not, and it runs beside the Render (level 0).
    expect(steps(r)).toEqual(['P0T0 call DxgkDdiRender', 'P0T0 DxgkDdiRender/submit', 'GPU hangs', 'TDR detect GPU timeout',
      'TDR call DxgkDdiCollectDbgInfo[TimeoutReason]', 'TDR DxgkDdiCollectDbgInfo/returns']);
    const hang = r.counterexample!.steps[2];
    expect(hang.changes).toEqual(expect.arrayContaining([{ path: 'hw.hung', old: false, new: true }]));
    expect(r.counterexample!.steps[3].changes).toEqual([{ path: 'os.tdr', old: 'normal', new: 'draining' }]);
  });
  it('holds when the GPU never hangs', () => {
    expect(check(tdrDriver({ wait: 'forever', tdrs: 0 })).verdict).toBe('holds');
  });
});

describe('a driver call that waits with a timeout', () => {
  it('holds: drain, preamble, reset, cleanup in any order, restart (exact states, both backends agree)', () => {
    const r = checkBoth(tdrDriver({ wait: 'timeout' }));
    expect(r.verdict).toBe('holds');
    // 65 when the OS made the cleanup calls in one fixed order, with no preamble and no Render during the drain
    // or the cleanup period; the schedules the TDR page allows take it to 397.
    expect(r.stats.distinctStates).toBe(397);
  });
  it('goes through the whole TDR: the calls in the counterexample to the restart', () => {
    const r = check(tdrDriver({ wait: 'timeout', tripwire: true }));
    expect(r.property).toBe('restarted');
    const s = steps(r);
    expect(s.slice(0, 5)).toEqual(['P0T0 call DxgkDdiRender', 'P0T0 DxgkDdiRender/submit', 'P0T0 DxgkDdiRender/timed out', 'GPU hangs', 'TDR detect GPU timeout']);
    const calls = s.filter((x) => x.startsWith('TDR call ')).map((x) => x.slice('TDR call '.length));
    expect(calls.slice(0, 2)).toEqual(['DxgkDdiCollectDbgInfo[TimeoutReason]', 'DxgkDdiResetFromTimeout']);
    expect([...calls.slice(2, 5)].sort()).toEqual([...CLEANUP].sort());
    expect(calls.slice(5)).toEqual(['DxgkDdiRestartFromTimeout']);
    expect(s.at(-1)).toBe('TDR DxgkDdiRestartFromTimeout/restart');
  });
  it('a driver that does not wait at all also holds', () => {
    expect(check(tdrDriver({ wait: 'none' })).verdict).toBe('holds');
  });
});

describe('adapter rules during TDR', () => {
  it('gpu-access-in-tdr-cleanup: the cleanup BuildPagingBuffer programs the GPU', () => {
    const r = check(tdrDriver({ wait: 'timeout', cleanupTouchesGpu: true }));
    expect(r.property).toBe(Rule.gpuInCleanup);
    expect(r.message).toBe('TDR programs the paging engine during DxgkDdiBuildPagingBuffer[#0, TransferSizeZero], a TDR cleanup call: the GPU was just reset and the OS expects the driver to leave it alone');
  });
  it('frame-buffer-during-reset: a worker paints while the reset runs; the reset itself may', () => {
    const r = check(tdrDriver({ wait: 'timeout', painter: 'after-submit' }));
    expect(r.property).toBe(Rule.frameBufferDuringReset);
    expect(r.message).toBe('painter0 touches the frame buffer while TDR runs DxgkDdiResetFromTimeout');
    expect(steps(r).at(-2)).toBe('TDR call DxgkDdiResetFromTimeout');
  });
  it('holds when the worker paints only before the GPU has work', () => {
    expect(check(tdrDriver({ wait: 'timeout', painter: 'before-submit' })).verdict).toBe('holds');
  });
});
