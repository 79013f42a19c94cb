/**
 * The workers of one parallel search, as the coordinator sees them: taken
 * from the pool and given the search, sent commands, and heard from. Replies
 * come on one channel per worker, read without the event loop (so a search
 * can run inside a synchronous `check()`); the coordinator sleeps on the
 * reply counter the workers bump. The shared control block (stop flag,
 * wake-up counters, running steps) and the progress counters live here too.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { endWorker, giveBack, takeWorker, type PooledWorker } from './pool.js';
import { Ctl, PROGRESS_SLOTS, controlSlots, runningAt, type Command, type Reply, type WorkerInit } from './protocol.js';

/** What every worker is given, beside its index, the shared blocks and its reply channel. */
export type SearchSetup = Omit<WorkerInit, 'index' | 'workers' | 'control' | 'progress' | 'reply'>;

export class Crew {
  readonly ctl: Int32Array;
  private readonly progressOf: Float64Array;
  private readonly workers: PooledWorker[] = [];
  private readonly ports: MessagePort[] = [];
  private dead: string | null = null;
  /** The reply count seen before the last poll found nothing: sleep until it changes. */
  private waitFrom = 0;
  /** Per worker: the steps-started count seen last, and since when. */
  private readonly seenStarted: Int32Array;
  private readonly since: Float64Array;
  private closed = false;

  constructor(readonly n: number) {
    this.ctl = new Int32Array(new SharedArrayBuffer(4 * controlSlots(n)));
    // No worker runs a step yet (0 would name action 0).
    for (let w = 0; w < n; w++) this.ctl[runningAt(n, w)] = -1;
    this.progressOf = new Float64Array(new SharedArrayBuffer(8 * PROGRESS_SLOTS * n));
    this.seenStarted = new Int32Array(n).fill(-1);
    this.since = new Float64Array(n);
  }

  /** Takes the workers and gives each the search; each answers 'ready' once it has compiled the model. */
  start(setup: SearchSetup): void {
    for (let w = 0; w < this.n; w++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = {
        ...setup, index: w, workers: this.n, control: this.ctl.buffer as SharedArrayBuffer, progress: this.progressOf.buffer as SharedArrayBuffer, reply: port2,
      };
      const p = takeWorker();
      p.onDeath = (why) => { this.dead ??= why; };
      p.worker.postMessage({ kind: 'search', init } satisfies Command, [port2]);
      this.workers.push(p);
      this.ports.push(port1);
    }
  }

  broadcast(c: Command): void {
    for (const w of this.workers) w.worker.postMessage(c);
  }

  send(w: number, c: Command): void {
    this.workers[w].worker.postMessage(c);
  }

  /** Waits (yielding while nothing came) for one reply from every worker, of the kinds named. */
  *gather(...kinds: Reply['kind'][]): Generator<void, Reply[], void> {
    const got: (Reply | null)[] = new Array<Reply | null>(this.n).fill(null);
    let count = 0;
    for (;;) {
      const v = Atomics.load(this.ctl, Ctl.replies);
      for (let w = 0; w < this.n; w++) {
        if (got[w] !== null) continue;
        const r = this.poll(w);
        if (r === null) continue;
        if (!kinds.includes(r.kind)) throw new Error(`internal: a search worker answered ${r.kind}, not ${kinds.join(' or ')}`);
        got[w] = r;
        count++;
      }
      if (count === this.n) return got as Reply[];
      if (this.dead !== null) throw new Error(this.dead);
      this.waitFrom = v;
      yield;
    }
  }

  /** Waits for worker w's reply. */
  *gatherFrom(w: number): Generator<void, Reply, void> {
    for (;;) {
      const v = Atomics.load(this.ctl, Ctl.replies);
      const r = this.poll(w);
      if (r !== null) return r;
      if (this.dead !== null) throw new Error(this.dead);
      this.waitFrom = v;
      yield;
    }
  }

  /** Sleeps until a worker replies, at most `ms` milliseconds. */
  sleep(ms: number): void {
    Atomics.wait(this.ctl, Ctl.replies, this.waitFrom, ms);
  }

  /** Asks every worker to stop what it does (they read the flag every few hundred states and while they wait). */
  stop(): void {
    Atomics.store(this.ctl, Ctl.stop, 1);
  }

  /** The sums of the workers' progress counters. */
  sums(): { states: number; transitions: number; queued: number } {
    let states = 0;
    let transitions = 0;
    let queued = 0;
    for (let w = 0; w < this.n; w++) {
      states += this.progressOf[w * PROGRESS_SLOTS];
      transitions += this.progressOf[w * PROGRESS_SLOTS + 1];
      queued += this.progressOf[w * PROGRESS_SLOTS + 2];
    }
    return { states, transitions, queued };
  }

  /**
   * Copies the step that has run longest, on any worker, into a watchdog's
   * block ([action or -1, steps started], as Engine.running): a step that
   * never returns keeps its count, so the watchdog sees it stand still.
   */
  mirrorRunning(watch: Int32Array, now: number): void {
    let longest = -1;
    for (let w = 0; w < this.n; w++) {
      const at = runningAt(this.n, w);
      const started = Atomics.load(this.ctl, at + 1);
      if (Atomics.load(this.ctl, at) < 0 || started !== this.seenStarted[w]) { this.seenStarted[w] = started; this.since[w] = now; }
      else if (longest < 0 || this.since[w] < this.since[longest]) longest = w;
    }
    const at = longest >= 0 ? runningAt(this.n, longest) : -1;
    watch[0] = at >= 0 ? Atomics.load(this.ctl, at) : -1;
    if (at >= 0) watch[1] = Atomics.load(this.ctl, at + 1);
  }

  /** Lets the workers go: back to the pool after a clean end (each has answered its last command), else ended. */
  close(clean = false): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.workers) if (clean) giveBack(w); else endWorker(w);
    for (const p of this.ports) p.close();
  }

  /** Worker w's next reply, or null; a worker's error is thrown here (bad input as the InputError it was). */
  private poll(w: number): Reply | null {
    const m = receiveMessageOnPort(this.ports[w]);
    if (m === undefined) return null;
    const r = m.message as Reply;
    if (r.kind === 'error') {
      if (r.input) throw new InputError(r.input.where, r.input.problem, r.input.hint);
      throw new Error(`a search worker failed: ${r.message}`);
    }
    return r;
  }
}
