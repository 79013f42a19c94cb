/**
 * Kernel mutexes. A KMUTEX may be re-acquired by its owner (it counts depth); a
 * FAST_MUTEX may not (the thread would wait on itself) and raises to APC_LEVEL.
 * Both are waits: taking one at DISPATCH_LEVEL or above, or in the ISR, is an
 * IRQL violation.
 */
import { t, type RecordType, type IntType } from '../schema.js';
import { APC_LEVEL, DISPATCH_LEVEL, MAX_IRQL, irqlName } from './irql.js';
import { Property } from '../violation.js';
import type { KernelCore } from './core.js';
import { timesOut, type MutexWaitResult } from './timeout.js';

export const MAX_MUTEX_DEPTH = 7;
/** The `object` names of mutex types. */
export const KMUTEX = 'KMUTEX';
export const FAST_MUTEX = 'FAST_MUTEX';
export type MutexType = RecordType<{ owner: IntType; depth: IntType; saved: IntType; recursive: IntType }>;

/** Declares a mutex: `recursive` for KMUTEX semantics, false for FAST_MUTEX. */
export function mutex(opts: { recursive: boolean } = { recursive: true }): MutexType {
  const r = opts.recursive ? 1 : 0;
  return {
    kind: 'record', access: 'sync', object: opts.recursive ? KMUTEX : FAST_MUTEX,
    fields: { owner: t.context(), depth: t.int(0, MAX_MUTEX_DEPTH), saved: t.int(0, MAX_IRQL), recursive: t.int(r, r, r) },
  };
}

/** Checks that the running context may wait at all (used by every blocking primitive). */
export function checkMayWait(k: KernelCore, what: string): void {
  if (k.ctx.kind === 'isr') k.fail(Property.irql, `${k.ctx.name} waits on ${what} in the ISR`);
  const irql = k.irql;
  if (irql >= DISPATCH_LEVEL) k.fail(Property.irql, `${k.ctx.name} waits on ${what} at ${irqlName(irql)}; a wait requires IRQL < DISPATCH_LEVEL`);
}

export function acquireMutex(k: KernelCore, m: object): void {
  const b = k.m.base(m);
  const recursive = k.m.get(b + 3) === 1;
  const kind = recursive ? 'a KMUTEX' : 'a FAST_MUTEX';
  if (k.ctx.kind === 'isr') k.fail(Property.irql, `${k.ctx.name} acquires ${kind} in the ISR`);
  checkMayWait(k, kind);
  const owner = k.m.get(b);
  if (owner === k.owner) {
    if (!recursive) k.fail(Property.deadlock, `${k.ctx.name} acquires a FAST_MUTEX it already holds: it waits on itself`);
    const depth = k.m.get(b + 1);
    if (depth >= MAX_MUTEX_DEPTH) k.fail(Property.lockDiscipline, `${k.ctx.name} nests a KMUTEX deeper than ${MAX_MUTEX_DEPTH}`);
    k.m.set(b + 1, depth + 1);
    return;
  }
  if (owner !== 0) k.block();
  k.m.set(b, k.owner);
  k.m.set(b + 1, 1);
  if (!recursive) { k.m.set(b + 2, k.irql); k.irql = APC_LEVEL; }
  k.m.held(b, true);
}

export function releaseMutex(k: KernelCore, m: object): void {
  const b = k.m.base(m);
  const owner = k.m.get(b);
  if (owner !== k.owner) k.fail(Property.lockDiscipline, `${k.ctx.name} releases a mutex held by ${k.who(owner)}`);
  const depth = k.m.get(b + 1) - 1;
  k.m.set(b + 1, depth);
  if (depth > 0) return;
  k.m.set(b, 0);
  if (k.m.get(b + 3) === 0) { k.irql = k.m.get(b + 2); k.m.set(b + 2, 0); }
  k.m.held(b, false);
}

/**
 * KeWaitForSingleObject on a KMUTEX with a timeout: 'acquired', or 'timeout'
 * (not acquired). A FAST_MUTEX has no timed acquire (ExAcquireFastMutex waits
 * for good), so asking for one is a model error.
 */
export function acquireMutexTimed(k: KernelCore, m: object): MutexWaitResult {
  const b = k.m.base(m);
  if (k.m.get(b + 3) !== 1) throw new Error(`${k.ctx.name} acquires a FAST_MUTEX with a timeout: ExAcquireFastMutex has none; declare mutex({ recursive: true }) for a KMUTEX waited on with KeWaitForSingleObject`);
  if (k.ctx.kind === 'isr') k.fail(Property.irql, `${k.ctx.name} acquires a KMUTEX in the ISR`);
  checkMayWait(k, 'a KMUTEX');
  if (timesOut(k, 'KeWaitForSingleObject')) return 'timeout';
  acquireMutex(k, m);
  return 'acquired';
}
