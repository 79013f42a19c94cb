/**
 * The transition relation, shared by both backends: which actions are
 * candidates in a state (read off the canonical vector), and what applying one
 * does (run a step, start a call, take an interrupt, dispatch a DPC, expire a
 * timer). Returns DISABLED when the action cannot run, a Violation when a
 * property fails on it; any other exception from a step is a model error.
 */
import { Kernel } from '../model/kernel/kernel.js';
import { DISPATCH_LEVEL, DIRQL, PASSIVE_LEVEL, irqlName } from '../model/kernel/irql.js';
import { BLOCKED, Property, Violation } from '../model/violation.js';
import { RETURN } from '../model/define.js';
import { InputError } from '../errors.js';
import { DONE_PC, IDLE_PC, type Action, type System } from './system.js';
import { INTERRUPT_LOCK } from './tracker.js';
import type { Backend } from './backend.js';
import { OsPort } from '../os/port.js';
import { Hw } from '../adapter/hw.js';

export const DISABLED = 0;
export const APPLIED = 1;
export type Outcome = typeof DISABLED | typeof APPLIED | Violation;

const NO_NEXT = -1;
const NEXT_RETURN = -2;

export class Engine<S> {
  readonly kernels: Kernel[];
  private readonly actions: readonly Action[];
  private readonly m;
  /** Per step action: the pc its static `next` leads to, NEXT_RETURN, or NO_NEXT. */
  private readonly nextPc: Int32Array;
  /** Owner slots of the locks with a lockset bit, and their bits. */
  private readonly lockSlots: Int32Array;
  private readonly lockMasks: Int32Array;
  /** Whether some call may start at DIRQL: only then can anything but the ISR hold the interrupt lock between steps. */
  private readonly dirqlCalls: boolean;
  /** Record every step's data accesses even with race detection off (transaction reduction learns locksets from them). */
  recordAccesses = false;
  /** When set (by a watchdog on another thread): [0] the step action running now or -1, [1] a count of steps started. */
  running?: Int32Array;

  constructor(readonly sys: System, readonly backend: Backend<S>, readonly trackRaces = sys.races) {
    this.m = backend.machine;
    this.actions = sys.actions;
    this.kernels = sys.contexts.map((c) => new Kernel(c.info, backend.machine, sys.slots));
    this.nextPc = Int32Array.from(sys.actions, (a) => {
      const next = a.step?.next;
      if (next === undefined) return NO_NEXT;
      if (next === RETURN) return NEXT_RETURN;
      return sys.contexts[a.ctx].procs.find((p) => p.key === a.proc)?.pcs.get(next) ?? NO_NEXT;
    });
    this.lockSlots = Int32Array.from(sys.lockBits.keys());
    this.lockMasks = Int32Array.from(sys.lockBits.values());
    this.dirqlCalls = sys.callIrqls.some((levels) => levels.includes(DIRQL));
    for (const k of this.kernels) this.attachPorts(k);
  }

  /**
   * Lets the tracker's watch mode see the slots the kernel, the OS side and the
   * adapter read and write for a step (they go through the machine, not views):
   * partial-order reduction needs a step's whole read set. The kernels get a
   * machine whose reads report to the tracker while it watches.
   */
  watchKernelReads(): void {
    const m = this.m;
    const tr = this.backend.tracker;
    const watched = {
      ...m,
      get: (slot: number): number => { if (tr.all) tr.see(slot); return m.get(slot); },
      set: (slot: number, v: number): void => { if (tr.all) tr.wrote(slot); m.set(slot, v); },
    };
    this.kernels.forEach((k, i) => { this.kernels[i] = new Kernel(k.ctx, watched, this.sys.slots); this.attachPorts(this.kernels[i]); });
  }

  /** Gives a kernel the OS side and the adapter, where the system has them. */
  private attachPorts(k: Kernel): void {
    const env = this.sys.env;
    if (!env) return;
    k.osPort = new OsPort(this.sys, env);
    if (env.hw) k.hwPort = new Hw(k, this.sys, env);
  }

  /** Candidate actions in a state, in a fixed order (context order, then timers). */
  candidates(vec: Int32Array, out: number[]): number[] {
    out.length = 0;
    const { contexts, slots } = this.sys;
    // After a halt (bugcheck) every other context, the timers and the device are frozen.
    if (this.sys.bugcheck && this.sys.env!.halted(vec)) {
      const at = contexts[this.sys.bugcheckContext].actionsAt[vec[slots.pc[this.sys.bugcheckContext]]];
      for (let j = 0; j < at.length; j++) out.push(at[j]);
      return out;
    }
    for (let i = 0; i < contexts.length; i++) {
      const at = contexts[i].actionsAt[vec[slots.pc[i]]];
      for (let j = 0; j < at.length; j++) out.push(at[j]);
    }
    const env = this.sys.envActions;
    for (let j = 0; j < env.length; j++) out.push(env[j]);
    return out;
  }

  /** True when some context is inside a procedure (so "nothing enabled" is a deadlock). */
  busy(vec: Int32Array): boolean {
    const pcs = this.sys.slots.pc;
    const ctxs = this.sys.contexts;
    // After a halt, frozen contexts are not waiting for anything: only the display path must finish.
    if (this.sys.bugcheck && this.sys.env!.halted(vec)) {
      const pc = vec[pcs[this.sys.bugcheckContext]];
      return pc > DONE_PC && !ctxs[this.sys.bugcheckContext].endAt[pc];
    }
    for (let i = 0; i < pcs.length; i++) {
      const pc = vec[pcs[i]];
      if (pc > DONE_PC && !ctxs[i].endAt[pc]) return true;
    }
    return false;
  }

  /**
   * The initial state: the schema's initial values, then the model's `init`, run
   * once by a kernel of its own (it may set up objects, interrupts and timers).
   */
  initial(): S {
    const b = this.backend;
    const init = b.initial();
    const setup = this.sys.model.init;
    if (!setup) return init;
    b.begin(init);
    const k = new Kernel({ id: -1, name: 'init', kind: 'worker', process: -1, thread: 0, session: 0, index: 0 }, b.machine, this.sys.slots);
    this.attachPorts(k);
    try {
      setup(b.initScope(), k);
    } catch (e) {
      const why = e === BLOCKED ? 'waits (init runs before any context and must not block)' : e instanceof Violation ? `fails ${e.property}: ${e.message}` : `throws ${e instanceof Error ? e.message : String(e)}`;
      throw new InputError(`model ${this.sys.model.name}: init`, why, 'init sets up the initial state with plain assignments and non-blocking kernel calls');
    }
    return b.commit();
  }

  /** Applies action `id` to `state`. On APPLIED the new state is `backend.commit()`. */
  apply(state: S, vec: Int32Array, id: number): Outcome {
    const a = this.actions[id];
    const b = this.backend;
    const m = this.m;
    const sys = this.sys;
    switch (a.kind) {
      case 'step': {
        b.begin(state);
        const k = this.kernels[a.ctx];
        const st = a.step!;
        const tr = b.tracker;
        tr.reset();
        tr.on = this.trackRaces || this.recordAccesses || tr.all;
        if (tr.on) tr.mask = this.lockset(vec, a.ctx);
        let r: unknown;
        k.beginTimed(st.timed);
        const w = this.running;
        if (w !== undefined) { w[0] = id; w[1]++; }
        try {
          const scope = b.scope(a.ctx);
          if (st.guard !== undefined && !st.guard(scope, k)) { tr.on = false; return DISABLED; }
          r = st.do !== undefined ? st.do(scope, k) : undefined;
          // The timeout twin of a step that made no timed wait this time: nothing timed out.
          if (k.timeoutUnused()) { tr.on = false; return DISABLED; }
        } catch (e) {
          tr.on = false;
          if (e === BLOCKED) return DISABLED;
          if (e instanceof Violation) return e;
          throw stepError(sys, a, e);
        } finally {
          if (w !== undefined) w[0] = -1;
        }
        tr.on = false;
        // The common case: no label returned, a static next label resolved in advance.
        const fixed = this.nextPc[id];
        if (fixed >= 0 && r === undefined) { m.set(sys.slots.pc[a.ctx], fixed); return APPLIED; }
        const next = typeof r === 'string' ? r : st.next;
        const ctx = sys.contexts[a.ctx];
        const proc = ctx.pcProc[vec[sys.slots.pc[a.ctx]]]!;
        if (next === undefined) throw new InputError(`model ${sys.model.name}: step ${a.name}`, `returned ${r === undefined ? 'nothing' : JSON.stringify(r)} and has no "next"`, `return a label of ${proc.name} (${[...proc.pcs.keys()].join(', ')}) or "${RETURN}"`);
        if (next === RETURN) return this.finish(a.ctx, this.entryIrql(a.ctx, proc.irql), proc.name);
        const pc = proc.pcs.get(next);
        if (pc === undefined) throw new InputError(`model ${sys.model.name}: step ${a.name}`, `goes to unknown label "${next}"`, `labels of ${proc.name}: ${[...proc.pcs.keys()].join(', ')}, or "${RETURN}"`);
        m.set(sys.slots.pc[a.ctx], pc);
        return APPLIED;
      }
      case 'call': {
        const ctx = sys.contexts[a.ctx];
        const kind = a.call!;
        // The OS's own threads (TDR, PnP, BUGCHECK: the System process) have no call budget.
        const budgeted = ctx.info.process >= 0;
        const left = ctx.leftSlot.get(kind);
        if (budgeted && (left !== undefined ? vec[left] === 0 : vec[ctx.madeSlot] >= sys.callsPerThread)) return DISABLED;
        // Driver mode, and the OS's own threads in any mode: a call starts only when the contract admits it now.
        const env = sys.env;
        if (env && (sys.mode === 'driver' || !budgeted) && !env.admits(vec, a.ctx, kind)) return DISABLED;
        // A call at DIRQL runs holding the interrupt lock (the OS calls it from its interrupt path): never beside the ISR.
        // Not so the bugcheck display path: the OS calls it from the halted processor, taking no lock.
        if (a.irql === DIRQL && a.ctx !== sys.bugcheckContext && this.interruptLockHolder(vec) >= 0) return DISABLED;
        b.begin(state);
        if (budgeted) { if (left !== undefined) m.set(left, vec[left] - 1); else m.set(ctx.madeSlot, vec[ctx.madeSlot] + 1); }
        m.set(sys.slots.call[a.ctx], kind + 1);
        if (env && ctx.inDriverSlot < 0) env.onEnter(m, vec, kind, true);
        this.enter(a.ctx, a.proc!, a.irql);
        if (ctx.entrySlot >= 0) m.set(ctx.entrySlot, a.irql!);
        return APPLIED;
      }
      case 'detect': {
        if (!sys.env!.detect(vec, null)) return DISABLED;
        b.begin(state);
        sys.env!.detect(vec, m);
        return APPLIED;
      }
      case 'device': {
        if (!sys.env!.consume(vec, null, a.queue!, a.pos!)) return DISABLED;
        b.begin(state);
        sys.env!.consume(vec, m, a.queue!, a.pos!);
        return APPLIED;
      }
      case 'halt': {
        if (!sys.env!.halt(vec, null)) return DISABLED;
        b.begin(state);
        sys.env!.halt(vec, m);
        return APPLIED;
      }
      case 'hang': {
        if (!sys.env!.hang(vec, null)) return DISABLED;
        b.begin(state);
        sys.env!.hang(vec, m);
        return APPLIED;
      }
      case 'irq': {
        // With an adapter, the device's own interrupts come when it raised one; a line-based ISR is also
        // called while it raised nothing (a shared line), counted apart. Without one, at any time.
        // Before StartDevice and after StopDevice (a lifecycle scenario) the interrupt is not connected.
        if (sys.env && !sys.env.interruptConnected(vec)) return DISABLED;
        // MSI with several messages and a status register: message i is delivered while source i is raised.
        const dev = sys.env?.device;
        const asserted = !sys.env || (dev && sys.interrupts.messages > 1 ? dev.interruptAsserted(vec, a.message) : sys.env.interruptAsserted(vec));
        if (a.spurious) { if (asserted || vec[sys.spuriousSlot] >= sys.interrupts.spurious) return DISABLED; }
        else if (vec[sys.irqSlot] >= sys.irqBound || !asserted) return DISABLED;
        // The ISR is idle here, so only a call made at DIRQL can hold the interrupt lock.
        if (this.dirqlCalls && this.interruptLockHolder(vec) >= 0) return DISABLED;
        const when = sys.model.isr?.when;
        if (when !== undefined) {
          let ok: boolean;
          try { ok = when(b.inspect(state)); } catch (e) { throw stepError(sys, a, e); }
          if (!ok) return DISABLED;
        }
        b.begin(state);
        if (a.spurious) m.set(sys.spuriousSlot, vec[sys.spuriousSlot] + 1);
        else m.set(sys.irqSlot, vec[sys.irqSlot] + 1);
        if (sys.slots.isrMessage >= 0) m.set(sys.slots.isrMessage, a.message!);
        if (sys.slots.isrAdapter >= 0) m.set(sys.slots.isrAdapter, a.adapter!);
        this.enter(a.ctx, a.proc!);
        return APPLIED;
      }
      case 'take': {
        const q = sys.env!.hw!.queues.get(a.queue!)!;
        if (!sys.env!.device!.take(vec, null, q, a.pos!)) return DISABLED;
        b.begin(state);
        sys.env!.device!.take(vec, m, q, a.pos!);
        this.enter(a.ctx, a.proc!);
        return APPLIED;
      }
      case 'dpc': {
        // The DPC object's key is its context name without DPC_ (name@adapter for adapters after the first).
        const d = sys.contexts[a.ctx].info.name.slice(4);
        const q = sys.slots.dpcQueued.get(d)!;
        if (vec[q] === 0) return DISABLED;
        b.begin(state);
        m.set(q, 0);
        this.enter(a.ctx, a.proc!);
        return APPLIED;
      }
      case 'timer': {
        const armed = sys.slots.timerArmed.get(a.timer!)!;
        if (vec[armed] === 0) return DISABLED;
        b.begin(state);
        m.set(sys.slots.dpcQueued.get(sys.timerDpc.get(a.timer!)!)!, 1);
        if (vec[sys.slots.timerPeriodic.get(a.timer!)!] === 0) m.set(armed, 0);
        return APPLIED;
      }
    }
  }

  /**
   * The context holding the interrupt lock in `vec`, or -1: the ISR while it
   * runs, and a call the OS made at DIRQL (both run at DIRQL; inside
   * KeSynchronizeExecution a context is at DIRQL only within one atomic step).
   */
  interruptLockHolder(vec: Int32Array): number {
    const irql = this.sys.slots.irql;
    const pc = this.sys.slots.pc;
    for (let i = 0; i < irql.length; i++) if (vec[irql[i]] === DIRQL && vec[pc[i]] > DONE_PC) return i;
    return -1;
  }

  /** The IRQL context `ctx` entered its current procedure at (`dflt`: the procedure's own). */
  private entryIrql(ctx: number, dflt: number): number {
    const c = this.sys.contexts[ctx];
    if (c.entrySlot >= 0) return this.m.get(c.entrySlot);
    const slot = this.sys.slots.call[ctx];
    const kind = slot >= 0 ? this.m.get(slot) - 1 : -1;
    return kind >= 0 ? this.sys.callIrqls[kind][0] : dflt;
  }

  /** The lockset bits of the locks context `ctx` holds in `vec` (at DIRQL it holds the interrupt lock). */
  private lockset(vec: Int32Array, ctx: number): number {
    let mask = vec[this.sys.slots.irql[ctx]] === DIRQL ? INTERRUPT_LOCK : 0;
    const slots = this.lockSlots;
    for (let i = 0; i < slots.length; i++) if (vec[slots[i]] === ctx + 1) mask |= this.lockMasks[i];
    return mask;
  }

  private enter(ctx: number, procKey: string, irql?: number): void {
    const c = this.sys.contexts[ctx];
    const proc = c.procs.find((p) => p.key === procKey)!;
    const slots = this.sys.layout.slots;
    for (const s of c.localSlots) this.m.set(s, slots[s].init);
    this.m.set(this.sys.slots.pc[ctx], proc.entryPc);
    this.m.set(this.sys.slots.irql[ctx], irql ?? proc.irql);
  }

  private finish(ctx: number, entryIrql: number, procName: string): Outcome {
    const c = this.sys.contexts[ctx];
    const sl = this.sys.slots;
    for (const l of this.sys.locks) {
      if (this.m.get(l.slot) === ctx + 1) return new Violation(Property.lockDiscipline, `${c.info.name} returns from ${procName} still holding the ${l.object} ${l.path}`);
    }
    const irql = this.m.get(sl.irql[ctx]);
    if (irql !== entryIrql) {
      const why = irql === DISPATCH_LEVEL ? ' (a spin lock is still held?)' : irql === DIRQL ? ' (the interrupt lock is still held?)' : '';
      return new Violation(Property.lockDiscipline, `${c.info.name} returns from ${procName} at ${irqlName(irql)}, not at the ${irqlName(entryIrql)} it was entered at${why}`);
    }
    // Locals reset whenever a procedure ends, so finished contexts that took
    // different paths are one state.
    const slots = this.sys.layout.slots;
    for (const s of c.localSlots) this.m.set(s, slots[s].init);
    if (c.info.kind === 'worker') { this.m.set(sl.pc[ctx], DONE_PC); return APPLIED; }
    this.m.set(sl.pc[ctx], IDLE_PC);
    this.m.set(sl.irql[ctx], PASSIVE_LEVEL);
    if (sl.call[ctx] >= 0) {
      const kind = this.m.get(sl.call[ctx]) - 1;
      if (kind >= 0 && this.sys.env) {
        if (c.inDriverSlot >= 0 && this.m.get(c.inDriverSlot) === 1) {
          return new Violation(Property.lockDiscipline, `${c.info.name} returns from ${procName} without leaving the driver (k.leaveDriver()) for ${this.sys.calls[kind].key}`);
        }
        if (c.inDriverSlot < 0) this.sys.env.onLeave(this.m, kind, ctx);
      }
      this.m.set(sl.call[ctx], 0);
    }
    return APPLIED;
  }
}

function stepError(sys: System, a: Action, e: unknown): InputError {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const at = e instanceof Error && e.stack ? firstUserFrame(e.stack) : '';
  return new InputError(`model ${sys.model.name}: ${a.kind === 'step' ? `step ${a.name}` : a.name} (context ${a.ctx >= 0 ? sys.contexts[a.ctx].info.name : 'timer'})`,
    `threw ${what}${at ? ` at ${at}` : ''}`, 'a step must not throw: use k.assert(...) for a property, k.await(...) to wait');
}

function firstUserFrame(stack: string): string {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()]+:\d+:\d+)\)?$/.exec(line.trim());
    if (m && !m[1].includes('/src/engine/') && !m[1].includes('/src/model/') && !m[1].includes('node_modules')) return m[1].replace('file://', '');
  }
  return '';
}
