/**
 * Object lifetime. A pool is a fixed number of objects of one record type, each
 * alive or freed; handles are 1-based indexes (0 is NULL). Allocating resets the
 * object; freeing resets it too, so freed objects do not multiply states. Reaching
 * into a freed object (through a handle or by indexing the pool), freeing twice,
 * or dereferencing NULL is a use-after-free violation.
 */
import { t, LIVE, type ArrayType, type RecordType, type Fields, type IntType, type Type } from '../schema.js';
import { Property } from '../violation.js';
import type { KernelCore, PoolInfo } from './core.js';

export type { PoolInfo } from './core.js';

export type PoolType<F extends Fields = Fields> = ArrayType<RecordType<F>>;

/** Declares a pool of `size` objects named `name` (the name appears in messages). */
export function pool<F extends Fields>(name: string, size: number, fields: F): PoolType<F> {
  const elem = t.record(fields);
  return { kind: 'array', length: size, pool: name, of: { ...elem, fields: { [LIVE]: { kind: 'bool', init: false, access: 'sync' }, ...fields } as F } };
}

/** A handle into a pool of `size` objects: 0 is NULL. */
export function handle(size: number): IntType { return t.int(0, size); }

function width(type: Type): number {
  switch (type.kind) {
    case 'array': return type.length * width(type.of);
    case 'record': return Object.values(type.fields).reduce((n, f) => n + width(f), 0);
    default: return 1;
  }
}

export function poolInfo(type: PoolType): PoolInfo {
  const inits: number[] = [];
  const collect = (ty: Type): void => {
    if (ty.kind === 'record') Object.values(ty.fields).forEach(collect);
    else if (ty.kind === 'array') for (let i = 0; i < ty.length; i++) collect(ty.of);
    else inits.push(ty.kind === 'int' ? ty.init : ty.kind === 'bool' ? (ty.init ? 1 : 0) : ty.values.indexOf(ty.init));
  };
  collect(type.of);
  return { name: type.pool!, size: type.length, elementWidth: width(type.of), inits };
}

function reset(k: KernelCore, base: number, info: PoolInfo, live: number): void {
  for (let i = 0; i < info.elementWidth; i++) k.m.set(base + i, info.inits[i]);
  k.m.set(base, live);
}

/** Allocates the first free object; returns its handle, or 0 when the pool is exhausted. */
export function alloc(k: KernelCore, poolView: object): number {
  const info = k.m.pool(poolView);
  const b = k.m.base(poolView);
  for (let i = 0; i < info.size; i++) {
    const e = b + i * info.elementWidth;
    if (k.m.get(e) === 0) { reset(k, e, info, 1); return i + 1; }
  }
  return 0;
}

function elementBase(k: KernelCore, poolView: object, info: PoolInfo, h: number, verb: string): number {
  if (!Number.isInteger(h) || h < 0 || h > info.size) k.fail(Property.useAfterFree, `${k.ctx.name} ${verb} ${info.name} handle ${h}, which is not a handle of that pool`);
  if (h === 0) k.fail(Property.useAfterFree, `${k.ctx.name} ${verb} a NULL ${info.name}`);
  return k.m.base(poolView) + (h - 1) * info.elementWidth;
}

export function free(k: KernelCore, poolView: object, h: number): void {
  const info = k.m.pool(poolView);
  const e = elementBase(k, poolView, info, h, 'frees');
  if (k.m.get(e) === 0) k.fail(Property.useAfterFree, `${k.ctx.name} frees ${info.name} #${h} twice`);
  reset(k, e, info, 0);
}

export function isAlive(k: KernelCore, poolView: object, h: number): boolean {
  const info = k.m.pool(poolView);
  if (h < 1 || h > info.size) return false;
  return k.m.get(k.m.base(poolView) + (h - 1) * info.elementWidth) === 1;
}

/** Checks a handle before use; the caller then indexes the pool with h - 1. */
export function checkLive(k: KernelCore, poolView: object, h: number): void {
  const info = k.m.pool(poolView);
  const e = elementBase(k, poolView, info, h, 'uses');
  if (k.m.get(e) === 0) k.fail(Property.useAfterFree, `${k.ctx.name} uses ${info.name} #${h} after it was freed`);
}
