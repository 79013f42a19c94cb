/**
 * What a step reaches beyond the kernel: the simulated adapter (`k.hw`) and the
 * OS side of the call it serves (`k.callInfo`, a dispatcher's
 * `k.enterDriver()`). The model layer states only these surfaces; the adapter
 * and the OS environment, above it, implement them, so no arrow runs back up.
 */
import type { KernelCore } from './core.js';

/** The operations a driver step performs on the simulated adapter (see adapter/hw.ts). */
export interface HwOps {
  /** Checks a GPU access named `what`; `component`: the power component it needs in F0. */
  touch(what: string, component?: number): void;
  /** Puts `token` (a fence, a buffer handle) on queue `name`; false if the queue is full. */
  submit(name: string, token: number): boolean;
  /** Entries queue `name` still has for the device. */
  pending(name: string): number;
  /** Takes the oldest completed token from queue `name` (the used ring); 0 when there is none. */
  takeCompleted(name: string): number;
  /** Idle as the level-2 page means it: nothing in flight, every completion taken, not hung. */
  idle(): boolean;
  readonly hung: boolean;
  readonly power: 'D0' | 'D3';
  readonly evicted: boolean;
  /** Sets the device power state (the driver's SetPowerState does this). */
  setPower(state: 'D0' | 'D3'): void;
  /** The F-state of runtime power component `c` (0 = F0, active). */
  componentFState(c: number): number;
  /** Moves power component `c` to F-state `f`. */
  setComponentFState(c: number, f: number): void;
  /** The video memory manager evicts every allocation to host memory. */
  evict(): void;
  readonly interruptsEnabled: boolean;
  readonly interruptPending: boolean;
  enableInterrupts(on: boolean): void;
  /** Reads and clears the interrupt status (every source); true if an interrupt was pending. */
  ackInterrupt(): boolean;
  /** Reads the status register (a bit per declared source) and clears it. */
  readStatus(): number;
  /** Clears one source's status bit (its MSI message was served); true if it was set. */
  ackSource(source: string | number): boolean;
  /** Turns one source's interrupt on or off (a disabled source does not raise). */
  enableSource(source: string | number, on: boolean): void;
  sourceEnabled(source: string | number): boolean;
  /** Resets the device: queues and used rings empty, status clear, device procedures abandon their entry. */
  reset(): void;
  /** A device procedure: the token of the entry it serves (0 once completed). */
  readonly entry: number;
  /** A device procedure: puts `token` (default the entry served) on its queue's used ring; waits while it is full. */
  complete(token?: number): void;
  /** A device procedure: raises an interrupt source (default its queue's). */
  raise(source?: string | number): void;
  /** A register access with no modelled effect beyond the checks. */
  register(what?: string, component?: number): void;
  /** An access to the frame buffer (not beside a reset, but by the ISR and DPCs). */
  frameBuffer(what?: string): void;
  /** DxgkCbNotifyInterrupt(DMA_COMPLETED): in order, at DIRQL. */
  notifyDmaCompleted(fence: number): void;
}

/** A call as a step sees it. */
export interface CallInfo {
  readonly ddi: string;
  readonly key: string;
  readonly level: number | null;
  readonly class: string | null;
  readonly family: string;
  readonly child: number;
  readonly pdev: number;
  readonly instance: number;
  readonly flags: Readonly<Record<string, boolean>>;
}

/** The OS side as a step reaches it (see os/port.ts). */
export interface OsOps {
  callInfo(k: KernelCore): CallInfo | null;
  enterDriver(k: KernelCore): void;
  leaveDriver(k: KernelCore): void;
}
