/**
 * Interlocked read-modify-write on a field of a state record. The access is
 * atomic, so two interlocked operations never race, even on a location declared
 * as plain data; a plain access racing with one still does. Exchange and
 * compare-exchange work on any scalar field: a counter, a BOOLEAN flag
 * (InterlockedExchange8 on a "stopping" flag), or an enum state moved with
 * InterlockedCompareExchange (idle -> busy only if still idle).
 */
import type { KernelCore } from './core.js';

/** Fields of `O` holding numbers (for add, increment, decrement). */
export type NumKeys<O> = { [K in keyof O]: O[K] extends number ? K : never }[keyof O];
/** Fields of `O` holding a number, a boolean or an enum string (for exchange and compare-exchange). */
export type ScalarKeys<O> = { [K in keyof O]: O[K] extends number | boolean | string ? K : never }[keyof O];

export function interlockedAdd<O extends object>(k: KernelCore, obj: O, key: NumKeys<O>, delta: number): number {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, number>;
    const v = r[key as PropertyKey] + delta;
    r[key as PropertyKey] = v;
    return v;
  });
}

/** InterlockedExchange: stores `value`; returns the old value (the range of the field is checked as for any write). */
export function interlockedExchange<O extends object, K extends ScalarKeys<O>>(k: KernelCore, obj: O, key: K, value: O[K]): O[K] {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, O[K]>;
    const old = r[key as PropertyKey];
    r[key as PropertyKey] = value;
    return old;
  });
}

/** InterlockedCompareExchange: stores `value` if the field equals `comparand`; returns the old value. */
export function interlockedCompareExchange<O extends object, K extends ScalarKeys<O>>(k: KernelCore, obj: O, key: K, value: O[K], comparand: O[K]): O[K] {
  return k.m.atomic(() => {
    const r = obj as Record<PropertyKey, O[K]>;
    const old = r[key as PropertyKey];
    if (old === comparand) r[key as PropertyKey] = value;
    return old;
  });
}
