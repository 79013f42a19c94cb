/**
 * Partial-order reduction: the ample-set chooser. In a state, one context's
 * steps may be explored alone (its *ample set*) when every step it could take
 * at its current label touches only its private state: nothing another context
 * can see or change, and nothing any property looks at. Such steps commute with
 * every other context's steps, so the interleavings that differ only in where
 * they sit reach the same states; exploring one order is enough (docs/partial-order.md
 * gives the argument for each property).
 *
 * Private slots of a context (what its safe steps may write): its locals
 * (minus stack objects, which other contexts may reach by reference) and its
 * program counter (none for a device procedure: a reset stops it from outside), unless the model has invariants (they may read
 * `s.contexts[i].at`, so then labels are visible and only the locals are
 * private). A safe step may also read what only its own context writes (its
 * IRQL, the call it serves). A step is safe in a state when, run from that
 * state, it reads and writes nothing else (the tracker's watch mode sees every
 * access: views, kernel, OS side, adapter; and the vectors before and after
 * are compared for what the engine itself changes), does not fail, and stays
 * inside its procedure (ending a call is visible to the OS and to the others'
 * waits).
 *
 * With transactions (Lipton reduction, locksets.ts), a context that holds a
 * kernel lock may also read and write the data that lock protects: its steps
 * inside the critical section then run alone, one transaction from its
 * acquire to its release (both of which touch the lock, so they are expanded
 * in full).
 *
 * The chooser is asked once per expansion; the cycle proviso is the
 * expander's (expand.ts): a reduced expansion is kept only when one of its
 * successors is still to be expanded, else the state is expanded in full.
 */
import type { Engine } from '../../engine/semantics.js';
import { APPLIED, DISABLED } from '../../engine/semantics.js';
import { DONE_PC } from '../../engine/system.js';
import type { Type } from '../../model/schema.js';
import type { Tracker } from '../../engine/tracker.js';
import type { Locksets } from './locksets.js';

/** Read and write masks of one context holding one set of locks, over the locksets of one version. */
interface Masks { readonly version: number; readonly read: Uint8Array; readonly write: Uint8Array }

/** Chooses, per state, the context whose steps alone are expanded, or none. */
export class AmpleChooser<S> {
  /** Per context: which slots its safe steps may write (1) — its private slots. */
  private readonly writable: Uint8Array[];
  /** Per context: which slots its safe steps may read (1): the private ones and those only it writes. */
  private readonly readable: Uint8Array[];
  /** Per context: false when no step of it can ever be safe (it has only call, interrupt or DPC actions at some pcs: checked per pc). */
  private readonly stepOnly: Uint8Array[];
  /** Expansions the chooser was asked about, and how many got an ample set. */
  asked = 0;
  reduced = 0;
  /** Reduced expansions given up by the cycle proviso (expanded in full). */
  private provisoFull = 0;
  /** Whether the last ample set chosen relied on a lock (so giving it up uncounts a transaction). */
  private lastTransaction = false;
  /** Ample sets that relied on a lock the context held (transactions). */
  transactions = 0;
  /**
   * Why no state is reduced in this scenario, or null. A bugcheck halt may fire
   * in any state and freezes every other context: it is dependent with every
   * step, so no ample set of one context's steps is sound.
   */
  readonly off: string | null;
  /** Why labels count as visible, or null when they are private. */
  readonly labelsVisible: string | null;
  /** Transactions: the lock discipline learnt so far; null without them (or when invariants could see the data). */
  readonly locks: Locksets | null;
  /** Model data a lock can protect: `g` and session slots declared plain data (the adapter's and the OS's slots are moved by more than steps). */
  private readonly guardable: Uint8Array;
  /** Per context and lockset: the masks with the protected data added. */
  private readonly cache = new Map<number, Masks>();
  /** Data slots the trial steps touched outside the context's own (a chosen transaction relies on their locks). */
  private readonly touched: number[] = [];

  /**
   * @param locks - for transactions: the lock discipline (locksets.ts); ignored
   *   when the model has invariants, which may read the data a transaction writes
   */
  constructor(private readonly engine: Engine<S>, locks: Locksets | null = null) {
    const sys = engine.sys;
    const width = sys.layout.width;
    this.off = sys.bugcheck !== null ? 'the scenario\'s bugcheck halt may stop every context in any state, so no step is independent of it' : null;
    const invs = sys.model.invariants;
    this.labelsVisible = invs && Object.keys(invs).length > 0
      ? 'the model has invariants, which may read s.contexts[i].at, so program counters count as visible: only steps that stay at their label and touch only locals are reduced'
      : null;
    const stackFields = Object.entries((sys.model.local ?? {}) as Record<string, Type>)
      .filter(([, ty]) => ty.kind === 'record' && ty.stack === true).map(([f]) => f);
    this.writable = sys.contexts.map((c, i) => {
      const w = new Uint8Array(width);
      // A device procedure is stopped mid-entry by a reset another context makes (its label and entry are
      // written from outside): nothing of it is private.
      if (c.info.kind === 'device') return w;
      const onStack = stackFields.map((f) => `ctx.${c.info.name}.local.${f}`);
      for (const s of c.localSlots) {
        const path = sys.layout.slots[s].path;
        if (!onStack.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) w[s] = 1;
      }
      if (this.labelsVisible === null) w[sys.slots.pc[i]] = 1;
      return w;
    });
    this.readable = sys.contexts.map((c, i) => {
      const r = this.writable[i].slice();
      // Written only by this context's own steps and by the engine on its behalf.
      r[sys.slots.pc[i]] = 1;
      r[sys.slots.irql[i]] = 1;
      if (sys.slots.call[i] >= 0) r[sys.slots.call[i]] = 1;
      if (c.entrySlot >= 0) r[c.entrySlot] = 1;
      return r;
    });
    this.locks = this.labelsVisible === null ? locks : null;
    this.guardable = Uint8Array.from(sys.layout.slots, (sl) => (sl.access === 'data' && (sl.path.startsWith('g.') || sl.path.startsWith('sessions[')) ? 1 : 0));
    this.stepOnly = sys.contexts.map((c) => Uint8Array.from(c.actionsAt, (at) => (at.length > 0 && at.every((a) => sys.actions[a].kind === 'step') ? 1 : 0)));
  }

  /**
   * The cycle proviso gave up the ample set just chosen: the state is expanded
   * in full after all (the notes count it apart). A transaction it relied on
   * stays relied on: its steps ran, and the discipline they assumed is checked.
   */
  givenUp(): void {
    this.reduced--;
    this.provisoFull++;
    if (this.lastTransaction) this.transactions--;
  }

  /** Note for the verdict: what the reduction did and what it leaves out. */
  note(): string {
    if (this.off !== null) return `partial-order reduction off: ${this.off}; every state expanded in full, and the stuck-context check skipped`;
    const provisos = this.provisoFull > 0 ? ` (${this.provisoFull.toLocaleString('en-US')} more given up by the cycle proviso and expanded in full)` : '';
    const tx = this.locks ? `, ${this.transactions.toLocaleString('en-US')} of them inside a kernel lock's critical section (transactions)` : '';
    return `partial-order reduction: ample sets on ${this.reduced.toLocaleString('en-US')} of ${this.asked.toLocaleString('en-US')} expansions${tx}${provisos}; stuck-context check skipped (not preserved by the reduction)`
      + (this.labelsVisible ? `; ${this.labelsVisible}` : '');
  }

  /**
   * The context whose enabled steps form an ample set in the state `vec`
   * (`state` decoded), or -1 to expand in full. `cands` are the state's
   * candidate actions in candidate order. Runs the trial steps on the
   * backend's working copy (they are run again by the expansion).
   */
  choose(state: S, vec: Int32Array, cands: readonly number[]): number {
    this.asked++;
    if (this.off !== null) return -1;
    const { engine } = this;
    const sys = engine.sys;
    const actions = sys.actions;
    const tr = engine.backend.tracker;
    let i = 0;
    while (i < cands.length) {
      const ctx = actions[cands[i]].ctx;
      let j = i;
      while (j < cands.length && actions[cands[j]].ctx === ctx) j++;
      if (ctx >= 0 && this.stepOnly[ctx][vec[sys.slots.pc[ctx]]] === 1) {
        const held = this.locks === null ? 0 : this.locks.held(vec, ctx);
        const m = held === 0 ? null : this.masks(ctx, held);
        this.touched.length = 0;
        if (this.safe(state, vec, cands, i, j, ctx, tr, m?.read ?? this.readable[ctx], m?.write ?? this.writable[ctx])) {
          this.reduced++;
          this.lastTransaction = this.touched.length > 0;
          if (this.lastTransaction) {
            this.transactions++;
            for (const s of this.touched) this.locks!.rely(s, held);
          }
          return ctx;
        }
      }
      i = j;
    }
    return -1;
  }

  /** Context `ctx`'s masks while it holds the locks `held`: its own slots and the data those locks protect. */
  private masks(ctx: number, held: number): Masks {
    const locks = this.locks!;
    const key = held * 65536 + ctx;
    const hit = this.cache.get(key);
    if (hit !== undefined && hit.version === locks.version) return hit;
    const read = this.readable[ctx].slice();
    const write = this.writable[ctx].slice();
    const g = this.guardable;
    for (let s = 0; s < g.length; s++) if (g[s] === 1 && locks.protects(s, held)) { read[s] = 1; write[s] = 1; }
    const m = { version: locks.version, read, write };
    this.cache.set(key, m);
    return m;
  }

  /**
   * Whether candidates `cands[from..to)` (all of context `ctx`) are all safe
   * (reading only `r`, writing only `w`), and at least one is enabled.
   */
  private safe(state: S, vec: Int32Array, cands: readonly number[], from: number, to: number, ctx: number, tr: Tracker, r: Uint8Array, w: Uint8Array): boolean {
    const { engine } = this;
    const b = engine.backend;
    const own = this.readable[ctx];
    const pcSlot = engine.sys.slots.pc[ctx];
    let enabled = 0;
    tr.allowed = r;
    tr.writable = w;
    try {
      for (let c = from; c < to; c++) {
        tr.all = true;
        tr.foreign = false;
        const out = engine.apply(state, vec, cands[c]);
        tr.all = false;
        if (tr.foreign) return false;
        if (r !== own) this.touchedData(tr, own);
        if (out === DISABLED) continue;
        if (out !== APPLIED) return false;
        const next = b.vector(b.commit());
        if (next[pcSlot] <= DONE_PC) return false;
        for (let s = 0; s < next.length; s++) if (next[s] !== vec[s] && w[s] === 0) return false;
        enabled++;
      }
    } finally {
      tr.all = false;
    }
    return enabled > 0;
  }

  /** Notes the data slots the trial step just touched outside the context's own: a transaction relies on their locks. */
  private touchedData(tr: Tracker, own: Uint8Array): void {
    for (let i = 0; i < tr.nReads; i++) if (own[tr.reads[i]] === 0) this.touched.push(tr.reads[i]);
    for (let i = 0; i < tr.nWrites; i++) if (own[tr.writes[i]] === 0) this.touched.push(tr.writes[i]);
  }
}
