/**
 * The fast backend: states are Int32Arrays laid out by the system schema, and
 * steps run against views whose accessors hit the working buffer directly.
 */
import type { Machine } from '../model/kernel/core.js';
import type { Scope, SystemView, InitScope } from '../model/define.js';
import { Tracker } from './tracker.js';
import { BASE, POOL, buildView } from './views.js';
import { contextViews, stackTable, type Backend } from './backend.js';
import type { System } from './system.js';
import type { PoolInfo } from '../model/kernel/object.js';
import { adapterView, kernelView } from './inspect.js';

export class FastBackend implements Backend<Int32Array> {
  readonly name = 'fast' as const;
  readonly tracker: Tracker;
  readonly machine: Machine;
  private readonly buf: Int32Array;
  private readonly scopes: Scope[];
  private readonly view: SystemView;

  constructor(readonly sys: System) {
    const buf = new Int32Array(sys.layout.width);
    this.buf = buf;
    const tr = this.tracker = new Tracker(sys.lockBits);
    const [root] = buildView(sys.schema, 0, { buf, tr, layout: sys.layout }) as [Record<string, any>, number];
    const stack = stackTable(sys, (ctx, field) => root.ctx[sys.contexts[ctx].info.name].local[field]);
    this.machine = {
      get: (slot) => buf[slot],
      set: (slot, v) => { buf[slot] = v; },
      base: (v) => baseOf(v),
      pool: (v) => poolOf(v),
      atomic: <T>(f: () => T): T => tr.atomic(f),
      held: (lock, on) => tr.held(lock, on),
      stackRef: (v) => stack.refOfBase.get(baseOf(v)) ?? 0,
      stackObject: (ref) => stack.objects[ref - 1],
    };
    this.scopes = sys.contexts.map((c) => ({ g: root.g, session: root.sessions[c.info.session], local: root.ctx[c.info.name].local }));
    this.init = { g: root.g, sessions: Array.from({ length: root.sessions.length }, (_, i) => root.sessions[i]) };
    // Invariants get views of their own whose setters throw: they read, never write.
    const [ro] = buildView(sys.schema, 0, { buf, tr, layout: sys.layout, readOnly: true }) as [Record<string, any>, number];
    this.view = {
      g: ro.g, sessions: Object.freeze(Array.from({ length: ro.sessions.length }, (_, i) => ro.sessions[i])), contexts: contextViews(sys, this.machine),
      kernel: kernelView(sys, this.machine), adapter: adapterView(sys, this.machine),
    };
  }
  private readonly init: InitScope;

  initial(): Int32Array { return Int32Array.from(this.sys.layout.slots, (s) => s.init); }
  begin(state: Int32Array): void { if (state !== this.buf) this.buf.set(state); }
  commit(): Int32Array { return this.buf; }
  scope(ctx: number): Scope { return this.scopes[ctx]; }
  initScope(): InitScope { return this.init; }
  inspect(state: Int32Array): SystemView { this.begin(state); return this.view; }
  encode(state: Int32Array, out: Int32Array): void { out.set(state); }
  decode(vec: Int32Array): Int32Array { return vec; }
  keep(state: Int32Array): Int32Array { return state.slice(); }
  vector(state: Int32Array): Int32Array { return state; }
}

/** First slot of a view from either backend; a clear error for anything else. */
export function baseOf(v: unknown): number {
  const b = v !== null && typeof v === 'object' ? (v as Record<symbol, unknown>)[BASE] : undefined;
  if (typeof b !== 'number') throw new TypeError('a kernel primitive was given something that is not a state object (pass the lock, event or pool itself, e.g. s.g.lock)');
  return b;
}
export function poolOf(v: unknown): PoolInfo {
  const p = v !== null && typeof v === 'object' ? (v as Record<symbol, unknown>)[POOL] : undefined;
  if (!p) throw new TypeError('alloc/free/use need a pool declared with pool(name, size, fields)');
  return p as PoolInfo;
}
