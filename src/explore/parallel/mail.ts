/**
 * A parallel search worker's traffic with the other workers: the successors
 * it sends to their owners, what it takes in from the others, and the marks
 * that end a level. One ring per ordered pair of workers (ring.ts); records
 * are published in batches, and a worker whose ring to another is full takes
 * in what others send meanwhile, so two full rings never wait on each other.
 * Waiting sleeps on the worker's wake-up counter, which every sender to it
 * bumps after publishing.
 */
import type { Codec } from '../frontier.js';
import { Ring } from './ring.js';
import { Ctl, END_OF_LEVEL, RECORD_EXTRA } from './protocol.js';

/** Records a sender writes before it publishes them. */
const BATCH = 64;
/** Entries of the table of successors sent to one owner (a power of two). */
const SENT_SLOTS = 1 << 16;
const SENT_MASK = SENT_SLOTS - 1;

/** What arrives: the vector (valid until the next record), its fingerprint, the sender's rank and place for it, the sender, the parent's id there, the action. */
export type Arrival = (vec: Int32Array, fp: Uint32Array, rank: number, place: number, from: number, parent: number, action: number) => void;

export interface MailOptions {
  readonly index: number;
  readonly workers: number;
  readonly control: Int32Array;
  /** Ring from worker s to worker d at s * workers + d (null on the diagonal). */
  readonly rings: readonly (SharedArrayBuffer | null)[];
  readonly ringCapacity: number;
  /** Leave out a successor sent before with a key no larger (not while the stuck-context check needs every edge). */
  readonly dedupe: boolean;
}

export class Mail {
  private readonly out: (Ring | null)[];
  private readonly inbound: (Ring | null)[];
  /** Per owner: fingerprints and keys of successors sent lately (a direct-mapped table). */
  private readonly sent: ({ hi: Uint32Array; lo: Uint32Array; key: Float64Array } | null)[];
  private readonly words: number;
  private readonly me: number;
  private readonly n: number;
  private readonly ctl: Int32Array;
  private readonly recv: Int32Array;
  private readonly fp = new Uint32Array(2);
  /** End-of-level marks taken in this level. */
  private ends = 0;
  /** Milliseconds spent waiting: for the other workers at the end of a level, and for room in a full ring. */
  waitedLevel = 0;
  waitedRoom = 0;

  constructor(private readonly codec: Codec, width: number, o: MailOptions, private readonly arrive: Arrival) {
    this.words = codec.words;
    this.me = o.index;
    this.n = o.workers;
    this.ctl = o.control;
    this.recv = new Int32Array(width);
    const stride = this.words + RECORD_EXTRA;
    const ring = (sab: SharedArrayBuffer | null): Ring | null => (sab === null ? null : new Ring(sab, stride, o.ringCapacity));
    this.out = Array.from({ length: this.n }, (_, d) => ring(o.rings[this.me * this.n + d]));
    this.inbound = Array.from({ length: this.n }, (_, s) => ring(o.rings[s * this.n + this.me]));
    this.sent = this.out.map((r) => (r === null || !o.dedupe ? null : { hi: new Uint32Array(SENT_SLOTS), lo: new Uint32Array(SENT_SLOTS), key: new Float64Array(SENT_SLOTS).fill(Infinity) }));
  }

  /** A new level: no marks taken yet. */
  begin(): void { this.ends = 0; }

  /**
   * Sends a successor to its owner `d`; false when the search stopped while
   * the ring was full. One sent before with a key no larger is left out: its
   * owner has it, and the smaller key wins there anyway.
   */
  send(d: number, vec: Int32Array, fp: Uint32Array, key: number, rank: number, place: number, parent: number, action: number): boolean {
    const sent = this.sent[d];
    if (sent !== null) {
      const slot = (fp[1] ^ (fp[0] >>> 7)) & SENT_MASK;
      if (sent.hi[slot] === fp[0] && sent.lo[slot] === fp[1] && sent.key[slot] <= key) return true;
      sent.hi[slot] = fp[0]; sent.lo[slot] = fp[1]; sent.key[slot] = key;
    }
    const ring = this.out[d]!;
    const at = this.room(d);
    if (at < 0) return false;
    const data = ring.data;
    this.codec.pack(vec, data, at);
    const w = at + this.words;
    data[w] = fp[0] | 0;
    data[w + 1] = fp[1] | 0;
    data[w + 2] = rank;
    data[w + 3] = place;
    data[w + 4] = parent;
    data[w + 5] = action;
    ring.commit();
    if (ring.unpublished >= BATCH) { ring.publish(); this.wake(d); }
    return true;
  }

  /** Publishes what is written, then takes in what others published. */
  poll(): void {
    for (let d = 0; d < this.n; d++) {
      const ring = this.out[d];
      if (ring !== null && ring.unpublished > 0) { ring.publish(); this.wake(d); }
    }
    this.drain();
  }

  /** Marks the end of this worker's level on every ring, then takes in records until every other worker has marked its end. False: stopped. */
  endLevel(): boolean {
    for (let d = 0; d < this.n; d++) {
      const ring = this.out[d];
      if (ring === null) continue;
      const at = this.room(d);
      if (at < 0) return false;
      ring.data[at + this.words + 5] = END_OF_LEVEL;
      ring.commit();
      ring.publish();
      this.wake(d);
    }
    while (this.ends < this.n - 1) {
      const v = Atomics.load(this.ctl, Ctl.signals + this.me);
      if (this.drain() === 0) {
        if (this.stopping()) return false;
        const t = performance.now();
        Atomics.wait(this.ctl, Ctl.signals + this.me, v, 50);
        this.waitedLevel += performance.now() - t;
      }
    }
    return true;
  }

  bytes(): number {
    let n = 0;
    for (const r of this.out) if (r !== null) n += r.sab.byteLength;
    for (const s of this.sent) if (s !== null) n += s.hi.byteLength + s.lo.byteLength + s.key.byteLength;
    return n;
  }

  private stopping(): boolean { return Atomics.load(this.ctl, Ctl.stop) === 1; }

  /** A free record in the ring to worker `d`, taking in what others send while it is full. -1: stopped. */
  private room(d: number): number {
    const ring = this.out[d]!;
    let at = ring.reserve();
    while (at < 0) {
      ring.publish();
      this.wake(d);
      const v = Atomics.load(this.ctl, Ctl.signals + this.me);
      if (this.drain() === 0) {
        if (this.stopping()) return -1;
        const t = performance.now();
        Atomics.wait(this.ctl, Ctl.signals + this.me, v, 1);
        this.waitedRoom += performance.now() - t;
      }
      at = ring.reserve();
    }
    return at;
  }

  /** Takes in every record the other workers have published; returns how many. */
  private drain(): number {
    let got = 0;
    const { words, recv, fp } = this;
    for (let s = 0; s < this.n; s++) {
      const ring = this.inbound[s];
      if (ring === null) continue;
      const data = ring.data;
      let at: number;
      while ((at = ring.next()) >= 0) {
        got++;
        const w = at + words;
        const action = data[w + 5];
        if (action === END_OF_LEVEL) { this.ends++; continue; }
        this.codec.unpack(data, at, recv);
        fp[0] = data[w] >>> 0;
        fp[1] = data[w + 1] >>> 0;
        this.arrive(recv, fp, data[w + 2], data[w + 3], s, data[w + 4], action);
      }
      ring.release();
    }
    return got;
  }

  private wake(d: number): void {
    Atomics.add(this.ctl, Ctl.signals + d, 1);
    Atomics.notify(this.ctl, Ctl.signals + d);
  }
}
