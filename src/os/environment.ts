/**
 * The OS side of a system: which calls are in the driver, what may start now,
 * what the contract objects to in a state, and the OS's bookkeeping when a call
 * enters and leaves. Admission (driver mode) and the monitors (every mode) are
 * the same rules (rules.ts): a call may start exactly when no start rule objects
 * (PDEV state, the TDR page's order, the level-2/3 preconditions) and no overlap
 * rule objects to it beside any call in the driver. The TDR thread's script
 * (tdr.ts) only says which call the OS's own TDR thread makes next, the PnP
 * thread's (lifecycle.ts) which lifecycle call; the bugcheck display path
 * (bugcheck.ts) runs after the halt beside frozen calls, outside the overlap
 * rules. The adapter's own moves are in device.ts.
 */
import type { Machine } from '../model/kernel/core.js';
import type { OsView } from './view.js';
import type { CallKind } from './calls.js';
import { Rule, callConflict, kindConflict, isReset, lostInReset, levelPrecondition, lifecycleEntry, pdevEntry, tdrEntry, withEnabledPdev, type ActiveCall, type Objection, type Readings } from './rules.js';
import { LIFECYCLE_PHASES, interruptConnected, lifePhaseIndex, lifecycleRole, phaseOnEnter, phaseOnLeave, pnpAllows, type LifecyclePhase } from './lifecycle.js';
import { bugcheckAllows } from './bugcheck.js';
import { PDEV_STATES, enablesPdev, pdevOnEnter, pdevOnLeave } from './pdev.js';
import { TDR_PHASES, phaseIndex, preambleStep, scriptAllows, type TdrPhase } from './tdr.js';
import { Device, adapterSlots, type AdapterSlots } from './device.js';

export { TDR_PHASES, type TdrPhase } from './tdr.js';
export type { AdapterSlots } from './device.js';
export { PDEV_STATES } from './pdev.js';

type Get = (slot: number) => number;
const getter = (vec: Int32Array | Machine): Get => (vec instanceof Int32Array ? (s) => vec[s] : (s) => vec.get(s));
const popcount = (n: number): number => { let c = 0; for (; n; n &= n - 1) c++; return c; };

/** Whether a system with these calls tracks the TDR phase: it may hang, or its calls include the TDR sequence's own. */
export function tracksTdr(calls: readonly CallKind[], tdrs: number): boolean {
  return tdrs > 0 || calls.some((k) => k.entry.tdr?.role === 'reset' || k.entry.tdr?.role === 'restart' || lostInReset(k));
}

export class OsEnvironment {
  readonly hw: AdapterSlots | null;
  readonly device: Device | null;
  readonly phase: number;
  readonly tdrStep: number;
  readonly pdev: readonly number[];
  private readonly ignore: ReadonlySet<string>;
  private readonly calls: readonly CallKind[];
  private readonly readings: Readings;
  /** The cleanup call kinds, whose mask tdrStep keeps during the cleanup period. */
  private readonly cleanups: readonly number[];
  /** Call kinds that hold a context idle (SetRootPageTable), by the queue index they idle. */
  private readonly idling: readonly number[];
  /** kindConflict of every pair of call kinds (row-major): it depends on the kinds alone. */
  private readonly kindPairs: (Objection | null)[];
  /** Lifecycle slots (os.life, os.removed) and bugcheck slots (os.halted, os.bugcheckStep), or -1. */
  private readonly life: number;
  private readonly removed: number;
  private readonly haltSlot: number;
  private readonly bugStep: number;

  constructor(private readonly sys: OsView) {
    const at = (p: string): number => sys.layout.bySlotPath.get(p) ?? -1;
    this.calls = sys.calls;
    this.phase = at('os.tdr');
    this.tdrStep = at('os.tdrStep');
    this.pdev = Array.from({ length: sys.pdevs }, (_, i) => at(`os.pdev.${i}`));
    this.ignore = new Set(sys.model.contract?.ignore ?? []);
    this.readings = { pointerIndependent: sys.pointerIndependent };
    this.cleanups = sys.tdr?.cleanup ?? [];
    this.idling = sys.calls.filter((k) => k.entry.idles === 'context').map((k) => k.index);
    const n = this.calls.length;
    this.kindPairs = Array.from({ length: n * n }, (_, i) => kindConflict(this.calls[Math.floor(i / n)], this.calls[i % n], this.ignore, this.readings));
    this.life = at('os.life');
    this.removed = at('os.removed');
    this.haltSlot = at('os.halted');
    this.bugStep = at('os.bugcheckStep');
    this.hw = sys.adapter ? adapterSlots(at, sys.adapter.queues, sys.adapter.components, sys.adapter.sources) : null;
    this.device = this.hw ? new Device(this.hw, sys.adapter!.maxHangs) : null;
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

  /** callConflict, with the kinds' part looked up. */
  private conflict(a: ActiveCall, b: ActiveCall): Objection | null {
    return callConflict(a, b, this.ignore, this.readings, this.kindPairs[a.kind.index * this.calls.length + b.kind.index]);
  }

  /** The lifecycle phase, or null without a lifecycle scenario. */
  lifePhase(vec: Int32Array | Machine): LifecyclePhase | null {
    return this.life < 0 ? null : LIFECYCLE_PHASES[getter(vec)(this.life)];
  }

  /** Whether the system has halted (bugcheck): every context but BUGCHECK is frozen. */
  halted(vec: Int32Array | Machine): boolean { return this.haltSlot >= 0 && getter(vec)(this.haltSlot) === 1; }

  /** Whether `kind` is one of the bugcheck display path's calls in a bugcheck scenario. */
  private displayPath(kind: number): boolean {
    const b = this.sys.bugcheck;
    return b !== null && (kind === b.enable || kind === b.write);
  }

  /** Whether the device is gone (DxgkDdiNotifySurpriseRemoval was called): it consumes, raises and hangs no more. */
  private gone(vec: Int32Array | Machine): boolean { return this.removed >= 0 && getter(vec)(this.removed) >= 1; }

  /**
   * Whether DxgkDdiNotifySurpriseRemoval has returned: from then on the driver
   * "must not touch or clean any hardware settings" (its page), so a hardware
   * access is a fault. (While the notification runs, an access already under
   * way is the race the driver's handler is there to close.)
   */
  handsOff(vec: Int32Array | Machine): boolean { return this.removed >= 0 && getter(vec)(this.removed) === 2; }

  /** Whether the interrupt is connected, so the ISR may be called: always, but in a lifecycle scenario before StartDevice and after StopDevice. */
  interruptConnected(vec: Int32Array): boolean { return this.life < 0 || interruptConnected(LIFECYCLE_PHASES[vec[this.life]]); }

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
    // The display path after a halt: only the halt and its script gate it (bugcheck.ts).
    if (this.displayPath(kind)) return null;
    if (this.life >= 0) {
      const o = this.objects(lifecycleEntry(k, lifecycleRole(this.sys.lifecycle!, kind), { phase: LIFECYCLE_PHASES[vec[this.life]], removed: vec[this.removed] !== 0 }));
      if (o) return o;
    }
    if (k.pdev >= 0) {
      const state = PDEV_STATES[vec[this.pdev[k.pdev]]];
      let other = false;
      for (let i = 0; i < this.pdev.length; i++) if (i !== k.pdev && i % this.sys.outputs === k.pdev % this.sys.outputs && vec[this.pdev[i]] === 2) other = true;
      const o = pdevEntry(k, state, other, this.ignore);
      if (o) return o;
    }
    const phase = this.tdrPhase(vec);
    if (phase !== null) {
      const made = phase === 'cleanup' ? popcount(vec[this.tdrStep]) : 0;
      const o = this.objects(tdrEntry(k, { phase, cleanupsMade: made, cleanups: this.cleanups.length }));
      if (o) return o;
    }
    // A device that is gone (surprise removal) finishes nothing more: the OS cannot wait for it to go idle, and does not.
    if (this.device && (k.rule.level ?? 0) >= 2) return this.objects(levelPrecondition(k, this.device.busy(vec) && !this.gone(vec), vec[this.hw!.evicted] === 1, osEvicts));
    return null;
  }

  /**
   * Driver mode: may thread `ctx` start `kind` now? The OS's TDR thread follows
   * its script; every call, its own included, then passes the same rules the
   * monitors apply.
   */
  admits(vec: Int32Array, ctx: number, kind: number): boolean {
    const k = this.calls[kind];
    const script = this.sys.tdr;
    if (ctx === this.sys.tdrContext && (!script || !scriptAllows(script, TDR_PHASES[vec[this.phase]], vec[this.tdrStep], kind))) return false;
    if (ctx === this.sys.pnpContext && !pnpAllows(this.sys.lifecycle!, LIFECYCLE_PHASES[vec[this.life]], vec[this.removed] !== 0, kind)) return false;
    // The display path runs beside the calls the halt froze: no overlap rule applies to it.
    if (ctx === this.sys.bugcheckContext) return this.halted(vec) && bugcheckAllows(this.sys.bugcheck!, vec[this.bugStep], kind);
    if (this.entryCheck(vec, ctx, kind, true)) return false;
    const enabling = enablesPdev(k) ? k.pdev : -1;
    const me = this.active(vec, ctx, kind, enabling);
    for (let j = 0; j < this.sys.contexts.length; j++) {
      if (j === ctx) continue;
      const other = this.activeKind(vec, j);
      if (other >= 0 && this.conflict(me, this.active(vec, j, other, enabling))) return false;
    }
    return true;
  }

  /** The OS's bookkeeping when a call enters the driver. */
  onEnter(m: Machine, vec: Int32Array, kind: number, driverMode: boolean): void {
    const k = this.calls[kind];
    const role = k.entry.tdr?.role;
    if (this.phase >= 0) {
      if (role === 'reset') m.set(this.phase, phaseIndex('reset'));
      if (role === 'restart') m.set(this.phase, phaseIndex('restart'));
      if (role === 'preamble' && this.sys.tdr && vec[this.phase] === phaseIndex('draining')) m.set(this.tdrStep, preambleStep(this.sys.tdr, vec[this.tdrStep], kind));
    }
    if (driverMode && this.hw && k.rule.level === 3 && role !== 'reset') m.set(this.hw.evicted, 1);
    if (k.pdev >= 0) m.set(this.pdev[k.pdev], pdevOnEnter(k, vec[this.pdev[k.pdev]]));
    if (this.life >= 0) {
      const script = this.sys.lifecycle!;
      m.set(this.life, lifePhaseIndex(phaseOnEnter(script, LIFECYCLE_PHASES[vec[this.life]], kind)));
      if (lifecycleRole(script, kind) === 'removal') m.set(this.removed, 1);
    }
    if (this.bugStep >= 0 && this.displayPath(kind)) m.set(this.bugStep, vec[this.bugStep] + 1);
  }

  /** The OS's bookkeeping when call `kind` of context `ctx` leaves the driver. */
  onLeave(m: Machine, kind: number, ctx: number): void {
    const k = this.calls[kind];
    const role = k.entry.tdr?.role;
    if (this.phase >= 0) {
      if (role === 'reset') { m.set(this.phase, phaseIndex('cleanup')); m.set(this.tdrStep, 0); this.device?.reset(m); }
      // A cleanup call made; where the OS's TDR thread makes them, only its own count (not a thread's ordinary call of the DDI).
      const i = this.cleanups.indexOf(kind);
      if (i >= 0 && (this.sys.tdrContext < 0 || ctx === this.sys.tdrContext) && m.get(this.phase) === phaseIndex('cleanup')) m.set(this.tdrStep, m.get(this.tdrStep) | (1 << i));
      if (role === 'restart') { m.set(this.phase, phaseIndex('normal')); m.set(this.tdrStep, 0); }
    }
    if (k.pdev >= 0) m.set(this.pdev[k.pdev], pdevOnLeave(k, m.get(this.pdev[k.pdev])));
    if (this.life >= 0) {
      m.set(this.life, lifePhaseIndex(phaseOnLeave(this.sys.lifecycle!, LIFECYCLE_PHASES[m.get(this.life)], kind)));
      if (lifecycleRole(this.sys.lifecycle!, kind) === 'removal') m.set(this.removed, 2);
    }
  }

  /**
   * Whether a call of `kind` runs as a TDR cleanup call now: one of the cleanup
   * calls (BuildPagingBuffer with a cleanup operation, ReleaseSwizzlingRange), in
   * the cleanup period. An ordinary paging call beside them is not one.
   */
  inCleanup(vec: Int32Array | Machine, kind: number): boolean {
    return this.cleanups.includes(kind) && this.tdrPhase(vec) === 'cleanup';
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

  /** The contract monitors over one state. */
  monitor(vec: Int32Array): Objection | null {
    const n = this.sys.contexts.length;
    // The bugcheck display path runs beside frozen calls: it is outside the overlap rules.
    const path = this.sys.bugcheckContext;
    for (let i = 0; i < n; i++) {
      const ki = i === path ? -1 : this.activeKind(vec, i);
      if (ki < 0) continue;
      const a = this.active(vec, i, ki);
      for (let j = i + 1; j < n; j++) {
        const kj = j === path ? -1 : this.activeKind(vec, j);
        if (kj < 0) continue;
        const o = this.conflict(a, this.active(vec, j, kj));
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

  // ---- Moves of the OS's TDR detector and of the device ----

  /** TDR: the GPU scheduler notices the hung GPU; the drain begins. */
  detect(vec: Int32Array, m: Machine | null): boolean {
    if (!this.hw || vec[this.phase] !== phaseIndex('normal') || vec[this.hw.hung] === 0) return false;
    if (m) { m.set(this.phase, phaseIndex('draining')); m.set(this.tdrStep, 0); }
    return true;
  }

  /** The device side consumes the entry at `pos` of queue `name` (not one whose context a call holds idle). */
  consume(vec: Int32Array, m: Machine | null, name: string, pos: number): boolean {
    if (this.gone(vec)) return false;
    const q = this.hw!.queues.get(name)!;
    return this.device!.consume(vec, m, q, pos, this.idled(vec, q.index));
  }

  /** Whether a call that holds its target context idle (SetRootPageTable) is in the driver for queue `index`. */
  private idled(vec: Int32Array, index: number): boolean {
    if (this.idling.length === 0) return false;
    for (let j = 0; j < this.sys.contexts.length; j++) {
      const kind = this.activeKind(vec, j);
      if (kind >= 0 && this.idling.includes(kind) && this.calls[kind].instance === index) return true;
    }
    return false;
  }

  /** The GPU hangs on the work it has (bounded by the scenario's tdrs). */
  hang(vec: Int32Array, m: Machine | null): boolean { return !this.gone(vec) && this.device!.hang(vec, m); }

  /** Is an interrupt raised and enabled? (Always, for a system without an adapter; never once the device is gone.) */
  interruptAsserted(vec: Int32Array): boolean { return !this.gone(vec) && (!this.device || this.device.interruptAsserted(vec)); }

  /**
   * The bugcheck: the system may halt while the driver owns the display (in a
   * lifecycle scenario, from StartDevice's return until StopDevice's), once.
   */
  halt(vec: Int32Array, m: Machine | null): boolean {
    if (this.haltSlot < 0 || vec[this.haltSlot] === 1) return false;
    if (this.life >= 0) { const p = LIFECYCLE_PHASES[vec[this.life]]; if (p !== 'started' && p !== 'stopping') return false; }
    if (m) m.set(this.haltSlot, 1);
    return true;
  }
}
