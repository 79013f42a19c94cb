/**
 * How a model declares its simulated adapter (`adapter: { ... }`): queues, the
 * allocations a TDR pages, power and runtime power components. The model
 * language states it; adapter/adapter.ts compiles it into the hardware's state.
 */

export interface QueueConfig {
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
}

export interface AdapterConfig {
  /** Queues by name, e.g. `{ dma: { depth: 2, tokens: 3 } }` or virtqueues `{ ctrl: { depth: 2, order: 'any' } }`. */
  readonly queues?: Readonly<Record<string, QueueConfig>>;
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

