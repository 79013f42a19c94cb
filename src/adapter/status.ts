/**
 * The interrupt side of the simulated adapter, and what a device procedure does
 * to it. The driver's side: the interrupt status register (a bit per source,
 * read and cleared by the ISR, as virtio's ISR status is: "reading from the ISR
 * also clears it"), the per-source enable bits (virtqueue_disable_cb,
 * viogpudo's CtrlQueue::DisableInterrupt), and the device reset
 * (virtio_device_reset in viogpudo's VioGpuAdapterClose). The device's side, for
 * a queue's device procedure only: the entry it serves, completing it onto the
 * used ring, and raising a source.
 */
import type { KernelCore } from '../model/kernel/core.js';
import type { AdapterSlots, Device, QueueSlots } from '../os/device.js';
import { Property } from '../model/violation.js';

/** The checks of a GPU access (hw.ts's `touch`). */
interface Touch { touch(what: string): void }

export class DeviceSide {
  constructor(private readonly k: KernelCore, private readonly s: AdapterSlots, private readonly device: Device, private readonly hw: Touch) {}

  /** The bit index of `source` (a name from `sources`, or an index); fails naming the declared ones. */
  private bit(source: string | number, what: string): number {
    const names = this.s.sources;
    if (this.s.status < 0) this.k.fail(Property.assertion, `${this.k.ctx.name} ${what}, but the adapter declares no interrupt sources (add adapter: { sources: [...] })`);
    const i = typeof source === 'number' ? (Number.isInteger(source) && source >= 0 && source < names.length ? source : -1) : names.indexOf(source);
    if (i < 0) this.k.fail(Property.assertion, `${this.k.ctx.name} ${what}: source ${JSON.stringify(source)} is not one the adapter declares (sources: ${names.join(', ')})`);
    return i;
  }

  /** Reads the status register and clears it (every bit): the sources that raised since the last read. */
  readStatus(): number {
    this.bit(0, 'reads the interrupt status');
    this.hw.touch('reads the interrupt status');
    const v = this.k.m.get(this.s.status);
    this.device.clearStatus(this.k.m, v);
    return v;
  }

  /** Clears the status bit of one source (its MSI message was served); true if it was set. */
  ackSource(source: string | number): boolean {
    const b = this.bit(source, 'acknowledges an interrupt source');
    this.hw.touch(`acknowledges interrupt source ${this.s.sources[b]}`);
    const was = (this.k.m.get(this.s.status) & (1 << b)) !== 0;
    this.device.clearStatus(this.k.m, 1 << b);
    return was;
  }

  /** Turns one source's interrupt on or off (a disabled source sets no status bit and raises nothing). */
  enableSource(source: string | number, on: boolean): void {
    const b = this.bit(source, `${on ? 'enables' : 'disables'} an interrupt source`);
    this.hw.touch(`${on ? 'enables' : 'disables'} interrupt source ${this.s.sources[b]}`);
    const m = this.k.m;
    m.set(this.s.srcEnabled, on ? m.get(this.s.srcEnabled) | (1 << b) : m.get(this.s.srcEnabled) & ~(1 << b));
  }

  sourceEnabled(source: string | number): boolean {
    const b = this.bit(source, 'reads an interrupt enable bit');
    return (this.k.m.get(this.s.srcEnabled) & (1 << b)) !== 0;
  }

  /**
   * The driver resets the device: every queue and used ring empty, the status
   * register clear, the line down, and a device procedure in the middle of an
   * entry abandons it (the host drops what it was doing).
   */
  reset(): void {
    this.hw.touch('resets the device');
    const m = this.k.m;
    this.device.clear(m);
  }

  /** The queue a device procedure serves; fails outside one. */
  private own(what: string): QueueSlots {
    const name = this.k.ctx.kind === 'device' ? this.k.ctx.queue : undefined;
    if (name === undefined) this.k.fail(Property.assertion, `${this.k.ctx.name} ${what}: only a queue's device procedure does (adapter: { queues: { q: { device: { steps } } } })`);
    return this.s.queues.get(name)!;
  }

  /** The token of the entry the device procedure serves (0 once completed). */
  get entry(): number { return this.k.m.get(this.own('reads k.hw.entry').taken); }

  /** Puts `token` (default: the entry served) on the queue's used ring; waits while the ring is full. */
  complete(token?: number): void {
    const q = this.own('completes an entry');
    const m = this.k.m;
    const tok = token ?? m.get(q.taken);
    if (tok === 0) this.k.fail(Property.assertion, `${this.k.ctx.name} completes an entry, but it serves none (it completed it already, or the device was reset)`);
    const n = m.get(q.dlen);
    if (n >= q.depth) this.k.block();
    m.set(q.done + n, tok);
    m.set(q.dlen, n + 1);
    if (token === undefined || token === m.get(q.taken)) m.set(q.taken, 0);
  }

  /** Raises an interrupt source (default: the queue's own): a status bit, and the line. */
  raise(source?: string | number): void {
    const q = this.own('raises an interrupt');
    if (source === undefined && q.source < 0 && this.s.status >= 0) {
      this.k.fail(Property.assertion, `${this.k.ctx.name} raises its queue's interrupt, but ${this.k.ctx.queue} is not among the adapter's sources (${this.s.sources.join(', ')})`);
    }
    this.device.raise(this.k.m, source === undefined ? q.source : this.bit(source, 'raises an interrupt'));
  }
}
