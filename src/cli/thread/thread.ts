/**
 * Runs checks of model files on a worker thread, under a watchdog. The search
 * runs where the main thread can stop it: Ctrl-C, SIGTERM and a run's deadline
 * set a flag the search polls, and when a step never returns (a `while (true)`
 * in a model) the watchdog names the step from the shared control block and
 * ends the thread. A check stopped that way still has a report: the last
 * progress the thread sent, as an inconclusive result.
 */
import { Worker } from 'node:worker_threads';
import type { CheckResult } from '../../check.js';
import type { Progress } from '../../explore/explorer.js';
import { InputError } from '../../errors.js';
import { SLOTS, Slot, type CheckRequest, type PlainOptions, type WorkerMessage } from './protocol.js';

/** How long a stopped check may take to answer before its thread is ended (it may be inside a long step). */
const STOP_GRACE_MS = 1000;
const TICK_MS = 100;

type Started = Extract<WorkerMessage, { kind: 'started' }>;

export interface ThreadOptions {
  /** A step running longer than this many seconds is a runaway: bad input naming it. */
  readonly stepTimeout: number;
}

export interface CheckHooks {
  /** Progress about once a second. */
  readonly progress?: (p: Progress) => void;
  /** Polled by the watchdog: true stops the check (a signal, a memory budget). */
  readonly stop?: () => boolean;
}

/** One check thread, reused for check after check until it is closed (or a runaway ends it). */
export class CheckThread {
  private worker: Worker | null = null;
  private readonly control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));

  constructor(readonly opts: ThreadOptions) {}

  /**
   * Checks one scenario of a model file. `hooks.stop` is polled ten times a
   * second: once it says true the check stops and resolves with its result
   * (inconclusive, with the progress so far when the thread does not answer in
   * time), or null when it had not begun. Rejects with InputError for bad input,
   * a runaway step included.
   */
  check(file: string, scenario: string | undefined, options: PlainOptions, hooks: CheckHooks = {}): Promise<CheckResult | null> {
    const worker = this.worker ??= new Worker(new URL('../../../lib/worker.js', import.meta.url), { workerData: { control: this.control.buffer } });
    Atomics.store(this.control, Slot.stop, 0);
    Atomics.store(this.control, Slot.action, -1);
    Atomics.store(this.control, Slot.started, 0);
    const progress = hooks.progress;
    let stopAt = 0;
    return new Promise<CheckResult | null>((resolve, reject) => {
      let started: Started | null = null;
      let last: Progress | null = null;
      let seen = -1;
      let since = Date.now();
      const settle = (f: () => void): void => {
        clearInterval(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        f();
      };
      const kill = (): void => { this.worker = null; void worker.terminate(); };
      const onMessage = (m: WorkerMessage): void => {
        switch (m.kind) {
          case 'started': started = m; break;
          case 'progress': last = m.progress; progress?.(m.progress); break;
          case 'result': settle(() => resolve(m.result)); break;
          case 'input-error': settle(() => reject(new InputError(m.where, m.problem, m.hint))); break;
          case 'crash': settle(() => reject(new Error(m.message))); break;
        }
      };
      const onError = (e: Error): void => { kill(); settle(() => reject(e)); };
      const onExit = (code: number): void => { this.worker = null; settle(() => reject(new Error(`the check thread exited (code ${code}) before it answered`))); };
      const timer = setInterval(() => {
        const now = Date.now();
        const action = Atomics.load(this.control, Slot.action);
        const count = Atomics.load(this.control, Slot.started);
        if (action < 0 || count !== seen) { seen = count; since = now; }
        const running = action >= 0 ? (now - since) / 1000 : 0;
        const step = started && action >= 0 ? started.steps[action] : null;
        if (stopAt === 0 && hooks.stop?.()) { Atomics.store(this.control, Slot.stop, 1); stopAt = now; }
        if (step !== null && running > this.opts.stepTimeout) {
          kill();
          settle(() => reject(new InputError(`model ${started!.model}: ${step}`, `did not return within ${this.opts.stepTimeout} s (--step-timeout)`,
            'a step must return: no unbounded loop or busy wait inside one (wait with a guard or k.await(...)); if it is only slow, raise --step-timeout')));
        } else if (stopAt !== 0 && now - stopAt > STOP_GRACE_MS) {
          kill();
          const s = started;
          settle(() => resolve(s === null ? null : partial(s, last, `interrupted${step !== null ? ` while ${step} had been running for ${running.toFixed(1)} s` : ''}`)));
        }
      }, TICK_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ kind: 'check', file, scenario, options } satisfies CheckRequest);
    });
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** The report of a check its thread could not finish: inconclusive, with the last progress it sent. */
function partial(s: Started, p: Progress | null, reason: string): CheckResult {
  const seconds = p?.seconds ?? 0;
  const states = p?.states ?? 0;
  const transitions = p?.transitions ?? 0;
  return {
    model: s.model, scenario: s.scenario, verdict: 'inconclusive', reason, bounds: s.bounds,
    backend: s.backend as CheckResult['backend'], order: s.order as CheckResult['order'], exact: s.exact,
    stats: {
      distinctStates: states, transitions, maxDepth: p?.depth ?? 0, seconds,
      statesPerSecond: seconds > 0 ? states / seconds : 0, transitionsPerSecond: seconds > 0 ? transitions / seconds : 0,
      bytesPerState: 0, peakFrontier: p?.queued ?? 0, collisions: 0, collisionProbability: 0,
    },
    notes: [p === null ? 'stopped before its first progress report: no statistics yet' : 'statistics as of the last progress report'],
  };
}
