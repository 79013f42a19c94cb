/**
 * Records which data slots a step reads and writes, so the explorer can tell
 * when two contexts' next steps conflict (a data race). Only slots declared as
 * plain data are recorded; the buffers are reused, never reallocated per step.
 *
 * Each access is recorded with the lockset the context held at that moment (a
 * bit mask), because a step is atomic: two steps that each take lock L and then
 * touch x are both enabled in one state, yet L orders them, so they do not race.
 * Two accesses race only when their masks share no bit. Interlocked accesses
 * carry the ATOMIC bit, so they never race with each other but still race with a
 * plain access to the same location.
 *
 * For partial-order reduction the tracker also has a watch mode (`all`): it
 * notes whether a step read any slot outside a given set (see por/ample.ts).
 */

import { INTERRUPT_LOCK_SLOT } from '../model/kernel/core.js';

/** Lockset bit of the interrupt spin lock: held by the ISR and inside KeSynchronizeExecution. */
export const INTERRUPT_LOCK = 1 << 30;
/** Marks an interlocked access (see the module comment). */
export const ATOMIC = 1 << 31;
/**
 * Lock objects that get a lockset bit of their own, in slot order. Any further
 * lock protects nothing in race detection: it may then report a race the lock
 * prevents, never hide one.
 */
export const LOCK_BITS = 30;

export class Tracker {
  on = false;
  /** Locks the running context holds now (and ATOMIC inside an interlocked operation). */
  mask = 0;
  reads: Int32Array = new Int32Array(64);
  readMasks: Int32Array = new Int32Array(64);
  writes: Int32Array = new Int32Array(64);
  writeMasks: Int32Array = new Int32Array(64);
  nReads = 0;
  nWrites = 0;
  /**
   * Watch mode, for partial-order reduction: while `all` is set, every slot a
   * step reads or writes (data or not, through a view or the kernel) is checked
   * against `allowed` (reads) and `writable` (writes), and `foreign` turns true
   * at the first access outside them. A write counts even when it leaves the
   * value as it was: after another context's step it would not.
   */
  all = false;
  allowed: Uint8Array = new Uint8Array(0);
  writable: Uint8Array = new Uint8Array(0);
  foreign = false;

  /** @param lockBits - lockset bit of each lock object, by its owner slot */
  constructor(private readonly lockBits: ReadonlyMap<number, number> = new Map()) {}

  reset(): void { this.nReads = 0; this.nWrites = 0; }
  read(slot: number): void {
    if (this.all && this.allowed[slot] === 0) this.foreign = true;
    if (this.nReads === this.reads.length) { this.reads = grow(this.reads); this.readMasks = grow(this.readMasks); }
    this.readMasks[this.nReads] = this.mask;
    this.reads[this.nReads++] = slot;
  }
  write(slot: number): void {
    if (this.all && this.writable[slot] === 0) this.foreign = true;
    if (this.nWrites === this.writes.length) { this.writes = grow(this.writes); this.writeMasks = grow(this.writeMasks); }
    this.writeMasks[this.nWrites] = this.mask;
    this.writes[this.nWrites++] = slot;
  }
  /** A read the race lists do not keep (a slot that is not plain data): only watch mode looks at it. */
  see(slot: number): void { if (this.allowed[slot] === 0) this.foreign = true; }
  /** A write the race lists do not keep: only watch mode looks at it. */
  wrote(slot: number): void { if (this.writable[slot] === 0) this.foreign = true; }
  /** The running context took (`on`) or let go of the lock whose owner slot is `lock`. */
  held(lock: number, on: boolean): void {
    const bit = lock === INTERRUPT_LOCK_SLOT ? INTERRUPT_LOCK : this.lockBits.get(lock) ?? 0;
    this.mask = on ? this.mask | bit : this.mask & ~bit;
  }
  /** Runs `f` with its accesses marked atomic (interlocked operations). */
  atomic<T>(f: () => T): T {
    const before = this.mask;
    this.mask |= ATOMIC;
    try { return f(); } finally { this.mask = before; }
  }
  /** A copy of what was recorded: per kind, the distinct (slot, mask) pairs sorted by slot. */
  snapshot(): Accesses {
    const [reads, readMasks] = uniq(this.reads, this.readMasks, this.nReads);
    const [writes, writeMasks] = uniq(this.writes, this.writeMasks, this.nWrites);
    return { reads, readMasks, writes, writeMasks };
  }
}

/** The accesses of one step: `reads[i]` was read holding `readMasks[i]`, and so on. */
export interface Accesses { reads: Int32Array; readMasks: Int32Array; writes: Int32Array; writeMasks: Int32Array }

function grow(a: Int32Array): Int32Array { const b = new Int32Array(a.length * 2); b.set(a); return b; }
function uniq(slots: Int32Array, masks: Int32Array, n: number): [Int32Array, Int32Array] {
  // Insertion into sorted order by (slot, unsigned mask), dropping repeats: a step
  // makes a handful of accesses, so this beats sorting a copy and allocates only the result.
  const s = new Int32Array(n);
  const m = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const mask = masks[i];
    const um = mask >>> 0;
    let j = k - 1;
    while (j >= 0 && (s[j] > slot || (s[j] === slot && m[j] >>> 0 > um))) j--;
    if (j >= 0 && s[j] === slot && m[j] === mask) continue;
    for (let t = k; t > j + 1; t--) { s[t] = s[t - 1]; m[t] = m[t - 1]; }
    s[j + 1] = slot;
    m[j + 1] = mask;
    k++;
  }
  return k === n ? [s, m] : [s.slice(0, k), m.slice(0, k)];
}
