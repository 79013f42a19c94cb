// Properties over random small scenarios (fast-check):
//
// 1. Driver mode sees only contract-legal schedules: whatever calls the scenario
//    names (levels 0-3, classes, child I/O, runtime power, the reset, PDEV calls
//    that create, enable, disable and destroy PDEVs, a GPU that may hang), a
//    driver whose handlers do nothing of note is never flagged by a monitor.
// 2. The monitors see every conflict: with a dispatcher that does no locking,
//    conformance mode violates each rule exactly when the scenario's calls can
//    conflict that way (decided here from the resolved catalog rules, not from
//    rules.ts), with every other rule turned off.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check, Rule, type CallSpec, type Scenario } from '../../src/index.js';
import { defaultCatalog } from '../../src/contract/index.js';
import { bindCalls, type CallKind } from '../../src/os/calls.js';
import { conformance, driver } from './_models.js';

const CONTRACT_RULES: readonly string[] = Object.values(Rule);

/** Miniport calls: every level, every level-1 class, child I/O per child, per-instance and conditional rows. */
const MINIPORT: readonly CallSpec[] = [
  'DxgkDdiPresent', 'DxgkDdiCreateAllocation', 'DxgkDdiQueryAdapterInfo',
  'DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape', 'DxgkDdiSetTargetGamma', 'DxgkDdiSubmitCommand', 'DxgkDdiFlipOverlay',
  'DxgkDdiAcquireSwizzlingRange', 'DxgkDdiSetRootPageTable',
  { ddi: 'DxgkDdiQueryChildStatus', child: 0 }, { ddi: 'DxgkDdiQueryChildStatus', child: 1 }, { ddi: 'DxgkDdiI2CTransmitDataToDisplay', child: 1 },
  'DxgkDdiCommitVidPn', 'DxgkDdiSetVidPnSourceVisibility', { ddi: 'DxgkDdiEscape', flags: { HardwareAccess: true } }, { ddi: 'DxgkDdiEscape', flags: { HardwareAccess: false } },
  'DxgkDdiSetPowerState', 'DxgkDdiQueryChildRelations', 'DxgkDdiStopDevice',
  { ddi: 'DxgkDdiSetPowerComponentFState', instance: 0 }, { ddi: 'DxgkDdiSetPowerComponentFState', instance: 1 }, 'DxgkDdiPowerRuntimeControlRequest',
  'DxgkDdiResetFromTimeout', 'DxgkDdiRestartFromTimeout', 'DxgkDdiBuildPagingBuffer',
  { ddi: 'DxgkDdiBuildPagingBuffer', instance: 0, flags: { TransferSizeZero: true } },
];
/** Extra rows for driver mode only: conflicting facts, resolved by the policy. */
const CONFLICTED: readonly CallSpec[] = ['DxgkDdiRecommendFunctionalVidPn', 'DxgkDdiMiracastCreateContext', { ddi: 'DxgkDdiMiracastIoControl', flags: { HardwareAccess: true } }];
/** Display-driver calls on a PDEV that do not change its state. */
const DISPLAY_STATIC = ['DrvBitBlt', 'DdLock', 'DrvDisableSurface'] as const;
/** Display-driver calls that create, enable, disable or destroy a PDEV. */
const pdevLifecycle = (pdev: number): CallSpec[] => [
  { ddi: 'DrvEnablePDEV', pdev }, { ddi: 'DrvAssertMode', pdev, flags: { enable: true } },
  { ddi: 'DrvAssertMode', pdev, flags: { enable: false } }, { ddi: 'DrvDisablePDEV', pdev },
];

type PdevState = 'none' | 'disabled' | 'enabled';
interface Shape {
  processes: number; threadsPerProcess: number; callsPerThread: number;
  calls: CallSpec[]; pdevs: number; outputs: number; pdevStart: PdevState[];
}

/** Threads x calls per thread stays at 4 or less, so every check is small. */
const sizes = fc.constantFrom(
  { processes: 1, threadsPerProcess: 1, callsPerThread: 1 }, { processes: 1, threadsPerProcess: 1, callsPerThread: 2 },
  { processes: 1, threadsPerProcess: 2, callsPerThread: 1 }, { processes: 1, threadsPerProcess: 2, callsPerThread: 2 },
  { processes: 2, threadsPerProcess: 1, callsPerThread: 1 }, { processes: 2, threadsPerProcess: 1, callsPerThread: 2 },
  { processes: 2, threadsPerProcess: 2, callsPerThread: 1 }, { processes: 3, threadsPerProcess: 1, callsPerThread: 1 },
);

/** Initial PDEV states with at most one enabled PDEV per output (PDEV i is on output i mod outputs). */
function validStart(start: PdevState[], outputs: number): PdevState[] {
  const seen = new Set<number>();
  return start.map((st, i) => {
    if (st !== 'enabled') return st;
    if (seen.has(i % outputs)) return 'disabled';
    seen.add(i % outputs);
    return st;
  });
}

function shape(pool: readonly CallSpec[], lifecycle: boolean, perOutputValid: boolean): fc.Arbitrary<Shape> {
  return fc.record({
    size: sizes,
    miniport: fc.subarray([...pool], { minLength: 0, maxLength: 4 }),
    display: fc.subarray([0, 1].flatMap((p) => [...DISPLAY_STATIC.map((d): CallSpec => ({ ddi: d, pdev: p })), ...(lifecycle ? pdevLifecycle(p) : [])]), { minLength: 0, maxLength: 3 }),
    outputs: fc.integer({ min: 1, max: 2 }),
    start: fc.array(fc.constantFrom<PdevState>('none', 'disabled', 'enabled'), { minLength: 2, maxLength: 2 }),
  }).filter((r) => r.miniport.length + r.display.length > 0).map((r) => {
    const pdevs = r.display.length > 0 ? 2 : 0;
    const start = pdevs > 0 ? (perOutputValid ? validStart(r.start, r.outputs) : r.start) : [];
    return { ...r.size, calls: [...r.miniport, ...r.display], pdevs, outputs: r.outputs, pdevStart: start };
  });
}

const scenarioOf = (s: Shape): Scenario => ({
  processes: s.processes, threadsPerProcess: s.threadsPerProcess, callsPerThread: s.callsPerThread, calls: s.calls,
  ...(s.pdevs > 0 ? { pdevs: s.pdevs, outputs: s.outputs, pdevStart: s.pdevStart } : {}),
});

describe('driver mode sees only contract-legal schedules', () => {
  it('no monitor ever objects to a schedule the OS environment generates', () => {
    const arb = fc.record({ s: shape([...MINIPORT, ...CONFLICTED], true, true), steps: fc.constantFrom<1 | 2>(1, 2), tdr: fc.boolean() });
    fc.assert(fc.property(arb, ({ s, steps, tdr }) => {
      const sc: Scenario = { ...scenarioOf(s), ...(tdr ? { tdrs: 1, calls: [...s.calls, 'DxgkDdiRender'] } : {}) };
      const m = driver('random-driver', sc, {
        handlerSteps: steps,
        ...(tdr ? {
          adapter: { queues: { dma: { depth: 1, tokens: 1 } }, allocations: ['memory', 'aperture'] },
          ddis: { DxgkDdiRender: { steps: { submit: (_s, k) => { k.hw.submit('dma', 1); return 'return'; } } } },
        } : {}),
      });
      const r = check(m, { maxStates: 200_000 });
      expect(r.verdict, `${r.property}: ${r.message}\n${JSON.stringify(sc)}`).toBe('holds');
    }), { numRuns: 60, seed: 20261123 });
  });
});

/** What the free dispatcher can break, decided from the kinds' resolved rules. */
function canBreak(rule: string, s: Shape, kinds: readonly CallKind[]): boolean {
  const threads = s.processes * s.threadsPerProcess;
  const miniport = kinds.filter((k) => k.entry.family !== 'display-driver' && k.entry.family !== 'interrupt');
  const display = kinds.filter((k) => k.entry.family === 'display-driver');
  const reset = (k: CallKind): boolean => k.ddi === 'DxgkDdiResetFromTimeout';
  switch (rule) {
    // Every kind below conflicts with itself, and any two threads may pick the same kind.
    case Rule.sameProcess: return s.threadsPerProcess >= 2 && miniport.length > 0;
    case Rule.classExclusion: return threads >= 2 && miniport.some((k) => !reset(k) && k.rule.level === 1);
    case Rule.instanceExclusion: return threads >= 2 && miniport.some((k) => !reset(k) && k.rule.level !== null && k.rule.level <= 1 && k.rule.perInstance !== undefined);
    case Rule.levelExclusive: return threads >= 2 && miniport.some((k) => !reset(k) && (k.rule.level ?? 0) >= 2);
    case Rule.exclusiveReset: return threads >= 2 && miniport.some(reset);
    case Rule.tdrOrder: return miniport.some((k) => k.ddi === 'DxgkDdiRestartFromTimeout' || k.flags.TransferSizeZero === true);
    case Rule.pdevSingleThread: return threads >= 2 && display.some((k) => s.pdevStart[k.pdev] === 'enabled');
    case Rule.pdevDisabledCall: return display.some((k) => s.pdevStart[k.pdev] === 'disabled' && !k.entry.disabledPdevAllowed);
    case Rule.pdevLifecycle: return display.some((k) => s.pdevStart[k.pdev] === 'none');
    case Rule.pdevPerOutput: return [0, 1].some((o) => s.pdevStart.filter((st, i) => st === 'enabled' && i % s.outputs === o).length > 1);
    default: return false; // level-precondition and the adapter rules need an adapter; these models have none
  }
}

describe('the monitors see every conflict of a dispatcher that does no locking', () => {
  const rules = CONTRACT_RULES;
  it('conformance mode breaks each rule exactly when the scenario\'s calls can conflict that way', () => {
    const cat = defaultCatalog();
    const seen = new Map<string, number>(rules.map((r) => [r, 0]));
    fc.assert(fc.property(shape(MINIPORT, false, false), (s) => {
      const kinds = bindCalls(s.calls, cat, 'dispatcher', 'random');
      for (const rule of rules) {
        const m = conformance('random-free', scenarioOf(s), { contract: { ignore: rules.filter((r) => r !== rule) } });
        const r = check(m);
        const want = canBreak(rule, s, kinds);
        const got = r.verdict === 'violated';
        expect(got, `${rule}: expected ${want ? 'a violation' : 'none'}, got ${r.verdict} ${r.property ?? ''} ${r.message ?? ''}\n${JSON.stringify(scenarioOf(s))}`).toBe(want);
        if (got) {
          expect(r.property).toBe(rule);
          seen.set(rule, seen.get(rule)! + 1);
        }
      }
    }), { numRuns: 100, seed: 20261123 });
    // The random scenarios did exercise each rule a dispatcher can break here.
    for (const rule of [Rule.sameProcess, Rule.classExclusion, Rule.instanceExclusion, Rule.levelExclusive, Rule.exclusiveReset, Rule.tdrOrder,
      Rule.pdevSingleThread, Rule.pdevDisabledCall, Rule.pdevLifecycle, Rule.pdevPerOutput]) {
      expect(seen.get(rule), rule).toBeGreaterThan(0);
    }
  });
});
