/**
 * Draft views over an encoded state vector, for the fast backend. Each record
 * and array of the schema becomes one object built once, whose accessors read
 * and write slots of a shared buffer directly: running a step allocates nothing.
 * Writes are range-checked, reads and writes of data slots are tracked (every
 * read, in the tracker's watch mode), and
 * reaching into a freed pool element is a use-after-free violation.
 */
import type { Type } from '../model/schema.js';
import type { Layout, Slot } from '../model/layout.js';
import { poolInfo, type PoolInfo, type PoolType } from '../model/kernel/object.js';
import { Property, Violation } from '../model/violation.js';
import type { Tracker } from './tracker.js';
import { readOnlyError } from './inspect.js';

/** Symbol under which every composite view (both backends) exposes its first slot. */
export const BASE = Symbol('ddicheck.base');
/** Symbol under which a pool view exposes its PoolInfo. */
export const POOL = Symbol('ddicheck.pool');

/** The violation for writing an index past an array's end (shared by both backends). */
export function pastEndViolation(key: string, length: number): Violation {
  return new Violation(Property.range, `index ${key} is past the end of an array of ${length} (its indexes are 0..${length - 1}); arrays have the length their schema declares`);
}

const INDEX = /^\d+$/;

/**
 * Below the array methods: catches assignments to an index an array view does not
 * have (own index properties are found first, so this costs nothing in range).
 * Array views are not extensible, so without it such a write is a bare TypeError.
 */
const pastEnd = new Proxy(Object.prototype, {
  set(target, key, v, receiver: { length: number }) {
    if (typeof key === 'string' && INDEX.test(key)) throw pastEndViolation(key, receiver.length);
    return Reflect.set(target, key, v, receiver);
  },
});

/** Methods every fixed-length array view shares (both backends). */
export const arrayMethods = {
  *[Symbol.iterator](this: ArrayLike<unknown>) { for (let i = 0; i < this.length; i++) yield this[i]; },
  some(this: ArrayLike<unknown>, f: (v: unknown, i: number) => boolean) { for (let i = 0; i < this.length; i++) if (f(this[i], i)) return true; return false; },
  every(this: ArrayLike<unknown>, f: (v: unknown, i: number) => boolean) { for (let i = 0; i < this.length; i++) if (!f(this[i], i)) return false; return true; },
  indexOf(this: ArrayLike<unknown>, v: unknown) { for (let i = 0; i < this.length; i++) if (this[i] === v) return i; return -1; },
  includes(this: ArrayLike<unknown>, v: unknown) { for (let i = 0; i < this.length; i++) if (this[i] === v) return true; return false; },
  forEach(this: ArrayLike<unknown>, f: (v: unknown, i: number) => void) { for (let i = 0; i < this.length; i++) f(this[i], i); },
  map(this: ArrayLike<unknown>, f: (v: unknown, i: number) => unknown) { const r = []; for (let i = 0; i < this.length; i++) r.push(f(this[i], i)); return r; },
  filter(this: ArrayLike<unknown>, f: (v: unknown, i: number) => boolean) { const r = []; for (let i = 0; i < this.length; i++) if (f(this[i], i)) r.push(this[i]); return r; },
  reduce(this: ArrayLike<unknown>, f: (a: unknown, v: unknown, i: number) => unknown, init: unknown) { let a = init; for (let i = 0; i < this.length; i++) a = f(a, this[i], i); return a; },
};
Object.setPrototypeOf(arrayMethods, pastEnd);

/** The violation for writing an out-of-range value (shared by both backends). */
export function rangeViolation(slot: Slot, v: unknown): Violation {
  const t = slot.type;
  const allowed = t.kind === 'int' ? `${t.min}..${t.max}` : t.kind === 'bool' ? 'true or false' : t.values.join(' | ');
  return new Violation(Property.range, `${slot.path} = ${JSON.stringify(v)} is outside its declared range (${allowed}); widen the schema if this value is legitimate`);
}

/** Encodes a value for a slot, or returns -1 when it is not a legal value (shared by both backends). */
export function encodeChecked(slot: Slot, v: unknown): number {
  switch (slot.type.kind) {
    case 'int': return typeof v === 'number' && Number.isInteger(v) && v >= slot.min && v <= slot.max ? v : -1;
    case 'bool': return typeof v === 'boolean' ? (v ? 1 : 0) : -1;
    case 'enum': return slot.type.values.indexOf(v as string);
  }
}

export function freedViolation(info: PoolInfo, index: number): Violation {
  return new Violation(Property.useAfterFree, `${info.name} #${index + 1} is used after it was freed`);
}

export interface ViewEnv {
  readonly buf: Int32Array; readonly tr: Tracker; readonly layout: Layout;
  /** Views for invariants: every write throws readOnlyError. */
  readonly readOnly?: boolean;
}

/** Builds the view of `type` whose first slot is `base`; returns it and the next free slot. */
export function buildView(type: Type, base: number, env: ViewEnv): [object, number] {
  const { buf, tr, layout } = env;
  if (type.kind === 'record') {
    const o: Record<PropertyKey, unknown> = {};
    Object.defineProperty(o, BASE, { value: base });
    let at = base;
    for (const [k, f] of Object.entries(type.fields)) {
      if (f.kind === 'record' || f.kind === 'array') {
        const [child, next] = buildView(f, at, env);
        Object.defineProperty(o, k, { get: () => child, set: () => { throw new Violation(Property.range, `${layout.slots[at]?.path ?? k}: assign the fields of a record or array one by one`); }, enumerable: true });
        at = next;
      } else { defineLeaf(o, k, layout.slots[at], buf, tr, env.readOnly === true); at++; }
    }
    Object.preventExtensions(o);
    return [o, at];
  }
  if (type.kind === 'array') {
    const o: Record<PropertyKey, unknown> = Object.create(arrayMethods);
    Object.defineProperty(o, BASE, { value: base });
    Object.defineProperty(o, 'length', { value: type.length });
    const info = type.pool !== undefined ? poolInfo(type as PoolType) : undefined;
    if (info) Object.defineProperty(o, POOL, { value: info });
    let at = base;
    for (let i = 0; i < type.length; i++) {
      if (type.of.kind === 'record' || type.of.kind === 'array') {
        const [child, next] = buildView(type.of, at, env);
        const live = at;
        const get = info ? () => { if (tr.all) tr.see(live); if (buf[live] === 0) throw freedViolation(info, i); return child; } : () => child;
        Object.defineProperty(o, i, { get, enumerable: true });
        at = next;
      } else { defineLeaf(o, String(i), layout.slots[at], buf, tr, env.readOnly === true); at++; }
    }
    Object.preventExtensions(o);
    return [o, at];
  }
  throw new Error('internal: buildView on a leaf');
}

function defineLeaf(o: object, key: string, slot: Slot, buf: Int32Array, tr: Tracker, readOnly: boolean): void {
  const i = slot.index;
  const tracked = slot.access === 'data';
  let get: () => unknown;
  let set: (v: unknown) => void;
  switch (slot.type.kind) {
    case 'int': {
      const { min, max } = slot;
      get = tracked ? () => { if (tr.on) tr.read(i); return buf[i]; } : () => { if (tr.all) tr.see(i); return buf[i]; };
      set = (v) => {
        if (typeof v !== 'number' || v < min || v > max || !Number.isInteger(v)) throw rangeViolation(slot, v);
        if (tracked && tr.on) tr.write(i); else if (tr.all) tr.wrote(i);
        buf[i] = v;
      };
      break;
    }
    case 'bool':
      get = tracked ? () => { if (tr.on) tr.read(i); return buf[i] !== 0; } : () => { if (tr.all) tr.see(i); return buf[i] !== 0; };
      set = (v) => {
        if (typeof v !== 'boolean') throw rangeViolation(slot, v);
        if (tracked && tr.on) tr.write(i); else if (tr.all) tr.wrote(i);
        buf[i] = v ? 1 : 0;
      };
      break;
    case 'enum': {
      const values = slot.type.values;
      get = tracked ? () => { if (tr.on) tr.read(i); return values[buf[i]]; } : () => { if (tr.all) tr.see(i); return values[buf[i]]; };
      set = (v) => {
        const n = values.indexOf(v as string);
        if (n < 0) throw rangeViolation(slot, v);
        if (tracked && tr.on) tr.write(i); else if (tr.all) tr.wrote(i);
        buf[i] = n;
      };
      break;
    }
  }
  if (readOnly) set = () => { throw readOnlyError(slot.path); };
  Object.defineProperty(o, key, { get, set, enumerable: true });
}
