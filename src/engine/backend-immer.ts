/**
 * The immer backend: states are frozen plain objects shaped like the schema, and
 * a transition mutates an immer draft through a checking proxy. It is slow and
 * plain on purpose: the oracle the fast backend is compared against.
 */
import { createDraft, finishDraft, type Draft } from 'immer';
import { initialValue, LIVE, type Type } from '../model/schema.js';
import { decodeLeaf, encodeLeaf, type Slot } from '../model/layout.js';
import type { Machine } from '../model/kernel/core.js';
import type { Scope, SystemView, InitScope } from '../model/define.js';
import { poolInfo, type PoolType } from '../model/kernel/object.js';
import { Property, Violation } from '../model/violation.js';
import { Tracker } from './tracker.js';
import { BASE, POOL, arrayMethods, encodeChecked, freedViolation, pastEndViolation, rangeViolation } from './views.js';
import { contextViews, stackTable, type Backend } from './backend.js';
import { baseOf, poolOf } from './backend-fast.js';
import type { System } from './system.js';
import { adapterView, kernelView, readOnlyError } from './inspect.js';

type Plain = Record<string | number, unknown>;

const widths = new WeakMap<Type, number>();
function width(t: Type): number {
  let w = widths.get(t);
  if (w !== undefined) return w;
  w = t.kind === 'record' ? Object.values(t.fields).reduce((n, f) => n + width(f), 0) : t.kind === 'array' ? t.length * width(t.of) : 1;
  widths.set(t, w);
  return w;
}
function fieldOffset(t: Type & { kind: 'record' }, key: string): number {
  let o = 0;
  for (const [k, f] of Object.entries(t.fields)) { if (k === key) return o; o += width(f); }
  return -1;
}

export class ImmerBackend implements Backend<Plain> {
  readonly name = 'immer' as const;
  readonly tracker: Tracker;
  readonly machine: Machine;
  private cur: Plain = {};
  private draft: Draft<Plain> | null = null;
  private proxies = new WeakMap<object, object>();
  private readonly slots: readonly Slot[];
  /** Set while the current state is being inspected: writes through the views throw. */
  private readOnly = false;
  private views?: Pick<SystemView, 'kernel' | 'adapter'>;

  constructor(readonly sys: System) {
    this.slots = sys.layout.slots;
    const tr = this.tracker = new Tracker(sys.lockBits);
    const stack = stackTable(sys, (ctx, field) => (this.scope(ctx).local as Record<string, object>)[field]);
    this.machine = {
      get: (slot) => { const s = this.slots[slot]; return encodeLeaf(s.type, this.walk(s)[s.keys[s.keys.length - 1]]); },
      set: (slot, v) => { const s = this.slots[slot]; this.walk(s)[s.keys[s.keys.length - 1]] = decodeLeaf(s.type, v); },
      base: baseOf, pool: poolOf,
      atomic: <T>(f: () => T): T => tr.atomic(f),
      held: (lock, on) => tr.held(lock, on),
      stackRef: (v) => stack.refOfBase.get(baseOf(v)) ?? 0,
      stackObject: (ref) => stack.objects[ref - 1],
    };
  }

  private walk(s: Slot): Plain {
    let o = this.cur;
    for (let i = 0; i < s.keys.length - 1; i++) o = o[s.keys[i]] as Plain;
    return o;
  }

  initial(): Plain { return initialValue(this.sys.schema) as Plain; }
  begin(state: Plain): void {
    this.readOnly = false;
    this.draft = createDraft(state);
    this.cur = this.draft as Plain;
    this.proxies = new WeakMap();
  }
  commit(): Plain {
    const next = finishDraft(this.draft!) as Plain;
    this.draft = null;
    this.cur = next;
    return next;
  }
  scope(ctx: number): Scope {
    const c = this.sys.contexts[ctx].info;
    const root = this.wrap(this.cur, this.sys.schema, 0) as Record<string, any>;
    return { g: root.g, session: root.sessions[c.session], local: root.ctx[c.name].local };
  }
  initScope(): InitScope {
    const root = this.wrap(this.cur, this.sys.schema, 0) as Record<string, any>;
    return { g: root.g, sessions: Array.from({ length: (this.cur.sessions as unknown[]).length }, (_, i) => root.sessions[i]) };
  }
  inspect(state: Plain): SystemView {
    // Committed states are deeply frozen (and so are the parts a state shares with
    // one), and a proxy may not hand out a wrapped value for a frozen property:
    // views wrap a throwaway draft of the state instead.
    const view = createDraft(state) as Plain;
    this.cur = view;
    this.proxies = new WeakMap();
    this.readOnly = true;
    const root = this.wrap(view, this.sys.schema, 0) as Record<string, any>;
    const sessions = Object.freeze(Array.from({ length: (state.sessions as unknown[]).length }, (_, i) => root.sessions[i]));
    this.views ??= { kernel: kernelView(this.sys, this.machine), adapter: adapterView(this.sys, this.machine) };
    return { g: root.g, sessions, contexts: contextViews(this.sys, this.machine), ...this.views };
  }
  encode(state: Plain, out: Int32Array): void {
    for (const s of this.slots) {
      let o: unknown = state;
      for (const k of s.keys) o = (o as Plain)[k];
      out[s.index] = encodeLeaf(s.type, o);
    }
  }
  private vec?: Int32Array;
  vector(state: Plain): Int32Array {
    this.vec ??= new Int32Array(this.sys.layout.width);
    this.encode(state, this.vec);
    return this.vec;
  }
  /** Committed states are frozen: they stay as they are. */
  keep(state: Plain): Plain { return state; }
  decode(vec: Int32Array): Plain {
    const root = initialValue(this.sys.schema) as Plain;
    for (const s of this.slots) {
      let o = root;
      for (let i = 0; i < s.keys.length - 1; i++) o = o[s.keys[i]] as Plain;
      o[s.keys[s.keys.length - 1]] = decodeLeaf(s.type, vec[s.index]);
    }
    return root;
  }

  /** A checking, tracking proxy over a draft (or frozen) object of type `type` at slot `base`. */
  private wrap(target: object, type: Type, base: number): object {
    const hit = this.proxies.get(target);
    if (hit) return hit;
    const tr = this.tracker;
    const slots = this.slots;
    const isArray = type.kind === 'array';
    const info = isArray && type.pool !== undefined ? poolInfo(type as PoolType) : undefined;
    const child = (key: string | symbol): [Type, number] | undefined => {
      if (typeof key === 'symbol') return undefined;
      if (type.kind === 'record') { const f = type.fields[key]; return f ? [f, base + fieldOffset(type, key)] : undefined; }
      if (type.kind === 'array') { const i = Number(key); return Number.isInteger(i) && i >= 0 && i < type.length ? [type.of, base + i * width(type.of)] : undefined; }
      return undefined;
    };
    const p = new Proxy(target, {
      get: (obj, key) => {
        if (key === BASE) return base;
        if (key === POOL) return info;
        const c = child(key);
        if (!c) {
          if (isArray && key === 'length') return (type as { length: number }).length;
          if (isArray && key in arrayMethods) return (arrayMethods as Record<string | symbol, unknown>)[key];
          return undefined;
        }
        const [ct, cb] = c;
        const v = (obj as Plain)[key as string];
        if (ct.kind === 'record' || ct.kind === 'array') {
          if (info && tr.all) tr.see(cb);
          if (info && (v as Plain)[LIVE] !== true) throw freedViolation(info, Number(key));
          return this.wrap(v as object, ct, cb);
        }
        if (tr.on && slots[cb].access === 'data') tr.read(cb);
        else if (tr.all) tr.see(cb);
        return v;
      },
      set: (obj, key, v) => {
        const c = child(key);
        if (this.readOnly) throw readOnlyError(c ? slots[c[1]]?.path ?? String(key) : String(key));
        if (!c && isArray && typeof key === 'string' && /^\d+$/.test(key)) throw pastEndViolation(key, (type as { length: number }).length);
        if (!c) throw new TypeError(`cannot assign to ${String(key)}: not a field of this state record`);
        const [ct, cb] = c;
        if (ct.kind === 'record' || ct.kind === 'array') throw new Violation(Property.range, `${slots[cb]?.path ?? String(key)}: assign the fields of a record or array one by one`);
        if (encodeChecked(slots[cb], v) < 0) throw rangeViolation(slots[cb], v);
        if (tr.on && slots[cb].access === 'data') tr.write(cb);
        else if (tr.all) tr.wrote(cb);
        (obj as Plain)[key as string] = v;
        return true;
      },
    });
    this.proxies.set(target, p);
    return p;
  }
}
