/**
 * KSPIN_LOCK. Acquiring raises the context to DISPATCH_LEVEL and remembers the
 * old IRQL; releasing restores it. Acquiring above DISPATCH_LEVEL, acquiring a
 * lock the context already holds (it would spin forever) and releasing a lock
 * held by someone else are violations.
 */
import { MAX_CONTEXT_REF, t, type RecordType, type IntType } from '../schema.js';
import { DISPATCH_LEVEL, MAX_IRQL, irqlName } from './irql.js';
import { Property } from '../violation.js';
import type { KernelCore } from './core.js';

/** Owners are context ids + 1; this bounds the contexts a system may have. */
export const MAX_OWNER = MAX_CONTEXT_REF;

/** The `object` name of a spin lock's type. */
export const SPIN_LOCK = 'spin lock';

export type SpinLockType = RecordType<{ owner: IntType; saved: IntType }>;

/** Declares a spin lock in model state. */
export function spinLock(): SpinLockType {
  return { kind: 'record', access: 'sync', object: SPIN_LOCK, fields: { owner: t.context(), saved: t.int(0, MAX_IRQL) } };
}

export function acquireSpinLock(k: KernelCore, lock: object): void {
  const b = k.m.base(lock);
  const irql = k.irql;
  if (irql > DISPATCH_LEVEL) k.fail(Property.irql, `${k.ctx.name} acquires a spin lock at ${irqlName(irql)}; KeAcquireSpinLock requires IRQL <= DISPATCH_LEVEL`);
  const owner = k.m.get(b);
  if (owner === k.owner) k.fail(Property.deadlock, `${k.ctx.name} acquires a spin lock it already holds: it spins forever`);
  if (owner !== 0) k.block();
  k.m.set(b, k.owner);
  k.m.set(b + 1, irql);
  k.irql = DISPATCH_LEVEL;
  k.m.held(b, true);
}

/** KeTryToAcquireSpinLockAtDpcLevel-style: returns false instead of waiting. */
export function tryAcquireSpinLock(k: KernelCore, lock: object): boolean {
  const b = k.m.base(lock);
  if (k.m.get(b) !== 0) return false;
  acquireSpinLock(k, lock);
  return true;
}

export function releaseSpinLock(k: KernelCore, lock: object): void {
  const b = k.m.base(lock);
  const owner = k.m.get(b);
  if (owner !== k.owner) k.fail(Property.lockDiscipline, `${k.ctx.name} releases a spin lock held by ${k.who(owner)}`);
  k.m.set(b, 0);
  k.irql = k.m.get(b + 1);
  k.m.set(b + 1, 0);
  k.m.held(b, false);
}
