/**
 * `k.hw`: the operations a driver step performs on the simulated adapter. Every
 * operation that touches the GPU (registers, the ring, the interrupt controller,
 * the frame buffer) is checked: not while the device is powered down (D3, or the
 * power component it needs out of F0), not from a TDR cleanup call (the OS tells
 * the driver to leave the GPU alone then), and the frame buffer not by anyone
 * but the reset itself while a reset runs.
 */
import type { KernelCore } from '../model/kernel/core.js';
import type { OsView } from '../os/view.js';
import type { Adapter } from './adapter.js';

/** What k.hw reads of the system: the OS side's view, with the whole compiled adapter. */
type HwView = Omit<OsView, 'adapter'> & { readonly adapter: Adapter | null };
import type { OsEnvironment } from '../os/environment.js';
import type { HwOps } from '../model/kernel/ports.js';
import { Rule } from '../os/rules.js';
import { Property } from '../model/violation.js';
import { DIRQL, irqlName } from '../model/kernel/irql.js';
import { DeviceSide } from './status.js';

export class Hw implements HwOps {
  private readonly s;
  constructor(private readonly k: KernelCore, private readonly sys: HwView, private readonly env: OsEnvironment) {
    this.s = env.hw!;
  }

  private queue(name: string) {
    const q = this.s.queues.get(name);
    if (!q) this.k.fail(Property.assertion, `${this.k.ctx.name} uses adapter queue "${name}", which the model does not declare (declared: ${[...this.s.queues.keys()].join(', ') || 'none'})`);
    return q;
  }

  /** The current call's kind, if the context is in a call. */
  private callKind(): number {
    // The init kernel (id -1) serves no call.
    if (this.k.ctx.id < 0) return -1;
    const slot = this.sys.slots.call[this.k.ctx.id];
    return slot < 0 ? -1 : this.k.m.get(slot) - 1;
  }

  private component(c: number): number {
    const slot = this.s.components[c];
    if (slot === undefined) this.k.fail(Property.assertion, `${this.k.ctx.name} uses power component ${c}, but the adapter declares ${this.s.components.length} (adapter: { components: n })`);
    return slot;
  }

  /** Checks a GPU access named `what`; `component`: the power component it needs in F0. */
  touch(what: string, component?: number): void {
    const m = this.k.m;
    if (m.get(this.s.power) !== 0) this.k.fail(Rule.gpuPoweredDown, `${this.k.ctx.name} ${what} while the adapter is in D3 (powered down)`);
    if (component !== undefined && component >= 0) {
      const f = m.get(this.component(component));
      if (f !== 0) this.k.fail(Rule.gpuPoweredDown, `${this.k.ctx.name} ${what} while power component ${component} is in F${f} (not active)`);
    }
    if (this.env.handsOff(m)) this.k.fail(Rule.gpuAfterRemoval, `${this.k.ctx.name} ${what} after DxgkDdiNotifySurpriseRemoval returned: the device is gone, and the driver must not touch it`);
    const kind = this.callKind();
    if (kind >= 0 && this.env.inCleanup(m, kind)) {
      this.k.fail(Rule.gpuInCleanup, `${this.k.ctx.name} ${what} during ${this.sys.calls[kind].key}, a TDR cleanup call: the GPU was just reset and the OS expects the driver to leave it alone`);
    }
  }

  /** Puts `token` (a fence, a buffer handle) on queue `name`; false if the queue is full. */
  submit(name: string, token: number): boolean {
    const q = this.queue(name);
    const info = this.sys.adapter!.queues.find((x) => x.name === name)!;
    this.touch(`submits to ${name}`, info.component);
    const m = this.k.m;
    const n = m.get(q.plen);
    if (n >= q.depth) return false;
    const tok = info.tokens;
    if (!Number.isInteger(token) || token < 1 || token > tok) this.k.fail(Property.range, `${this.k.ctx.name} submits token ${token} to ${name}, outside 1..${tok}; raise the queue's tokens bound`);
    m.set(q.pending + n, token);
    m.set(q.plen, n + 1);
    m.set(this.s.evicted, 0);
    return true;
  }

  /** Entries queue `name` still has for the device. */
  pending(name: string): number { return this.k.m.get(this.queue(name).plen); }

  /** Takes the oldest completed token from queue `name` (the used ring); 0 when there is none. */
  takeCompleted(name: string): number {
    const q = this.queue(name);
    const m = this.k.m;
    const n = m.get(q.dlen);
    if (n === 0) return 0;
    const tok = m.get(q.done);
    for (let i = 0; i < n - 1; i++) m.set(q.done + i, m.get(q.done + i + 1));
    m.set(q.done + n - 1, 0);
    m.set(q.dlen, n - 1);
    return tok;
  }

  /**
   * True when the adapter is idle as the level-2 page means it: nothing in
   * flight, every completion taken off the used rings (reported), not hung.
   * What an OS-side dispatcher waits for before it lets a level-2 or level-3 call in.
   */
  idle(): boolean {
    const m = this.k.m;
    if (m.get(this.s.hung) === 1) return false;
    for (const q of this.s.queues.values()) if (m.get(q.plen) > 0 || m.get(q.dlen) > 0 || (q.taken >= 0 && m.get(q.taken) !== 0)) return false;
    return true;
  }

  get hung(): boolean { return this.k.m.get(this.s.hung) === 1; }
  get power(): 'D0' | 'D3' { return this.k.m.get(this.s.power) === 0 ? 'D0' : 'D3'; }
  get evicted(): boolean { return this.k.m.get(this.s.evicted) === 1; }

  /** Sets the device power state (the driver's SetPowerState does this). */
  setPower(state: 'D0' | 'D3'): void { this.k.m.set(this.s.power, state === 'D0' ? 0 : 1); }

  /** The F-state of runtime power component `c` (0 = F0, active). */
  componentFState(c: number): number { return this.k.m.get(this.component(c)); }

  /** Moves power component `c` to F-state `f` (the driver's SetPowerComponentFState does this). */
  setComponentFState(c: number, f: number): void {
    const max = this.sys.adapter!.maxFState;
    if (!Number.isInteger(f) || f < 0 || f > max) this.k.fail(Property.range, `${this.k.ctx.name} sets power component ${c} to F${f}, outside F0..F${max}; raise the adapter's maxFState`);
    this.k.m.set(this.component(c), f);
  }

  /**
   * The video memory manager evicts every allocation to host memory: what the OS
   * does before a level-3 call (a dispatcher in conformance mode calls it; in
   * driver mode the OS does it as the call enters). New work makes memory resident again.
   */
  evict(): void { this.k.m.set(this.s.evicted, 1); }

  /** Whether the interrupt line is enabled, and whether it is asserted (pending). */
  get interruptsEnabled(): boolean { return this.k.m.get(this.s.intEnabled) === 1; }
  get interruptPending(): boolean { return this.k.m.get(this.s.intPending) === 1; }

  enableInterrupts(on: boolean): void {
    this.touch(`${on ? 'enables' : 'disables'} interrupts`);
    this.k.m.set(this.s.intEnabled, on ? 1 : 0);
  }

  /** Reads and clears the interrupt status (every source's bit); true if an interrupt was pending. */
  ackInterrupt(): boolean {
    this.touch('acknowledges an interrupt');
    const was = this.k.m.get(this.s.intPending) === 1;
    this.k.m.set(this.s.intPending, 0);
    if (this.s.status >= 0) this.k.m.set(this.s.status, 0);
    return was;
  }

  /** Interrupt status register, enable bits, device reset and the device procedure's side: see status.ts. */
  private get st(): DeviceSide { return this.side ??= new DeviceSide(this.k, this.s, this.env.device!, this); }
  private side?: DeviceSide;
  readStatus(): number { return this.st.readStatus(); }
  ackSource(source: string | number): boolean { return this.st.ackSource(source); }
  enableSource(source: string | number, on: boolean): void { this.st.enableSource(source, on); }
  sourceEnabled(source: string | number): boolean { return this.st.sourceEnabled(source); }
  reset(): void { this.st.reset(); }
  get entry(): number { return this.st.entry; }
  complete(token?: number): void { this.st.complete(token); }
  raise(source?: string | number): void { this.st.raise(source); }

  /** A register access with no modelled effect beyond the checks; `component`: the power component it needs active. */
  register(what = 'accesses a register', component?: number): void { this.touch(what, component); }

  /**
   * An access to the frame buffer: while DxgkDdiResetFromTimeout runs, nobody but
   * the reset itself, the ISR and DPCs (which the TDR page says go on being
   * called during the reset, and which the driver orders with it through
   * DxgkCbSynchronizeExecution): applications cannot touch it then, and a driver
   * thread that does races the reset.
   */
  frameBuffer(what = 'touches the frame buffer'): void {
    const kind = this.k.ctx.kind;
    const r = kind === 'isr' || kind === 'dpc' || kind === 'device' ? -1 : this.env.resetRunning(this.k.m, this.k.ctx.id);
    if (r >= 0) this.k.fail(Rule.frameBufferDuringReset, `${this.k.ctx.name} ${what} while ${this.sys.contexts[r].info.name} runs DxgkDdiResetFromTimeout`);
    this.touch(what);
  }

  /**
   * DxgkCbNotifyInterrupt(DMA_COMPLETED): fences must be reported in order, at
   * DIRQL (from the ISR, or inside DxgkCbSynchronizeExecution).
   */
  notifyDmaCompleted(fence: number): void {
    const m = this.k.m;
    if (this.k.irql !== DIRQL) this.k.fail(Property.irql, `${this.k.ctx.name} calls DxgkCbNotifyInterrupt at ${irqlName(this.k.irql)}; it is called at DIRQL, from the ISR or inside DxgkCbSynchronizeExecution`);
    const last = m.get(this.s.notified);
    if (fence < last) this.k.fail(Rule.fenceOrder, `${this.k.ctx.name} reports fence ${fence} completed after fence ${last}: fences complete in order`);
    const max = this.sys.adapter!.config.fences ?? 7;
    if (fence > max) this.k.fail(Property.range, `${this.k.ctx.name} reports fence ${fence}, above the adapter's fences bound ${max}`);
    m.set(this.s.notified, fence);
  }
}
