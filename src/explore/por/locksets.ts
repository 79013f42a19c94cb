/**
 * The lock discipline behind transaction (Lipton) reduction: which kernel
 * lock protects each data slot, learnt as the search runs and checked on every
 * step it takes.
 *
 * A slot is protected by lock L when every access to it, by any context, is
 * made holding L. While context c holds L, no other context can then touch the
 * slot, so c's steps that touch only its private state and slots protected by
 * a lock it holds commute with everything the others do: c may run them alone,
 * as one transaction (after its acquire, until its release).
 *
 * The protecting locks are not declared: as in Eraser, each slot keeps the
 * locks every access seen so far held (a slot nobody has touched yet counts as
 * protected by every lock), and each step the search runs narrows it. A
 * reduction that relied on L protecting a slot records that; an access without
 * L afterwards breaks the assumption the reduced search was built on, so the
 * search is started again with what was learnt (Stoller's argument: when the
 * reduced search sees no access that breaks the discipline it relied on, the
 * full state space has none either, and the reduction was sound).
 */
import type { System } from '../../engine/system.js';
import { ATOMIC, INTERRUPT_LOCK, type Tracker } from '../../engine/tracker.js';
import { DIRQL } from '../../model/kernel/irql.js';

/** Every lockset bit that stands for a lock (not the interlocked marker). */
const LOCKS = ~ATOMIC;

export class Locksets {
  /** Per slot: the locks every access seen so far held (all bits until its first access). */
  readonly cand: Int32Array;
  /** Per slot: the locks a reduced expansion relied on protecting it. */
  private readonly relied: Int32Array;
  /** Bumped whenever some slot's locks narrow (cached masks over `cand` are then stale). */
  version = 0;
  /** The first access that broke a lock a reduction relied on, in words; null while none has. */
  broken: string | null = null;
  private readonly lockSlots: Int32Array;
  private readonly lockMasks: Int32Array;

  /** @param learnt - `cand` of an earlier round of the same search (what was learnt survives a restart) */
  constructor(private readonly sys: System, learnt?: Int32Array) {
    this.cand = learnt ? learnt.slice() : new Int32Array(sys.layout.width).fill(LOCKS);
    this.relied = new Int32Array(sys.layout.width);
    this.lockSlots = Int32Array.from(sys.lockBits.keys());
    this.lockMasks = Int32Array.from(sys.lockBits.values());
  }

  /** The lockset bits of the locks context `ctx` holds between steps in `vec` (at DIRQL, the interrupt lock). */
  held(vec: Int32Array, ctx: number): number {
    let mask = vec[this.sys.slots.irql[ctx]] === DIRQL ? INTERRUPT_LOCK : 0;
    const slots = this.lockSlots;
    for (let i = 0; i < slots.length; i++) if (vec[slots[i]] === ctx + 1) mask |= this.lockMasks[i];
    return mask;
  }

  /** Whether data slot `slot` is protected by one of the locks `held` (as far as the search has seen). */
  protects(slot: number, held: number): boolean { return (this.cand[slot] & held) !== 0; }

  /** A reduced expansion relies on the locks of `held` that protect `slot`. */
  rely(slot: number, held: number): void { this.relied[slot] |= this.cand[slot] & held; }

  /**
   * The accesses step action `action` just made (the tracker's lists, with the
   * locks held at each): narrows each slot's locks. Returns false when an
   * access dropped a lock some reduction relied on (`broken` says which).
   */
  observe(action: number, tr: Tracker): boolean {
    return this.narrow(action, tr.reads, tr.readMasks, tr.nReads, 'reads') && this.narrow(action, tr.writes, tr.writeMasks, tr.nWrites, 'writes');
  }

  private narrow(action: number, slots: Int32Array, masks: Int32Array, n: number, verb: string): boolean {
    const { cand, relied } = this;
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      const now = cand[s] & masks[i];
      if (now === cand[s]) continue;
      const lost = relied[s] & ~now;
      cand[s] = now;
      this.version++;
      if (lost !== 0 && this.broken === null) {
        const a = this.sys.actions[action];
        this.broken = `${this.sys.contexts[a.ctx].info.name} (${a.name}) ${verb} ${this.sys.layout.slots[s].path} without ${this.lockNames(lost)}, which an earlier transaction relied on protecting it`;
        return false;
      }
    }
    return true;
  }

  private lockNames(bits: number): string {
    const names: string[] = [];
    if ((bits & INTERRUPT_LOCK) !== 0) names.push('the interrupt lock');
    for (const l of this.sys.locks) { const b = this.sys.lockBits.get(l.slot); if (b !== undefined && (bits & b) !== 0) names.push(`the ${l.object} ${l.path}`); }
    return names.join(' or ');
  }
}
