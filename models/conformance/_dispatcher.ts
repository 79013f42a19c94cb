/**
 * The reference OS-side dispatcher for conformance mode, and its mutants. Each
 * bundled model in this folder default-exports `makeDispatcher(mutation)`.
 *
 * Client threads of two processes (two threads each) make any call of the
 * scenario; every call runs the `dispatch` procedure, which takes, in a fixed
 * order so that it cannot deadlock:
 *
 * 1. the gate of the caller's process (a mutex per process): no two threads of
 *    one process in the miniport driver at once;
 * 2. the level lock, a shared/exclusive lock (an ERESOURCE): level-0 and level-1
 *    calls share it, level-2/3 calls and DxgkDdiResetFromTimeout take it
 *    exclusively, so they run alone;
 * 3. for a level-1 call, the lock of its class (child I/O: one lock per child);
 * 4. for a display-driver call, the PDEV lock: one thread at a time with an
 *    enabled PDEV (the display driver is another driver: its calls take neither
 *    the gate nor the level lock).
 *
 * Then it lets the call into the driver (k.enterDriver()), and on the way out
 * (k.leaveDriver()) releases what it took. The contract monitors check what
 * reaches the driver. Each mutation drops or weakens one line of this and breaks
 * exactly one of the mission's four invariants.
 */
import { defineModel, mutex, t, Rule, type Kernel, type ModelDef, type Scope } from '../../src/index.js';

export type Mutation = 'none' | 'no-process-gate' | 'no-class-lock' | 'shared-reset' | 'no-pdev-lock';

/** The property each mutation breaks. */
export const BROKEN: Readonly<Record<Exclude<Mutation, 'none'>, string>> = {
  'no-process-gate': Rule.sameProcess,
  'no-class-lock': Rule.classExclusion,
  'shared-reset': Rule.exclusiveReset,
  'no-pdev-lock': Rule.pdevSingleThread,
};

const PROCESSES = 2;
const THREADS = 2;
const CHILDREN = 2;

const global = {
  gate: t.array(PROCESSES, mutex()),
  /** The level lock: how many calls share it, and whether one holds it exclusively (its own spin lock makes each step atomic). */
  shared: t.interlocked(t.int(0, PROCESSES * THREADS)),
  exclusive: t.interlocked(t.bool()),
  classLock: t.record({ pointer: mutex(), display: mutex(), 'gpu-scheduler': mutex(), 'swizzling-range': mutex(), overlay: mutex() }),
  childLock: t.array(CHILDREN, mutex()),
  pdevLock: mutex(),
};
type ClassName = keyof typeof global.classLock.fields;

/** The dispatcher's locks, in the order it takes them. */
const STAGES = ['gate', 'level', 'class', 'pdev'] as const;
type Stage = (typeof STAGES)[number];
type G = Scope<typeof global>['g'];

/** Builds the dispatcher model with one mutation (or none: the reference). */
export function makeDispatcher(mutation: Mutation): ModelDef<typeof global> {
  const call = (k: Kernel) => k.callInfo!;
  const display = (k: Kernel): boolean => call(k).family === 'display-driver';
  const exclusive = (k: Kernel): boolean => {
    const c = call(k);
    if (c.ddi === 'DxgkDdiResetFromTimeout') return mutation !== 'shared-reset';
    return (c.level ?? 0) >= 2;
  };
  /** Whether the call takes the lock of `stage`: each mutation changes one line here. */
  const takes = (k: Kernel, stage: Stage): boolean => {
    switch (stage) {
      case 'gate': return !display(k) && mutation !== 'no-process-gate';
      case 'level': return !display(k);
      case 'class': return call(k).level === 1 && mutation !== 'no-class-lock';
      case 'pdev': return display(k) && mutation !== 'no-pdev-lock';
    }
  };
  const classLock = (g: G, k: Kernel): object => {
    const c = call(k);
    return c.class === 'child-io' ? g.childLock[c.child] : g.classLock[c.class as ClassName];
  };
  const acquire = (g: G, k: Kernel, stage: Stage): void => {
    switch (stage) {
      case 'gate': k.acquireMutex(g.gate[k.process]); break;
      case 'level':
        if (exclusive(k)) { k.await(!g.exclusive && g.shared === 0); g.exclusive = true; }
        else { k.await(!g.exclusive); g.shared++; }
        break;
      case 'class': k.acquireMutex(classLock(g, k)); break;
      case 'pdev': k.acquireMutex(g.pdevLock); break;
    }
  };
  const release = (g: G, k: Kernel, stage: Stage): void => {
    switch (stage) {
      case 'gate': k.releaseMutex(g.gate[k.process]); break;
      case 'level': if (exclusive(k)) g.exclusive = false; else g.shared--; break;
      case 'class': k.releaseMutex(classLock(g, k)); break;
      case 'pdev': k.releaseMutex(g.pdevLock); break;
    }
  };
  /**
   * One step per lock: takes the first lock the call needs from `from` on, then
   * goes to the next one it needs, or, with every lock held, enters the driver.
   */
  const step = (from: number) => (s: { g: G }, k: Kernel): string => {
    const needed = STAGES.slice(from).filter((st) => takes(k, st));
    if (needed.length > 0) acquire(s.g, k, needed[0]);
    if (needed.length > 1) return needed[1];
    k.enterDriver();
    return 'leave';
  };

  const violated = (property: string) => ({ verdict: 'violated' as const, property });
  const holds = { verdict: 'holds' as const };
  const expect = {
    default: mutation === 'none' ? holds : violated(BROKEN[mutation]),
    // Child I/O, level 3 and level 0: no reset, no PDEV, so those mutants hold here.
    children: mutation === 'none' || mutation === 'shared-reset' || mutation === 'no-pdev-lock' ? holds : violated(BROKEN[mutation]),
  };
  return defineModel({
    name: mutation === 'none' ? 'conformance-reference' : `conformance-${mutation}`,
    description: mutation === 'none' ? 'reference OS-side dispatcher: process gate, level lock, class locks, PDEV lock' : `the reference dispatcher with one mutation: ${mutation}`,
    global,
    threads: {
      dispatch: {
        steps: {
          gate: step(0), level: step(1), class: step(2), pdev: step(3),
          leave: (s, k) => {
            k.leaveDriver();
            for (const st of [...STAGES].reverse()) if (takes(k, st)) release(s.g, k, st);
            return 'return';
          },
        },
      },
    },
    scenarios: {
      default: {
        description: '2 processes x 2 threads, one call each: pointer, display, level 0, level 2, the reset (level 3), and display-driver calls on two enabled PDEVs (two outputs)',
        processes: PROCESSES, threadsPerProcess: THREADS, callsPerThread: 1,
        dispatcher: 'dispatch',
        calls: [
          'DxgkDdiSetPointerPosition', 'DxgkDdiSetTargetGamma', 'DxgkDdiPresent', 'DxgkDdiSetVidPnSourceVisibility',
          'DxgkDdiResetFromTimeout', { ddi: 'DrvBitBlt', pdev: 0 }, { ddi: 'DrvBitBlt', pdev: 1 },
        ],
        pdevs: 2, outputs: 2, pdevStart: ['enabled', 'enabled'],
      },
      children: {
        description: '2 processes x 2 threads, one call each: child I/O for two children, a level-3 call and QueryAdapterInfo',
        processes: PROCESSES, threadsPerProcess: THREADS, callsPerThread: 1,
        dispatcher: 'dispatch',
        calls: [{ ddi: 'DxgkDdiQueryChildStatus', child: 0 }, { ddi: 'DxgkDdiQueryChildStatus', child: 1 }, 'DxgkDdiSetPowerState', 'DxgkDdiQueryAdapterInfo'],
      },
    },
    expect,
  });
}
