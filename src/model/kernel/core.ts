/**
 * What a kernel primitive needs from the engine: raw access to the slots of the
 * working state, the identity and IRQL of the running context, and the system's
 * static facts (where each DPC's queued flag and each timer live). Primitives
 * touch synchronization objects through slots, never through tracked views, so
 * they never count as data races and behave the same on both backends.
 */
import { BLOCKED, Property, Violation } from '../violation.js';
import { irqlName } from './irql.js';

/** Which outcome of a timed step an action runs: none (a step without a timed wait), completion, or timeout (timeout.ts). */
export type TimedOutcome = 0 | 1 | 2;
export const NOT_TIMED: TimedOutcome = 0;
export const WAIT_COMPLETES: TimedOutcome = 1;
export const WAIT_TIMES_OUT: TimedOutcome = 2;

/** Facts about a pool view that the engine supplies (object.ts). */
export interface PoolInfo { readonly name: string; readonly size: number; readonly elementWidth: number; readonly inits: readonly number[] }

/** One stack object of the system: whose frame it is in and where. */
export interface StackObject {
  /** The context whose locals hold it. */
  readonly owner: number;
  /** Its field name in `local`. */
  readonly field: string;
  /** First slot and the `$frame` slot. */
  readonly base: number;
  readonly frame: number;
  /** The view steps use (over the working state). */
  readonly view: () => object;
}

/** Kinds of execution context. */
/** `device`: a queue's device procedure (the host or GPU side, see adapter-config.ts). */
export type ContextKind = 'thread' | 'worker' | 'isr' | 'dpc' | 'device';

/** Static facts about one context. */
export interface ContextInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: ContextKind;
  /** Process of an OS thread; -1 for the ISR, DPCs and system workers. */
  readonly process: number;
  readonly thread: number;
  readonly session: number;
  /** Index among the contexts running the same procedure. */
  readonly index: number;
  /** The adapter a DPC context belongs to, when the scenario has several (`adapters`). */
  readonly adapter?: number;
  /** The queue a device context serves. */
  readonly queue?: string;
}

/** Static slot facts about the whole system that primitives consult. */
export interface SystemSlots {
  readonly pc: readonly number[];
  readonly irql: readonly number[];
  readonly dpcQueued: ReadonlyMap<string, number>;
  readonly dpcContext: ReadonlyMap<string, number>;
  readonly timerArmed: ReadonlyMap<string, number>;
  readonly timerPeriodic: ReadonlyMap<string, number>;
  readonly isrContext: number;
  /** Slot of the MSI message number the ISR serves, or -1 (one message: number 0). */
  readonly isrMessage: number;
  /** Slot of the adapter whose interrupt the ISR serves, or -1 (one adapter). */
  readonly isrAdapter: number;
  /** Slot holding the DDI index + 1 of each context's call in progress (0: none), or -1. */
  readonly call: readonly number[];
  readonly ddiNames: readonly string[];
  /** pc value meaning "not in any procedure". */
  readonly idlePc: number;
  /** Context names by id, for messages. */
  readonly contextNames: readonly string[];
}

/** The `lock` argument of `Machine.held` that names the interrupt lock. */
export const INTERRUPT_LOCK_SLOT = -1;

/** The engine side of a running step. */
export interface Machine {
  get(slot: number): number;
  set(slot: number, value: number): void;
  /** First slot of a record or array view handed to a step. */
  base(view: object): number;
  /** Facts about a pool view (throws a model error if the view is not a pool). */
  pool(view: object): PoolInfo;
  /** Runs `f` with its reads and writes marked atomic (interlocked operations): they race only with plain accesses. */
  atomic<T>(f: () => T): T;
  /**
   * Tells race detection that the running context took (`on`) or let go of a lock:
   * `lock` is the owner slot of a spin lock or mutex, or -1 for the interrupt lock.
   */
  held(lock: number, on: boolean): void;
  /** The reference of a stack object view (see stack.ts), or 0 when the view is none. */
  stackRef(view: object): number;
  /** The stack object behind a reference, or undefined. */
  stackObject(ref: number): StackObject | undefined;
}

/** Identity and engine access of the running context, for primitives. */
export class KernelCore {
  constructor(readonly ctx: ContextInfo, readonly m: Machine, readonly sys: SystemSlots) {}
  /** Which outcome of a timed wait the running step's action stands for (see timeout.ts). */
  timed: TimedOutcome = NOT_TIMED;
  /** Timed waits the running step has made so far. */
  timedWaits = 0;
  /** The engine starts a step: `timed` is its action's outcome of a timed wait. */
  beginTimed(timed: TimedOutcome | undefined): void { this.timed = timed ?? NOT_TIMED; this.timedWaits = 0; }
  /** True when the running step is a timeout outcome but made no timed wait: that action does not exist in this state. */
  timeoutUnused(): boolean { return this.timed === WAIT_TIMES_OUT && this.timedWaits === 0; }
  /** Owner value stored in lock slots: context id + 1 (0 means free). */
  get owner(): number {
    if (this.ctx.id < 0) this.fail('assertion', 'init takes a lock: init runs before any context and must not take locks');
    return this.ctx.id + 1;
  }
  // The init kernel (id -1) runs at PASSIVE_LEVEL and has no IRQL slot.
  get irql(): number { return this.ctx.id < 0 ? 0 : this.m.get(this.sys.irql[this.ctx.id]); }
  set irql(v: number) { if (this.ctx.id >= 0) this.m.set(this.sys.irql[this.ctx.id], v); }
  block(): never { throw BLOCKED; }
  fail(property: string, message: string): never { throw new Violation(property, message); }
  /** An IRQL violation unless the context runs at `max` or below (`routine` names the call in the message). */
  requireIrqlAtMost(max: number, routine: string): void {
    const irql = this.irql;
    if (irql > max) this.fail(Property.irql, `${this.ctx.name} calls ${routine} at ${irqlName(irql)}; it requires IRQL <= ${irqlName(max)}`);
  }
  /** Context name as traces show it. */
  who(ownerValue: number): string { return ownerValue === 0 ? 'nobody' : this.sys.contextNames[ownerValue - 1] ?? `context ${ownerValue - 1}`; }
}
