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
import { Rule, callConflict, isReset, pdevEntry, withEnabledPdev, type ActiveCall, type Objection, type PdevState } from './rules.js';

export const TDR_PHASES = ['normal', 'draining', 'reset', 'cleanup', 'restart'] as const;
export type TdrPhase = (typeof TDR_PHASES)[number];
export const PDEV_STATES: readonly PdevState[] = ['none', 'disabled', 'enabled'];
const ph = (p: TdrPhase): number => TDR_PHASES.indexOf(p);

interface QueueSlots {
  readonly depth: number; readonly order: 'fifo' | 'any'; readonly pending: number; readonly plen: number; readonly done: number; readonly dlen: number;
  /** Slot of the F-state of the power component whose engine consumes the queue, or -1. */
  readonly component: number;
}
export interface AdapterSlots {
  readonly power: number; readonly intEnabled: number; readonly intPending: number;
  readonly hung: number; readonly hangs: number; readonly evicted: number; readonly notified: number;
  /** Slots of the F-state of each runtime power component (F0 = active). */
  readonly components: readonly number[];
  readonly queues: ReadonlyMap<string, QueueSlots>;
}

type Get = (slot: number) => number;
const getter = (vec: Int32Array | Machine): Get => (vec instanceof Int32Array ? (s) => vec[s] : (s) => vec.get(s));

/** A BuildPagingBuffer that reports content lost in a reset (TRANSFER of size 0): only a TDR's cleanup makes it. */
const lostInReset = (k: CallKind): boolean => k.entry.tdr?.role === 'cleanup' && k.flags.TransferSizeZero === true;

/** Whether a system with these calls tracks the TDR phase: it may hang, or its calls include the TDR sequence's own. */
export function tracksTdr(calls: readonly CallKind[], tdrs: number): boolean {
  return tdrs > 0 || calls.some((k) => k.entry.tdr?.role === 'reset' || k.entry.tdr?.role === 'restart' || lostInReset(k));
}

export class OsEnvironment {
  readonly hw: AdapterSlots | null;
  readonly phase: number;
  readonly tdrStep: number;
  readonly pdev: readonly number[];
  private readonly ignore: ReadonlySet<string>;
  private readonly calls: readonly CallKind[];
  /** Cleanup calls a TDR makes between reset and restart: one BuildPagingBuffer per allocation, ReleaseSwizzlingRange. */
  private readonly cleanups: number;

  constructor(private readonly sys: System) {
    const at = (p: string): number => sys.layout.bySlotPath.get(p) ?? -1;
    this.calls = sys.calls;
    this.phase = at('os.tdr');
    this.tdrStep = at('os.tdrStep');
    this.pdev = Array.from({ length: sys.pdevs }, (_, i) => at(`os.pdev.${i}`));
    this.ignore = new Set(sys.model.contract?.ignore ?? []);
    this.cleanups = (sys.adapter?.allocations.length ?? 1) + 1;
    this.hw = sys.adapter ? {
      power: at('hw.power'), intEnabled: at('hw.intEnabled'), intPending: at('hw.intPending'), hung: at('hw.hung'), hangs: at('hw.hangs'),
      evicted: at('hw.evicted'), notified: at('hw.notified'),
      components: Array.from({ length: sys.adapter.components }, (_, i) => at(`hw.components[${i}]`)),
      queues: new Map(sys.adapter.queues.map((q) => [q.name, {
        depth: q.depth, order: q.order, pending: at(`hw.queues.${q.name}.pending[0]`), plen: at(`hw.queues.${q.name}.plen`),
        done: at(`hw.queues.${q.name}.done[0]`), dlen: at(`hw.queues.${q.name}.dlen`), component: q.component >= 0 ? at(`hw.components[${q.component}]`) : -1,
      }])),
    } : null;
  }

  /** The call kind context `ctx` has in the driver now, or -1. */
  activeKind(vec: Int32Array | Machine, ctx: number): number {
    const get = getter(vec);
    const c = this.sys.contexts[ctx];
    const cs = this.sys.slots.call[ctx];
    if (cs < 0) return -1;
    const v = get(cs);
    if (v === 0) return -1;
    if (c.inDriverSlot >= 0 && get(c.inDriverSlot) === 0) return -1;
    return v - 1;
  }

  /**
   * The call `kind` on `ctx` as the rules see it. `enabling` is a PDEV that a call
   * about to enter enables (DrvAssertMode): every call on it then counts as one
   * with an enabled PDEV.
   */
  private active(vec: Int32Array, ctx: number, kind: number, enabling = -1): ActiveCall {
    const k = this.calls[kind];
    const info = this.sys.contexts[ctx].info;
    const enabled = k.pdev >= 0 && (k.pdev === enabling || withEnabledPdev(k, PDEV_STATES[vec[this.pdev[k.pdev]]]));
    return { kind: k, ctxName: info.name, process: info.process, pdevEnabled: enabled };
  }

  private objects(o: Objection | null): Objection | null { return o && !this.ignore.has(o.rule) ? o : null; }

  /** The TDR phase, or null when the system does not track one. */
  tdrPhase(vec: Int32Array | Machine): TdrPhase | null {
    return this.phase < 0 ? null : TDR_PHASES[getter(vec)(this.phase)];
  }

  /**
   * Objections to `kind` entering the driver on `ctx` now, apart from the calls
   * already in it: PDEV state, TDR order, and the level-2/3 preconditions on the
   * adapter. `osEvicts`: the OS itself evicts video memory as a level-3 call
   * enters (driver mode); a dispatcher must do it first (k.hw.evict()).
   */
  entryCheck(vec: Int32Array, ctx: number, kind: number, osEvicts = false): Objection | null {
    const k = this.calls[kind];
    const found: Objection[] = [];
    if (k.pdev >= 0) {
      const state = PDEV_STATES[vec[this.pdev[k.pdev]]];
      let other = false;
      for (let i = 0; i < this.pdev.length; i++) if (i !== k.pdev && i % this.sys.outputs === k.pdev % this.sys.outputs && vec[this.pdev[i]] === 2) other = true;
      const o = pdevEntry(k, state, other, this.ignore);
      if (o) return o;
    }
    const role = k.entry.tdr?.role;
    const phase = this.tdrPhase(vec);
    if (phase !== null) {
      if (lostInReset(k) && phase !== 'cleanup') found.push({ rule: Rule.tdrOrder, message: `${k.key} reports content lost in a reset, made ${phase === 'normal' ? 'outside a TDR' : `during the ${phase} phase`} instead of after DxgkDdiResetFromTimeout returned` });
      if (role === 'restart' && (phase !== 'cleanup' || vec[this.tdrStep] < this.cleanups)) {
        found.push({ rule: Rule.tdrOrder, message: phase === 'cleanup'
          ? `${k.key} was called after ${vec[this.tdrStep]} of the ${this.cleanups} TDR cleanup calls (BuildPagingBuffer per allocation, ReleaseSwizzlingRange)`
          : `${k.key} was called ${phase === 'normal' ? 'with no reset before it' : `during the ${phase} phase`}: it ends a TDR's cleanup period` });
      }
    }
    if (this.hw && (k.rule.level ?? 0) >= 2 && role !== 'reset') {
      let busy = vec[this.hw.hung] === 1;
      for (const q of this.hw.queues.values()) if (vec[q.plen] > 0) busy = true;
      if (busy) found.push({ rule: Rule.levelPrecondition, message: `${k.key} (level ${k.rule.level}) was called while the adapter was not idle (DMA in flight or GPU hung)` });
      if (k.rule.level === 3 && !osEvicts && vec[this.hw.evicted] === 0) {
        found.push({ rule: Rule.levelPrecondition, message: `${k.key} (level 3) was called while video memory was not evicted` });
      }
    }
    return found.find((o) => !this.ignore.has(o.rule)) ?? null;
  }

  /** Driver mode: may thread `ctx` start `kind` now? */
  admits(vec: Int32Array, ctx: number, kind: number): boolean {
    const k = this.calls[kind];
    // The OS's own TDR sequence (tdrs > 0): its thread makes the calls in order, and stops everyone else.
    if (this.sys.tdrContext >= 0) {
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
    if (this.entryCheck(vec, ctx, kind, true)) return false;
    const enabling = k.ddi === 'DrvAssertMode' && k.flags.enable === true ? k.pdev : -1;
    const me = this.active(vec, ctx, kind, enabling);
    for (let j = 0; j < this.sys.contexts.length; j++) {
      if (j === ctx) continue;
      const other = this.activeKind(vec, j);
      if (other >= 0 && callConflict(me, this.active(vec, j, other, enabling), this.ignore)) return false;
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
    // DrvAssertMode: an enabled PDEV is enabled from the call's entry, a disabled one disabled when it returns.
    if (k.ddi === 'DrvAssertMode' && k.flags.enable === true && k.pdev >= 0 && vec[this.pdev[k.pdev]] !== 0) m.set(this.pdev[k.pdev], 2);
  }

  /** The OS's bookkeeping when a call leaves the driver. */
  onLeave(m: Machine, kind: number): void {
    const k = this.calls[kind];
    const role = k.entry.tdr?.role;
    if (this.phase >= 0) {
      if (role === 'reset') { m.set(this.phase, ph('cleanup')); m.set(this.tdrStep, 0); if (this.hw) this.resetHardware(m); }
      if (role === 'cleanup' && m.get(this.phase) === ph('cleanup')) m.set(this.tdrStep, Math.min(m.get(this.tdrStep) + 1, this.cleanups));
      if (role === 'restart') { m.set(this.phase, ph('normal')); m.set(this.tdrStep, 0); }
    }
    if (k.pdev >= 0) {
      if (k.ddi === 'DrvEnablePDEV') m.set(this.pdev[k.pdev], 1);
      if (k.ddi === 'DrvDisablePDEV') m.set(this.pdev[k.pdev], 0);
      if (k.ddi === 'DrvAssertMode' && k.flags.enable !== true && m.get(this.pdev[k.pdev]) !== 0) m.set(this.pdev[k.pdev], 1);
    }
  }

  /** Whether a call of `kind` runs as a TDR cleanup call now (a cleanup DDI, in the cleanup period). */
  inCleanup(vec: Int32Array | Machine, kind: number): boolean {
    return this.calls[kind].entry.tdr?.role === 'cleanup' && this.tdrPhase(vec) === 'cleanup';
  }

  /** The context running DxgkDdiResetFromTimeout other than `except`, or -1. */
  resetRunning(vec: Int32Array | Machine, except: number): number {
    for (let j = 0; j < this.sys.contexts.length; j++) {
      if (j === except) continue;
      const kind = this.activeKind(vec, j);
      if (kind >= 0 && isReset(this.calls[kind])) return j;
    }
    return -1;
  }

  /** What a reset does to the hardware: the engine restarts empty and no longer hung. */
  private resetHardware(m: Machine): void {
    const hw = this.hw!;
    m.set(hw.hung, 0);
    m.set(hw.intPending, 0);
    // The reset lost video memory: every allocation is evicted (the cleanup calls tell the driver so).
    m.set(hw.evicted, 1);
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
        const o = callConflict(a, this.active(vec, j, kj), this.ignore);
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
    if (q.component >= 0 && vec[q.component] !== 0) return false;
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
