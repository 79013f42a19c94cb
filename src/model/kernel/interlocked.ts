/**
 * Interlocked read-modify-write on a field of a state record. The access is
 * atomic, so two interlocked operations never race, even on a location declared
 * as plain data; a plain access racing with one still does.
 */
import type { KernelCore } from './core.js';

type NumKeys<O> = { [K in keyof O]: O[K] extends number ? K : never }[keyof O];

export function interlockedAdd<O extends object>(k: KernelCore, obj: O, key: NumKeys<O>, delta: number): number {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, number>;
    const v = r[key as PropertyKey] + delta;
    r[key as PropertyKey] = v;
    return v;
  });
}

export function interlockedExchange<O extends object>(k: KernelCore, obj: O, key: NumKeys<O>, value: number): number {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, number>;
    const old = r[key as PropertyKey];
    r[key as PropertyKey] = value;
    return old;
  });
}

/** InterlockedCompareExchange: stores `value` if the field equals `comparand`; returns the old value. */
export function interlockedCompareExchange<O extends object>(k: KernelCore, obj: O, key: NumKeys<O>, value: number, comparand: number): number {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, number>;
    const old = r[key as PropertyKey];
    if (old === comparand) r[key as PropertyKey] = value;
    return old;
  });
}
