/**
 * The reference benchmark's model, at any number of calls per thread: an
 * OS-side dispatcher ported step for step from the Promela model in
 * bench/dispatcher.pml. Each call passes a per-process gate, then takes the
 * pointer-class lock, the display-class lock, or no lock (a level-0 call that
 * reads and writes `shared`); an interrupt source raises 3 interrupts, each
 * queueing a DPC. Assertions: no same-process reentrancy, no two threads in one
 * class.
 *
 * Locks here are plain test-and-set flags, as in the Promela original, so the
 * model turns race detection off: it is a benchmark of the explorer, and the
 * level-0 path's unlocked read-modify-write of `shared` is deliberate.
 *
 * The per-process gate and count are per-process arrays (`t.perProcess`), so
 * the processes stay interchangeable and symmetry reduction applies: the 3 x 2
 * scenario has 3! x 2!^3 = 48 equivalent copies of most states.
 *
 * Scenarios (processes x threads): `default` 2 x 1, `contention` 1 x 3,
 * `wide` 3 x 1, `square` 2 x 2 and `bench` 3 x 2, the full Promela size. The
 * bundled model (models/dispatcher.ts) makes 2 calls a thread; the benchmark
 * also runs `square` at 1 call (the 2x2x1 size of bench/README).
 */
import { defineModel, t } from '../src/index.js';

/** The dispatcher with each thread making `CALLS` calls (the Promela's CALLS). */
export function dispatcherModel(CALLS: number) {
  return defineModel({
    name: 'dispatcher',
    description: 'OS-side dispatcher with a per-process gate and per-class locks (the reference benchmark)',
    races: false,
    global: {
      inPointer: t.int(0, 6), inDisplay: t.int(0, 6),
      inProc: t.perProcess(t.int(0, 2)),
      pointerLock: t.bool(), displayLock: t.bool(),
      procLock: t.perProcess(t.bool()),
      shared: t.int(0, 255),
      dpcQueued: t.int(0, 1),
      irqs: t.int(0, 3),
    },
    local: { n: t.int(0, CALLS), k: t.int(0, 255) },
    threads: {
      client: {
        steps: {
          loop: [
            { name: 'n < CALLS', guard: (s) => s.local.n < CALLS, next: 'gate' },
            { name: 'n >= CALLS', guard: (s) => s.local.n >= CALLS, next: 'return' },
          ],
          gate: { guard: (s, k) => !s.g.procLock[k.process], do: (s, k) => { s.g.procLock[k.process] = true; }, next: 'enter' },
          enter: { do: (s, k) => { s.g.inProc[k.process]++; }, next: 'check' },
          check: { do: (s, k) => { k.assert(s.g.inProc[k.process] === 1, `two threads of process ${k.process} are in the driver`, 'same-process-reentrancy'); }, next: 'choose' },
          choose: [
            { name: 'lock pointer', guard: (s) => !s.g.pointerLock, do: (s) => { s.g.pointerLock = true; }, next: 'pIn' },
            { name: 'lock display', guard: (s) => !s.g.displayLock, do: (s) => { s.g.displayLock = true; }, next: 'dIn' },
            { name: 'level 0', do: (s) => { s.local.k = s.g.shared; }, next: 'l0' },
          ],
          pIn: { do: (s) => { s.g.inPointer++; }, next: 'pCheck' },
          pCheck: { do: (s, k) => { k.assert(s.g.inPointer === 1, 'two threads in the pointer class', 'class-exclusion'); }, next: 'pWork' },
          pWork: { do: (s) => { s.g.shared = s.g.shared + 1; }, next: 'pOut' },
          pOut: { do: (s) => { s.g.inPointer--; }, next: 'pUnlock' },
          pUnlock: { do: (s) => { s.g.pointerLock = false; }, next: 'leave' },
          dIn: { do: (s) => { s.g.inDisplay++; }, next: 'dCheck' },
          dCheck: { do: (s, k) => { k.assert(s.g.inDisplay === 1, 'two threads in the display class', 'class-exclusion'); }, next: 'dWork' },
          dWork: { do: (s) => { s.g.shared = s.g.shared + 2; }, next: 'dOut' },
          dOut: { do: (s) => { s.g.inDisplay--; }, next: 'dUnlock' },
          dUnlock: { do: (s) => { s.g.displayLock = false; }, next: 'leave' },
          l0: { do: (s) => { s.g.shared = s.local.k; }, next: 'leave' },
          leave: { do: (s, k) => { s.g.inProc[k.process]--; }, next: 'ungate' },
          ungate: { do: (s, k) => { s.g.procLock[k.process] = false; }, next: 'count' },
          count: { do: (s) => { s.local.n++; }, next: 'loop' },
        },
      },
      interrupts: {
        steps: {
          loop: [
            { name: 'interrupt', guard: (s) => s.g.irqs < 3, do: (s) => { s.g.irqs++; s.g.dpcQueued = 1; }, next: 'loop' },
            { name: 'run DPC', guard: (s) => s.g.dpcQueued === 1, do: (s) => { s.g.dpcQueued = 0; }, next: 'loop' },
            { name: 'stop', guard: (s) => s.g.irqs >= 3 && s.g.dpcQueued === 0, next: 'return' },
          ],
        },
      },
    },
    expect: { default: { verdict: 'holds' }, contention: { verdict: 'holds' } },
    scenarios: {
      default: { description: '2 processes x 1 thread', processes: 2, threadsPerProcess: 1, clients: 'client', workers: { interrupts: 1 } },
      contention: { description: '1 process x 3 threads', processes: 1, threadsPerProcess: 3, clients: 'client', workers: { interrupts: 1 } },
      wide: { description: '3 processes x 1 thread', processes: 3, threadsPerProcess: 1, clients: 'client', workers: { interrupts: 1 } },
      square: { description: '2 processes x 2 threads', processes: 2, threadsPerProcess: 2, clients: 'client', workers: { interrupts: 1 } },
      bench: { description: 'the full Promela size: 3 processes x 2 threads', processes: 3, threadsPerProcess: 2, clients: 'client', workers: { interrupts: 1 } },
    },
  });
}
