/**
 * The OS side of a system: which calls are in the driver, what the contract
 * lets start now (admission, driver mode), what it objects to in a state (the
 * monitors, every mode), the TDR sequence, PDEV lifecycles, and the adapter's
 * own transitions. Everything reads and writes slots of the state vector; the
 * rules themselves are in rules.ts, shared by admission and monitors.
 */
import type { Machine } from '../model/kernel/core.js';
import { Violation } from '../model/violation.js';
import type { System } from '../engine/system.js';
import type { CallKind } from './calls.js';
import { Rule, callConflict, pdevEntry, type ActiveCall, type Objection, type PdevState } from './rules.js';

export const TDR_PHASES = ['normal', 'draining', 'reset', 'cleanup', 'restart'] as const;
export type TdrPhase = (typeof TDR_PHASES)[number];
export const PDEV_STATES: readonly PdevState[] = ['none', 'disabled', 'enabled'];
const ph = (p: TdrPhase): number => TDR_PHASES.indexOf(p);

interface QueueSlots { readonly depth: number; readonly order: 'fifo' | 'any'; readonly pending: number; readonly plen: number; readonly done: number; readonly dlen: number }
export interface AdapterSlots {
  readonly power: number; readonly intEnabled: number; readonly intPending: number;
  readonly hung: number; readonly hangs: number; readonly evicted: number; readonly notified: number;
  readonly queues: ReadonlyMap<string, QueueSlots>;
}

export class OsEnvironment {
  readonly hw: AdapterSlots | null;
  readonly phase: number;
  readonly tdrStep: number;
  readonly pdev: readonly number[];
  private readonly ignore: ReadonlySet<string>;
  private readonly calls: readonly CallKind[];

  constructor(private readonly sys: System) {
    const at = (p: string): number => sys.layout.bySlotPath.get(p) ?? -1;
    this.calls = sys.calls;
    this.phase = at('os.tdr');
    this.tdrStep = at('os.tdrStep');
    this.pdev = Array.from({ length: sys.pdevs }, (_, i) => at(`os.pdev.${i}`));
    this.ignore = new Set(sys.model.contract?.ignore ?? []);
    this.hw = sys.adapter ? {
      power: at('hw.power'), intEnabled: at('hw.intEnabled'), intPending: at('hw.intPending'), hung: at('hw.hung'), hangs: at('hw.hangs'),
      evicted: at('hw.evicted'), notified: at('hw.notified'),
      queues: new Map(sys.adapter.queues.map((q) => [q.name, { depth: q.depth, order: q.order, pending: at(`hw.queues.${q.name}.pending[0]`), plen: at(`hw.queues.${q.name}.plen`), done: at(`hw.queues.${q.name}.done[0]`), dlen: at(`hw.queues.${q.name}.dlen`) }])),
    } : null;
  }

  /** The call kind context `ctx` has in the driver now, or -1. */
  activeKind(vec: Int32Array | Machine, ctx: number): number {
    const get = vec instanceof Int32Array ? (s: number) => vec[s] : (s: number) => vec.get(s);
    const c = this.sys.contexts[ctx];
    const cs = this.sys.slots.call[ctx];
    if (cs < 0) return -1;
    const v = get(cs);
    if (v === 0) return -1;
    if (c.inDriverSlot >= 0 && get(c.inDriverSlot) === 0) return -1;
    return v - 1;
  }

  private active(vec: Int32Array, ctx: number, kind: number): ActiveCall {
    const k = this.calls[kind];
    const info = this.sys.contexts[ctx].info;
    return { kind: k, ctxName: info.name, process: info.process, pdevEnabled: k.pdev >= 0 && vec[this.pdev[k.pdev]] === 2 };
  }

  private objects(o: Objection | null): Objection | null { return o && !this.ignore.has(o.rule) ? o : null; }

  /** Objections to `kind` entering the driver on `ctx` now, apart from the calls already in it. */
  entryCheck(vec: Int32Array, ctx: number, kind: number): Objection | null {
    const k = this.calls[kind];
    if (k.pdev >= 0) {
      const state = PDEV_STATES[vec[this.pdev[k.pdev]]];
      let other = false;
      for (let i = 0; i < this.pdev.length; i++) if (i !== k.pdev && i % this.sys.outputs === k.pdev % this.sys.outputs && vec[this.pdev[i]] === 2) other = true;
      const o = this.objects(pdevEntry(k, state, other));
      if (o) return o;
      if (k.ddi === 'DrvDisablePDEV' && state !== 'disabled') return this.objects({ rule: Rule.pdevLifecycle, message: `DrvDisablePDEV was called for PDEV ${k.pdev} while it is ${state}` });
    }
    const role = k.entry.tdr?.role;
    if (this.phase >= 0) {
      const phase = TDR_PHASES[vec[this.phase]];
      if (role === 'cleanup' && phase !== 'cleanup') return this.objects({ rule: Rule.tdrOrder, message: `${k.key} is a TDR cleanup call, made ${phase === 'normal' ? 'outside a TDR' : `during the ${phase} phase`} instead of after DxgkDdiResetFromTimeout returned` });
      if (role === 'restart' && (phase !== 'cleanup' || vec[this.tdrStep] < this.sys.tdrKinds.length - 2)) return this.objects({ rule: Rule.tdrOrder, message: `${k.key} was called before the TDR cleanup calls were done (phase ${phase})` });
    }
    if (this.hw && (k.rule.level ?? 0) >= 2 && role !== 'reset') {
      let busy = vec[this.hw.hung] === 1;
      for (const q of this.hw.queues.values()) if (vec[q.plen] > 0) busy = true;
      if (busy) return this.objects({ rule: Rule.levelPrecondition, message: `${k.key} (level ${k.rule.level}) was called while the adapter was not idle (DMA in flight or GPU hung)` });
    }
    return null;
  }

  /** Driver mode: may thread `ctx` start `kind` now? */
  admits(vec: Int32Array, ctx: number, kind: number): boolean {
    const k = this.calls[kind];
    if (this.phase >= 0) {
      const phase = vec[this.phase];
      const tdr = this.sys.tdrKinds;
      if (ctx === this.sys.tdrContext) {
        if (phase === ph('draining')) { if (kind !== tdr[0]) return false; }
        else if (phase === ph('cleanup')) { if (kind !== tdr[1 + vec[this.tdrStep]]) return false; }
        else return false;
      } else if (phase !== ph('normal')) {
        const reset = this.calls[tdr[0]].entry;
        const allowedDuring = (reset.exemptions ?? []).some((e) => e.kind === 'admits-during' && e.ddis.includes(k.ddi));
        if (!allowedDuring) return false;
      }
    }
    if (this.entryCheck(vec, ctx, kind)) return false;
    const me = this.active(vec, ctx, kind);
    for (let j = 0; j < this.sys.contexts.length; j++) {
      if (j === ctx) continue;
      const other = this.activeKind(vec, j);
      if (other >= 0 && this.objects(callConflict(me, this.active(vec, j, other)))) return false;
    }
    return true;
  }

  /** The OS's bookkeeping when a call enters the driver. */
  onEnter(m: Machine, vec: Int32Array, kind: number, driverMode: boolean): void {
    const k = this.calls[kind];
    const role = k.entry.tdr?.role;
    if (role === 'reset' && this.phase >= 0) m.set(this.phase, ph('reset'));
    if (role === 'restart' && this.phase >= 0) m.set(this.phase, ph('restart'));
    if (driverMode && this.hw && k.rule.level === 3 && role !== 'reset') m.set(this.hw.evicted, 1);
    if (k.ddi === 'DrvAssertMode' && k.pdev >= 0 && vec[this.pdev[k.pdev]] !== 0) m.set(this.pdev[k.pdev], k.flags.enable ? 2 : 1);
  }

  /** The OS's bookkeeping when a call leaves the driver. */
  onLeave(m: Machine, kind: number): void {
    const k = this.calls[kind];
    const role = k.entry.tdr?.role;
    if (this.phase >= 0) {
      if (role === 'reset') { m.set(this.phase, ph('cleanup')); m.set(this.tdrStep, 0); if (this.hw) this.resetHardware(m); }
      if (role === 'cleanup' && m.get(this.phase) === ph('cleanup')) m.set(this.tdrStep, m.get(this.tdrStep) + 1);
      if (role === 'restart') { m.set(this.phase, ph('normal')); m.set(this.tdrStep, 0); }
    }
    if (k.pdev >= 0) {
      if (k.ddi === 'DrvEnablePDEV') m.set(this.pdev[k.pdev], 1);
      if (k.ddi === 'DrvDisablePDEV') m.set(this.pdev[k.pdev], 0);
    }
  }

  /** What a reset does to the hardware: the engine restarts empty and no longer hung. */
  private resetHardware(m: Machine): void {
    const hw = this.hw!;
    m.set(hw.hung, 0);
    m.set(hw.intPending, 0);
    for (const q of hw.queues.values()) {
      for (let i = 0; i < q.depth; i++) { m.set(q.pending + i, 0); m.set(q.done + i, 0); }
      m.set(q.plen, 0); m.set(q.dlen, 0);
    }
  }

  /** The contract monitors over one state. */
  monitor(vec: Int32Array): Objection | null {
    const n = this.sys.contexts.length;
    for (let i = 0; i < n; i++) {
      const ki = this.activeKind(vec, i);
      if (ki < 0) continue;
      const a = this.active(vec, i, ki);
      for (let j = i + 1; j < n; j++) {
        const kj = this.activeKind(vec, j);
        if (kj < 0) continue;
        const o = this.objects(callConflict(a, this.active(vec, j, kj)));
        if (o) return o;
      }
    }
    if (this.pdev.length > 0) {
      const outs = this.sys.outputs;
      for (let o = 0; o < outs; o++) {
        let enabled = 0;
        for (let i = o; i < this.pdev.length; i += outs) if (vec[this.pdev[i]] === 2) enabled++;
        if (enabled > 1) return this.objects({ rule: Rule.pdevPerOutput, message: `${enabled} PDEVs of output ${o} are enabled at once` });
      }
    }
    return null;
  }

  // ---- The adapter's and the TDR detector's own transitions ----

  /** TDR: the OS notices the hung GPU and stops admitting calls. */
  detect(vec: Int32Array, m: Machine | null): boolean {
    if (!this.hw || vec[this.phase] !== ph('normal') || vec[this.hw.hung] === 0) return false;
    m?.set(this.phase, ph('draining'));
    return true;
  }

  /** The device side consumes the entry at `pos` of queue `name`. */
  consume(vec: Int32Array, m: Machine | null, name: string, pos: number): boolean {
    const hw = this.hw!;
    const q = hw.queues.get(name)!;
    const plen = vec[q.plen];
    if (pos >= plen || vec[hw.hung] === 1 || vec[hw.power] !== 0 || vec[q.dlen] >= q.depth) return false;
    if (!m) return true;
    const token = vec[q.pending + pos];
    for (let i = pos; i < plen - 1; i++) m.set(q.pending + i, vec[q.pending + i + 1]);
    m.set(q.pending + plen - 1, 0);
    m.set(q.plen, plen - 1);
    m.set(q.done + vec[q.dlen], token);
    m.set(q.dlen, vec[q.dlen] + 1);
    m.set(hw.intPending, 1);
    return true;
  }

  /** The GPU hangs on the work it has (bounded by the scenario's tdrs). */
  hang(vec: Int32Array, m: Machine | null): boolean {
    const hw = this.hw!;
    if (vec[hw.hung] === 1 || vec[hw.hangs] >= this.sys.adapter!.maxHangs) return false;
    let work = false;
    for (const q of hw.queues.values()) if (vec[q.plen] > 0) work = true;
    if (!work) return false;
    if (m) { m.set(hw.hung, 1); m.set(hw.hangs, vec[hw.hangs] + 1); }
    return true;
  }

  /** For the ISR: is an interrupt line asserted and enabled? */
  interruptAsserted(vec: Int32Array): boolean {
    return !this.hw || (vec[this.hw.intEnabled] === 1 && vec[this.hw.intPending] === 1);
  }

  violation(o: Objection): Violation { return new Violation(o.rule, o.message); }
}
