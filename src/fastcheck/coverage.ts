/**
 * Which things were in the driver at once, over the states random runs visited:
 * for every pair of activities (a DDI call kind in the driver, or a driver
 * context inside its procedure: the ISR, a DPC, a worker thread), the number of
 * distinct states in which both were. Read against the contract: a pair of calls
 * the contract lets overlap but no run reached is a gap in what the runs tested;
 * a pair it excludes never shows in driver mode (the OS does not admit it).
 */
import type { System } from '../engine/system.js';
import { DONE_PC, IDLE_PC } from '../engine/system.js';
import { kindConflict } from '../os/rules.js';

export interface CoverageRow {
  readonly a: string;
  readonly b: string;
  /** Distinct states in which both were active (on two contexts). */
  readonly states: number;
  /** For two calls: the contract rule that keeps them apart by their kinds, or null when they may overlap. Undefined for other pairs. */
  readonly excludedBy?: string | null;
}

export class Coverage {
  /** Activity names: call kinds first (index = call kind), then procedures of driver contexts. */
  private readonly names: string[];
  /** Per context: activity index of its procedure when it is not a call context, else -1. */
  private readonly procActivity: Int32Array[];
  private readonly counts: Float64Array;
  private readonly active: number[] = [];
  /** Per pair (a <= b): can two different contexts hold them at once? */
  private readonly possible: Uint8Array;

  constructor(private readonly sys: System) {
    this.names = sys.calls.map((k) => k.key);
    const procIndex = new Map<string, number>();
    const holds: Set<number>[] = sys.contexts.map(() => new Set<number>());
    this.procActivity = sys.contexts.map((c, i) => {
      const byPc = new Int32Array(c.pcProc.length).fill(-1);
      if (sys.slots.call[i] >= 0) {
        for (const id of c.actionsAt[IDLE_PC]) { const k = sys.actions[id].call; if (k !== undefined) holds[i].add(k); }
        return byPc;
      }
      c.pcProc.forEach((p, pc) => {
        if (!p) return;
        const name = c.info.kind === 'isr' ? 'ISR' : c.info.kind === 'dpc' ? `DPC ${p.name}` : `${p.name} thread`;
        let ix = procIndex.get(name);
        if (ix === undefined) { ix = this.names.length; this.names.push(name); procIndex.set(name, ix); }
        byPc[pc] = ix;
        holds[i].add(ix);
      });
      return byPc;
    });
    const n = this.names.length;
    this.counts = new Float64Array(n * n);
    this.possible = new Uint8Array(n * n);
    for (let i = 0; i < holds.length; i++) for (let j = 0; j < holds.length; j++) {
      if (i === j) continue;
      for (const a of holds[i]) for (const b of holds[j]) this.possible[Math.min(a, b) * n + Math.max(a, b)] = 1;
    }
  }

  /** Counts the pairs active in a state seen for the first time. */
  observe(vec: Int32Array): void {
    const { sys, active } = this;
    active.length = 0;
    for (let i = 0; i < sys.contexts.length; i++) {
      const cs = sys.slots.call[i];
      if (cs >= 0) {
        const k = sys.env ? sys.env.activeKind(vec, i) : vec[cs] - 1;
        if (k >= 0) active.push(k);
        continue;
      }
      const pc = vec[sys.slots.pc[i]];
      if (pc > DONE_PC) { const ix = this.procActivity[i][pc]; if (ix >= 0) active.push(ix); }
    }
    const n = this.names.length;
    for (let x = 0; x < active.length; x++) for (let y = x + 1; y < active.length; y++) {
      const a = Math.min(active[x], active[y]);
      const b = Math.max(active[x], active[y]);
      this.counts[a * n + b]++;
    }
  }

  /** Every pair two different contexts can hold, observed or not, in activity order. */
  rows(): CoverageRow[] {
    const n = this.names.length;
    const calls = this.sys.calls;
    const out: CoverageRow[] = [];
    for (let a = 0; a < n; a++) for (let b = a; b < n; b++) {
      const states = this.counts[a * n + b];
      if (states === 0 && !this.possible[a * n + b]) continue;
      const bothCalls = a < calls.length && b < calls.length;
      // The bugcheck display path runs beside frozen calls: no rule keeps it from any.
      const path = (k: number): boolean => this.sys.bugcheck !== null && (k === this.sys.bugcheck.enable || k === this.sys.bugcheck.write);
      const excludedBy = (): string | null => (path(a) || path(b) ? null : kindConflict(calls[a], calls[b])?.rule ?? null);
      out.push({ a: this.names[a], b: this.names[b], states, ...(bothCalls ? { excludedBy: excludedBy() } : {}) });
    }
    return out;
  }
}
