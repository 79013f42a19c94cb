/**
 * How a model declares its simulated adapter (`adapter: { ... }`): queues (and
 * the device procedure that serves one), the interrupt sources of the status
 * register, the allocations a TDR pages, power and runtime power components.
 * The model language states it; adapter/adapter.ts compiles it into the
 * hardware's state.
 */
import type { Procedure } from './procedure.js';


export interface QueueConfig<Sc = unknown> {
  /** Entries the queue holds. */
  readonly depth: number;
  /** `fifo`: the device consumes from the head (a GPU ring); `any`: in any order (a paravirtual host). */
  readonly order?: 'fifo' | 'any';
  /** Largest token (fence number, buffer handle) a driver puts in the queue. */
  readonly tokens?: number;
  /**
   * The runtime power component whose engine consumes the queue: the device
   * consumes only while it is in F0, and submitting while it is not is a GPU
   * access while powered down.
   */
  readonly component?: number;
  /**
   * The device side of the queue as a procedure of its own (the host of a
   * virtqueue, a GPU engine's command processor), run by the context
   * `DEVICE_<queue>` instead of the built-in consume move. It starts each time
   * the device takes an entry (the oldest for `fifo`, any for `any`): `k.hw.entry`
   * is that token. Its steps read and write the model's state like any context
   * (so a host reading a buffer the driver is still writing is a data race),
   * and finish the entry with `k.hw.complete()` (onto the used ring) and
   * `k.hw.raise()` (the queue's interrupt source).
   */
  readonly device?: Procedure<Sc>;
}

export interface AdapterConfig<Sc = unknown> {
  /** Queues by name, e.g. `{ dma: { depth: 2, tokens: 3 } }` or virtqueues `{ ctrl: { depth: 2, order: 'any' } }`. */
  readonly queues?: Readonly<Record<string, QueueConfig<Sc>>>;
  /**
   * The device's interrupt sources, in order: each is a bit of the interrupt
   * status register (set when the source raises, read and cleared by the ISR
   * with `k.hw.readStatus()` / `k.hw.ackSource(s)`) with its own enable bit
   * (`k.hw.enableSource(s, on)`: a disabled source does not raise). A queue's
   * name is the source its completions raise; other names (`'config'`) are
   * raised by a device procedure. With MSI of n messages, message i is source i.
   * Without `sources` there is no status register: a completion asserts the line.
   */
  readonly sources?: readonly string[];
  /** Allocations the OS pages during TDR cleanup: their segment kinds (default one `memory`). */
  readonly allocations?: readonly ('memory' | 'aperture')[];
  /** Initial device power state (default D0). */
  readonly power?: 'D0' | 'D3';
  /** Largest fence a driver reports with k.notifyDmaCompleted (default 7). */
  readonly fences?: number;
  /**
   * Runtime power components (DxgkDdiSetPowerComponentFState): how many, each in
   * an F-state from F0 (active) to F`maxFState` (default 0 components).
   */
  readonly components?: number;
  /** Deepest F-state of a component (default 1). */
  readonly maxFState?: number;
}

