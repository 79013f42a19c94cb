/**
 * The adapter's own moves, interleaved with everything else: a queue's device
 * side consumes an entry (from the head of a GPU ring, or any entry for a
 * paravirtual host), raising its interrupt source; a queue's device procedure
 * takes one to serve in steps of its own; the GPU hangs on work it has
 * (bounded by the scenario's TDRs); and what a reset does to the hardware.
 * Each move is a guard (`m` null) and an effect (`m` given) over the slots of
 * the adapter, and nothing else.
 *
 * The interrupt status register (when the adapter declares `sources`) holds a
 * bit per source; the line is asserted exactly while some bit is set, so
 * `intPending` stays the line's state either way.
 */
import type { Machine } from '../model/kernel/core.js';

export interface QueueSlots {
  readonly index: number;
  readonly depth: number; readonly order: 'fifo' | 'any'; readonly pending: number; readonly plen: number; readonly done: number; readonly dlen: number;
  /** Slot of the F-state of the power component whose engine consumes the queue, or -1. */
  readonly component: number;
  /** Index of the interrupt source its completions raise, or -1. */
  readonly source: number;
  /** Slot of the entry its device procedure serves now, or -1 (no device procedure). */
  readonly taken: number;
  /** Slot of the pc of its device procedure's context, or -1. */
  readonly devicePc: number;
}

/** The pc of a context outside any procedure (engine/procs.ts IDLE_PC; the layering keeps os/ below the engine). */
const IDLE_PC = 0;
export interface AdapterSlots {
  readonly power: number; readonly intEnabled: number; readonly intPending: number;
  readonly hung: number; readonly hangs: number; readonly evicted: number; readonly notified: number;
  /** Slots of the F-state of each runtime power component (F0 = active). */
  readonly components: readonly number[];
  readonly queues: ReadonlyMap<string, QueueSlots>;
  /** Slots of the status register and of the per-source enable bits, or -1 (no `sources`). */
  readonly status: number;
  readonly srcEnabled: number;
  /** Source names, in bit order. */
  readonly sources: readonly string[];
}

/** Reads adapter slots of a layout (`at(path)` gives a slot). */
export function adapterSlots(at: (path: string) => number, queues: readonly { name: string; depth: number; order: 'fifo' | 'any'; component: number; source?: number; device?: boolean }[], components: number, sources: readonly string[] = []): AdapterSlots {
  return {
    status: sources.length > 0 ? at('hw.status') : -1, srcEnabled: sources.length > 0 ? at('hw.srcEnabled') : -1, sources,
    power: at('hw.power'), intEnabled: at('hw.intEnabled'), intPending: at('hw.intPending'), hung: at('hw.hung'), hangs: at('hw.hangs'),
    evicted: at('hw.evicted'), notified: at('hw.notified'),
    components: Array.from({ length: components }, (_, i) => at(`hw.components[${i}]`)),
    queues: new Map(queues.map((q, index) => [q.name, {
      index, depth: q.depth, order: q.order, pending: at(`hw.queues.${q.name}.pending[0]`), plen: at(`hw.queues.${q.name}.plen`),
      done: at(`hw.queues.${q.name}.done[0]`), dlen: at(`hw.queues.${q.name}.dlen`), component: q.component >= 0 ? at(`hw.components[${q.component}]`) : -1,
      source: q.source ?? -1, taken: q.device === true ? at(`hw.queues.${q.name}.taken`) : -1,
      devicePc: q.device === true ? at(`ctx.DEVICE_${q.name}.pc`) : -1,
    }])),
  };
}

export class Device {
  constructor(readonly hw: AdapterSlots, private readonly maxHangs: number) {}

  /**
   * The device consumes the entry at `pos` of queue `q`: not while hung or
   * powered down, nor while the queue's engine is out of F0 or its context is
   * held idle (`idled`), nor with the used ring full.
   */
  consume(vec: Int32Array, m: Machine | null, q: QueueSlots, pos: number, idled: boolean): boolean {
    const hw = this.hw;
    const plen = vec[q.plen];
    if (pos >= plen || vec[hw.hung] === 1 || vec[hw.power] !== 0 || vec[q.dlen] >= q.depth || idled) return false;
    if (q.component >= 0 && vec[q.component] !== 0) return false;
    if (!m) return true;
    const token = vec[q.pending + pos];
    for (let i = pos; i < plen - 1; i++) m.set(q.pending + i, vec[q.pending + i + 1]);
    m.set(q.pending + plen - 1, 0);
    m.set(q.plen, plen - 1);
    m.set(q.done + vec[q.dlen], token);
    m.set(q.dlen, vec[q.dlen] + 1);
    this.raise(m, q.source);
    return true;
  }

  /**
   * Raises interrupt source `source` (-1: the line itself, for an adapter
   * without a status register): sets its status bit, unless its enable bit is
   * off, and asserts the line.
   */
  raise(m: Machine, source: number): void {
    const hw = this.hw;
    if (hw.status < 0 || source < 0) { if (hw.status < 0) m.set(hw.intPending, 1); return; }
    const bit = 1 << source;
    if ((m.get(hw.srcEnabled) & bit) === 0) return;
    m.set(hw.status, m.get(hw.status) | bit);
    m.set(hw.intPending, 1);
  }

  /** Clears the status bits of `mask`; the line stays asserted while any bit is left. */
  clearStatus(m: Machine, mask: number): void {
    const hw = this.hw;
    const left = m.get(hw.status) & ~mask;
    m.set(hw.status, left);
    m.set(hw.intPending, left === 0 ? 0 : 1);
  }

  /**
   * A queue's device procedure takes the entry at `pos` of queue `q` to serve:
   * as consume, but the token goes to the queue's `taken` slot, and the
   * procedure completes it (onto the used ring) when it is done.
   */
  take(vec: Int32Array, m: Machine | null, q: QueueSlots, pos: number): boolean {
    const hw = this.hw;
    const plen = vec[q.plen];
    if (pos >= plen || vec[hw.hung] === 1 || vec[hw.power] !== 0) return false;
    if (q.component >= 0 && vec[q.component] !== 0) return false;
    if (!m) return true;
    m.set(q.taken, vec[q.pending + pos]);
    for (let i = pos; i < plen - 1; i++) m.set(q.pending + i, vec[q.pending + i + 1]);
    m.set(q.pending + plen - 1, 0);
    m.set(q.plen, plen - 1);
    return true;
  }

  /** The GPU hangs on the work it has. */
  hang(vec: Int32Array, m: Machine | null): boolean {
    const hw = this.hw;
    if (vec[hw.hung] === 1 || vec[hw.hangs] >= this.maxHangs) return false;
    let work = false;
    for (const q of hw.queues.values()) if (vec[q.plen] > 0) work = true;
    if (!work) return false;
    if (m) { m.set(hw.hung, 1); m.set(hw.hangs, vec[hw.hangs] + 1); }
    return true;
  }

  /**
   * Whether DMA is in flight: the GPU is hung, a queue holds work, or holds
   * completions the driver has not yet taken and reported. A level-2 call needs
   * none ("no DMA buffers are currently being processed by the driver or passed
   * through the GPU scheduler").
   */
  busy(vec: Int32Array): boolean {
    if (vec[this.hw.hung] === 1) return true;
    // An entry a device procedure serves is in flight too.
    for (const q of this.hw.queues.values()) if (vec[q.plen] > 0 || vec[q.dlen] > 0 || (q.taken >= 0 && vec[q.taken] !== 0)) return true;
    return false;
  }

  /**
   * An interrupt raised and enabled (what an MSI needs to be delivered). With a
   * status register and several MSI messages, message `message` is source
   * `message`: delivered only while that source's bit is set.
   */
  interruptAsserted(vec: Int32Array, message = -1): boolean {
    const hw = this.hw;
    if (vec[hw.intEnabled] !== 1 || vec[hw.intPending] !== 1) return false;
    return message < 0 || hw.status < 0 || (vec[hw.status] & (1 << message)) !== 0;
  }

  /** What a reset (TDR's) does: the engine restarts empty and no longer hung, and video memory is lost (evicted). */
  reset(m: Machine): void {
    this.clear(m);
    m.set(this.hw.evicted, 1);
  }

  /**
   * The device's own state back to power-on: not hung, every queue and used
   * ring empty, no entry in service (a device procedure in the middle of one
   * abandons it), the status register clear and the line down (enable bits and
   * power are the driver's, and stay).
   */
  clear(m: Machine): void {
    const hw = this.hw;
    m.set(hw.hung, 0);
    m.set(hw.intPending, 0);
    if (hw.status >= 0) m.set(hw.status, 0);
    for (const q of hw.queues.values()) {
      for (let i = 0; i < q.depth; i++) { m.set(q.pending + i, 0); m.set(q.done + i, 0); }
      m.set(q.plen, 0); m.set(q.dlen, 0);
      if (q.taken >= 0) m.set(q.taken, 0);
      // A device procedure in the middle of an entry drops it: the host starts over.
      if (q.devicePc >= 0) m.set(q.devicePc, IDLE_PC);
    }
  }
}
