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
 * program counter, unless the model has invariants (they may read
 * `s.contexts[i].at`, so then labels are visible and only the locals are
 * private). A safe step may also read what only its own context writes (its
 * IRQL, the call it serves). A step is safe in a state when, run from that
 * state, it reads and writes nothing else (the tracker's watch mode sees every
 * access: views, kernel, OS side, adapter; and the vectors before and after
 * are compared for what the engine itself changes), does not fail, and stays
 * inside its procedure (ending a call is visible to the OS and to the others'
 * waits).
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
  provisoFull = 0;
  /** Why labels count as visible, or null when they are private. */
  readonly labelsVisible: string | null;

  constructor(private readonly engine: Engine<S>) {
    const sys = engine.sys;
    const width = sys.layout.width;
    const invs = sys.model.invariants;
    this.labelsVisible = invs && Object.keys(invs).length > 0
      ? 'the model has invariants, which may read s.contexts[i].at, so program counters count as visible: only steps that stay at their label and touch only locals are reduced'
      : null;
    const stackFields = Object.entries((sys.model.local ?? {}) as Record<string, Type>)
      .filter(([, ty]) => ty.kind === 'record' && ty.stack === true).map(([f]) => f);
    this.writable = sys.contexts.map((c, i) => {
      const w = new Uint8Array(width);
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
    this.stepOnly = sys.contexts.map((c) => Uint8Array.from(c.actionsAt, (at) => (at.length > 0 && at.every((a) => sys.actions[a].kind === 'step') ? 1 : 0)));
  }

  /** Note for the verdict: what the reduction did and what it leaves out. */
  note(): string {
    const provisos = this.provisoFull > 0 ? ` (${this.provisoFull.toLocaleString('en-US')} more given up by the cycle proviso and expanded in full)` : '';
    return `partial-order reduction: ample sets on ${this.reduced.toLocaleString('en-US')} of ${this.asked.toLocaleString('en-US')} expansions${provisos}; stuck-context check skipped (not preserved by the reduction)`
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
    const { engine } = this;
    const sys = engine.sys;
    const actions = sys.actions;
    const tr = engine.backend.tracker;
    let i = 0;
    while (i < cands.length) {
      const ctx = actions[cands[i]].ctx;
      let j = i;
      while (j < cands.length && actions[cands[j]].ctx === ctx) j++;
      if (ctx >= 0 && this.stepOnly[ctx][vec[sys.slots.pc[ctx]]] === 1 && this.safe(state, vec, cands, i, j, ctx, tr)) {
        this.reduced++;
        return ctx;
      }
      i = j;
    }
    return -1;
  }

  /** Whether candidates `cands[from..to)` (all of context `ctx`) are all safe, and at least one is enabled. */
  private safe(state: S, vec: Int32Array, cands: readonly number[], from: number, to: number, ctx: number, tr: Tracker): boolean {
    const { engine } = this;
    const b = engine.backend;
    const w = this.writable[ctx];
    const pcSlot = engine.sys.slots.pc[ctx];
    let enabled = 0;
    tr.allowed = this.readable[ctx];
    tr.writable = w;
    try {
      for (let c = from; c < to; c++) {
        tr.all = true;
        tr.foreign = false;
        const out = engine.apply(state, vec, cands[c]);
        tr.all = false;
        if (tr.foreign) return false;
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
}
