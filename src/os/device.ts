/**
 * The adapter's own moves, interleaved with everything else: a queue's device
 * side consumes an entry (from the head of a GPU ring, or any entry for a
 * paravirtual host), latching the interrupt; the GPU hangs on work it has
 * (bounded by the scenario's TDRs); and what a reset does to the hardware.
 * Each move is a guard (`m` null) and an effect (`m` given) over the slots of
 * the adapter, and nothing else.
 */
import type { Machine } from '../model/kernel/core.js';

export interface QueueSlots {
  readonly index: number;
  readonly depth: number; readonly order: 'fifo' | 'any'; readonly pending: number; readonly plen: number; readonly done: number; readonly dlen: number;
  /** Slot of the F-state of the power component whose engine consumes the queue, or -1. */
  readonly component: number;
}
export interface AdapterSlots {
  readonly power: number; readonly intEnabled: number; readonly intPending: number;
  readonly hung: number; readonly hangs: number; readonly evicted: number; readonly notified: number;
  /** Slots of the F-state of each runtime power component (F0 = active). */
  readonly components: readonly number[];
  readonly queues: ReadonlyMap<string, QueueSlots>;
}

/** Reads adapter slots of a layout (`at(path)` gives a slot). */
export function adapterSlots(at: (path: string) => number, queues: readonly { name: string; depth: number; order: 'fifo' | 'any'; component: number }[], components: number): AdapterSlots {
  return {
    power: at('hw.power'), intEnabled: at('hw.intEnabled'), intPending: at('hw.intPending'), hung: at('hw.hung'), hangs: at('hw.hangs'),
    evicted: at('hw.evicted'), notified: at('hw.notified'),
    components: Array.from({ length: components }, (_, i) => at(`hw.components[${i}]`)),
    queues: new Map(queues.map((q, index) => [q.name, {
      index, depth: q.depth, order: q.order, pending: at(`hw.queues.${q.name}.pending[0]`), plen: at(`hw.queues.${q.name}.plen`),
      done: at(`hw.queues.${q.name}.done[0]`), dlen: at(`hw.queues.${q.name}.dlen`), component: q.component >= 0 ? at(`hw.components[${q.component}]`) : -1,
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
    m.set(hw.intPending, 1);
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
    for (const q of this.hw.queues.values()) if (vec[q.plen] > 0 || vec[q.dlen] > 0) return true;
    return false;
  }

  /** An interrupt raised and enabled (what an MSI needs to be delivered). */
  interruptAsserted(vec: Int32Array): boolean {
    return vec[this.hw.intEnabled] === 1 && vec[this.hw.intPending] === 1;
  }

  /** What a reset does: the engine restarts empty and no longer hung, and video memory is lost (evicted). */
  reset(m: Machine): void {
    const hw = this.hw;
    m.set(hw.hung, 0);
    m.set(hw.intPending, 0);
    m.set(hw.evicted, 1);
    for (const q of hw.queues.values()) {
      for (let i = 0; i < q.depth; i++) { m.set(q.pending + i, 0); m.set(q.done + i, 0); }
      m.set(q.plen, 0); m.set(q.dlen, 0);
    }
  }
}
