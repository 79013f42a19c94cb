/**
 * The kernel as a step sees it: `k` in `(s, k) => { ... }`. It names the running
 * context and offers the primitives a driver calls. Blocking calls (spin lock,
 * mutex, event wait, DPC flush, synchronize-execution) make the whole step wait
 * until they can complete: a step is atomic, so it runs only in a state where
 * every wait in it is satisfied. Put a blocking call first in its step, as in
 * driver code, so the step reads as "wait, then act".
 */
import { KernelCore } from './core.js';
import * as spin from './spinlock.js';
import * as mtx from './mutex.js';
import * as ev from './event.js';
import * as dpc from './dpc.js';
import * as timer from './timer.js';
import * as il from './interlocked.js';
import * as obj from './object.js';
import * as stack from './stack.js';
import * as sync from './synchronize.js';
import type { WaitOptions, WaitResult, MutexWaitResult } from './timeout.js';
import { Property } from '../violation.js';
import type { ValueArray } from '../schema.js';
import type { CallInfo, HwOps, OsOps } from './ports.js';

import type { NumKeys, ScalarKeys } from './interlocked.js';

export class Kernel extends KernelCore {
  /** The simulated adapter (set by the engine when the model declares one). */
  hwPort: HwOps | null = null;
  /** The OS side (set by the engine). */
  osPort: OsOps | null = null;

  /** The simulated adapter: k.hw.submit, k.hw.ackInterrupt, ... */
  get hw(): HwOps {
    if (!this.hwPort) this.fail(Property.assertion, `${this.ctx.name} uses k.hw, but the model declares no adapter (add adapter: { queues: { ... } })`);
    return this.hwPort;
  }
  /** The call this context serves: DDI, level, class, child, PDEV, flags; null outside a call. */
  get callInfo(): CallInfo | null { return this.osPort?.callInfo(this) ?? null; }
  /** Conformance mode: the dispatched call enters the driver now (checked against the contract). */
  enterDriver(): void {
    if (!this.osPort) this.fail(Property.assertion, `${this.ctx.name} calls k.enterDriver() but the scenario dispatches no calls`);
    this.osPort.enterDriver(this);
  }
  /** Conformance mode: the dispatched call leaves the driver. */
  leaveDriver(): void {
    if (!this.osPort) this.fail(Property.assertion, `${this.ctx.name} calls k.leaveDriver() but the scenario dispatches no calls`);
    this.osPort.leaveDriver(this);
  }
  /** The DDI this context is executing, or null. */
  get call(): string | null {
    const slot = this.sys.call[this.ctx.id];
    if (slot < 0) return null;
    const v = this.m.get(slot);
    return v === 0 ? null : this.sys.ddiNames[v - 1];
  }
  /** The MSI message number the ISR was called for (0 for a line-based interrupt). */
  get messageNumber(): number { return this.sys.isrMessage < 0 ? 0 : this.m.get(this.sys.isrMessage); }
  /** The adapter this context runs for (scenario `adapters`): a DPC's own, the one whose interrupt the ISR serves; 0 otherwise. */
  get adapter(): number { return dpc.adapterOf(this); }
  get id(): number { return this.ctx.id; }
  get name(): string { return this.ctx.name; }
  get kind(): string { return this.ctx.kind; }
  get process(): number { return this.ctx.process; }
  get thread(): number { return this.ctx.thread; }
  get session(): number { return this.ctx.session; }
  /** Index among the contexts running the same procedure (worker 0, 1, ...). */
  get index(): number { return this.ctx.index; }

  /** A step assertion: a failing one is a violation of `property` (default "assertion"). */
  assert(cond: unknown, message: string, property: string = Property.assertion): void {
    if (!cond) this.fail(property, message);
  }
  /** Waits (the step is not enabled) until `cond` holds. */
  await(cond: unknown): void { if (!cond) this.block(); }

  acquireSpinLock(lock: object): void { spin.acquireSpinLock(this, lock); }
  tryAcquireSpinLock(lock: object): boolean { return spin.tryAcquireSpinLock(this, lock); }
  releaseSpinLock(lock: object): void { spin.releaseSpinLock(this, lock); }
  /**
   * KeWaitForSingleObject on a mutex (KMUTEX, or ExAcquireFastMutex for a
   * FAST_MUTEX): the step waits until it is free. With `{ timeout: true }` (a
   * KMUTEX only) the step has two outcomes, 'acquired' and 'timeout', and the
   * checker explores both (only the timeout while another context owns it).
   */
  acquireMutex(m: object): void;
  acquireMutex(m: object, opts: WaitOptions): MutexWaitResult;
  acquireMutex(m: object, opts?: WaitOptions): void | MutexWaitResult {
    if (opts?.timeout === true) return mtx.acquireMutexTimed(this, m);
    mtx.acquireMutex(this, m);
  }
  releaseMutex(m: object): void { mtx.releaseMutex(this, m); }
  setEvent(e: object): boolean { return ev.setEvent(this, e); }
  resetEvent(e: object): boolean { return ev.resetEvent(this, e); }
  readEvent(e: object): boolean { return ev.readEvent(this, e); }
  /**
   * KeWaitForSingleObject on an event: the step waits until it is signaled. With
   * `{ timeout: true }` it returns 'signaled' or 'timeout' (STATUS_TIMEOUT), and the
   * checker explores both outcomes while the event is signaled, and the timeout
   * alone while it is not: one step, e.g.
   * `k.waitEvent(s.local.done, { timeout: true }) === 'timeout' ? 'cancel' : 'return'`.
   */
  waitEvent(e: object): void;
  waitEvent(e: object, opts: WaitOptions): WaitResult;
  waitEvent(e: object, opts?: WaitOptions): void | WaitResult {
    if (opts?.timeout === true) return ev.waitEventTimed(this, e);
    ev.waitEvent(this, e);
  }
  /** KeInsertQueueDpc (DxgkCbQueueDpc): false when it was already queued. `adapter`: whose DPC object, with several adapters (default the context's own). */
  queueDpc(name: string, adapter?: number): boolean { return dpc.queueDpc(this, name, adapter); }
  /** KeRemoveQueueDpc: true when it was queued (the DPC will not run for that queueing). */
  removeQueuedDpc(name: string, adapter?: number): boolean { return dpc.removeQueuedDpc(this, name, adapter); }
  flushQueuedDpcs(): void { dpc.flushQueuedDpcs(this); }
  setTimer(name: string, opts?: { periodic?: boolean }): boolean { return timer.setTimer(this, name, opts); }
  cancelTimer(name: string): boolean { return timer.cancelTimer(this, name); }
  timerArmed(name: string): boolean { return timer.timerArmed(this, name); }
  interlockedIncrement<O extends object>(o: O, key: NumKeys<O>): number { return il.interlockedAdd(this, o, key, 1); }
  interlockedDecrement<O extends object>(o: O, key: NumKeys<O>): number { return il.interlockedAdd(this, o, key, -1); }
  interlockedAdd<O extends object>(o: O, key: NumKeys<O>, delta: number): number { return il.interlockedAdd(this, o, key, delta); }
  /** InterlockedExchange on a number, BOOLEAN or enum field: `k.interlockedExchange(s.g, 'stopping', true)` returns the old value. */
  interlockedExchange<O extends object, K extends ScalarKeys<O>>(o: O, key: K, v: O[K]): O[K] { return il.interlockedExchange(this, o, key, v); }
  /** InterlockedCompareExchange: stores `v` if the field equals `comparand` (e.g. `'busy'` if `'idle'`); returns the old value. */
  interlockedCompareExchange<O extends object, K extends ScalarKeys<O>>(o: O, key: K, v: O[K], comparand: O[K]): O[K] {
    return il.interlockedCompareExchange(this, o, key, v, comparand);
  }
  /**
   * Takes the address of a stack object of this context (`s.local.x`, declared with
   * stackEvent or stackRecord) to hand to another context: returns the reference to
   * store (in a stackRef() field). It stays valid until this procedure returns.
   */
  publish(stackObject: object): number { return stack.publish(this, stackObject); }
  /**
   * The stack object behind a reference from k.publish, to set, wait on or write;
   * after the call that owns it returned (or for NULL) a use-after-free violation.
   */
  stackObject<V extends object = object>(ref: number): V { return stack.deref<V>(this, ref); }
  /** Allocates an object from a pool: its handle, or 0 when none is free. */
  alloc(pool: ValueArray<object>): number { return obj.alloc(this, pool); }
  free(pool: ValueArray<object>, h: number): void { obj.free(this, pool, h); }
  isAlive(pool: ValueArray<object>, h: number): boolean { return obj.isAlive(this, pool, h); }
  /** The object behind a handle; a freed object or NULL is a use-after-free violation. */
  use<E>(pool: ValueArray<E>, h: number): E {
    obj.checkLive(this, pool, h);
    return pool[h - 1];
  }

  /**
   * KeSynchronizeExecution / DxgkCbSynchronizeExecution: runs `f` at DIRQL holding
   * the interrupt lock, so it never overlaps the ISR, and returns what `f` returns
   * (the BOOLEAN of the synchronize routine). The step waits while the ISR runs.
   */
  synchronizeExecution<T>(f: () => T): T { return sync.synchronizeExecution(this, f); }
}
