/**
 * Flattens a schema into slots of a fixed-width integer vector: every leaf gets
 * one slot, in declaration order. Both backends share this layout: the fast one
 * works on the vector directly, the immer one encodes its plain objects into it
 * to fingerprint them and to diff states for traces.
 */
import type { Access, Type } from './schema.js';

/** One leaf of the state vector. */
export interface Slot {
  readonly index: number;
  /** Dotted path for people: `g.queue[1].head`. */
  readonly path: string;
  /** Keys from the root, for walking plain objects. */
  readonly keys: readonly (string | number)[];
  readonly type: Type & { kind: 'int' | 'bool' | 'enum' };
  readonly min: number;
  readonly max: number;
  readonly init: number;
  readonly access: Access;
  /** Index of the `$live` slot of the pool element this slot is inside, or -1. */
  readonly liveSlot: number;
  /** Name of the pool the slot belongs to, if any. */
  readonly pool?: string;
  /** `context` when the slot holds a context reference (see `t.context`). */
  readonly ref?: 'context';
  /** The process whose element of a per-process array (`t.perProcess`) the slot is in, or -1. */
  readonly process: number;
}

export interface Layout {
  readonly slots: readonly Slot[];
  readonly width: number;
  readonly bySlotPath: ReadonlyMap<string, number>;
}

/** Encodes a leaf value as the integer stored in its slot. */
export function encodeLeaf(type: Slot['type'], v: unknown): number {
  switch (type.kind) {
    case 'int': return v as number;
    case 'bool': return v ? 1 : 0;
    case 'enum': return type.values.indexOf(v as string);
  }
}
/** Decodes a slot integer as the value a step sees. */
export function decodeLeaf(type: Slot['type'], n: number): number | boolean | string {
  switch (type.kind) {
    case 'int': return n;
    case 'bool': return n !== 0;
    case 'enum': return type.values[n];
  }
}

/** Lays out `root` (normally the whole system record). */
export function layout(root: Type, rootPath = ''): Layout {
  const slots: Slot[] = [];
  const walk = (type: Type, path: string, keys: (string | number)[], access: Access, liveSlot: number, pool: string | undefined, process: number): void => {
    const acc = type.access ?? access;
    switch (type.kind) {
      case 'int': case 'bool': case 'enum': {
        const [min, max] = type.kind === 'int' ? [type.min, type.max] : type.kind === 'bool' ? [0, 1] : [0, type.values.length - 1];
        const ref = type.kind === 'int' ? type.ref : undefined;
        slots.push({ index: slots.length, path, keys, type, min, max, init: encodeLeaf(type, type.init), access: acc, liveSlot, pool, process, ...(ref ? { ref } : {}) });
        return;
      }
      case 'array':
        for (let i = 0; i < type.length; i++) {
          const p = `${path}[${i}]`;
          // An element of a per-process array belongs to process i (an outer one wins).
          const proc = process < 0 && type.perProcess ? i : process;
          if (type.pool !== undefined) {
            // The $live flag comes first in each element so fields can point at it.
            const live = slots.length;
            const elem = type.of as Extract<Type, { kind: 'record' }>;
            walk(elem.fields.$live, `${p}.$live`, [...keys, i, '$live'], 'sync', -1, type.pool, proc);
            for (const [k, f] of Object.entries(elem.fields)) if (k !== '$live') walk(f, `${p}.${k}`, [...keys, i, k], acc, live, type.pool, proc);
          } else walk(type.of, p, [...keys, i], acc, liveSlot, pool, proc);
        }
        return;
      case 'record':
        for (const [k, f] of Object.entries(type.fields)) walk(f, path ? `${path}.${k}` : k, [...keys, k], acc, liveSlot, pool, process);
        return;
    }
  };
  walk(root, rootPath, [], 'data', -1, undefined, -1);
  return { slots, width: slots.length, bySlotPath: new Map(slots.map((s) => [s.path, s.index])) };
}
