/**
 * The canonical form of a state under the symmetry group: the one member of
 * its orbit the search stores. A group element moves whole thread records
 * (`ctx.P<p>T<t>.*`) and per-process elements, and renames every context
 * reference by the same permutation.
 *
 * To be cheap and exact at once: every thread record gets a key, its slot
 * values with each reference to a movable context replaced by one marker
 * (unchanged by any group element); a process's key is its threads' keys in
 * sorted order, then its per-process elements (masked the same way). Sorting
 * threads within each process and then processes within each class by these
 * keys fixes the element up to ties; among the elements that sort the state
 * (a coset of its keys' stabilizer), the least resulting vector is the
 * canonical one. The ties are enumerated only when they can matter: when
 * nothing in the state refers to a movable context, tied records are equal
 * word for word and every choice gives the same vector. The result depends only
 * on the orbit, so the orbit-stabilizer identity holds exactly.
 */
import type { SymmetryGroup } from './group.js';
import { groupElements, permutations, type GroupElement } from './elements.js';

const MARK = -1;

/** Canonical forms of state vectors under one symmetry group (reuses its buffers: not reentrant). */
export class Canonical {
  private readonly nctx: number;
  private readonly isRef: Uint8Array;
  private readonly out: Int32Array;
  private readonly best: Int32Array;
  private readonly ctxMap: Int32Array;
  private readonly procMap: Int32Array;
  /** The vector being canonicalized: keys are read off it, masked on the fly (no copies). */
  private vec: Int32Array;
  /** Per process: its thread positions in key order. */
  private readonly order: Int32Array[];
  /** Per class: its processes in key order. */
  private readonly porder: Int32Array[];
  /** Tied ranges to enumerate: [array, lo, hi]. */
  private readonly ties: [Int32Array, number, number][] = [];
  private found = false;

  constructor(readonly group: SymmetryGroup, width: number) {
    const g = group;
    this.nctx = g.moves.length;
    this.isRef = new Uint8Array(width);
    for (const s of g.refSlots) this.isRef[s] = 1;
    this.out = new Int32Array(width);
    this.best = new Int32Array(width);
    this.ctxMap = new Int32Array(this.nctx);
    this.procMap = new Int32Array(g.threadsOf.length);
    this.vec = this.out;
    this.order = g.threadsOf.map((ts) => Int32Array.from(ts, (_, i) => i));
    this.porder = g.processClasses.map((c) => Int32Array.from(c));
  }

  /**
   * The canonical vector of `vec`: a buffer reused by the next call (copy to
   * keep), or `vec` itself when it is canonical already (never write to it).
   */
  canonical(vec: Int32Array): Int32Array {
    const g = this.group;
    const { moves, refSlots, threadsOf, processClasses } = g;
    const nctx = this.nctx;
    this.vec = vec;
    // Does anything refer to a context the group moves?
    let pointed = false;
    for (let i = 0; i < refSlots.length; i++) {
      const v = vec[refSlots[i]];
      if (v > 0 && v <= nctx && moves[v - 1] === 1) { pointed = true; break; }
    }
    for (let p = 0; p < threadsOf.length; p++) {
      const o = this.order[p];
      for (let i = 0; i < o.length; i++) o[i] = i;
      if (g.threadsSymmetric[p]) this.sortThreads(p);
    }
    for (let k = 0; k < processClasses.length; k++) {
      const po = this.porder[k];
      po.set(processClasses[k]);
      this.sortProcesses(po);
    }
    if (pointed) {
      this.ties.length = 0;
      for (let p = 0; p < threadsOf.length; p++) {
        if (!g.threadsSymmetric[p]) continue;
        const o = this.order[p];
        const ts = threadsOf[p];
        this.addTies(o, (a, b) => this.cmpCtx(ts[a], ts[b]));
      }
      for (const po of this.porder) this.addTies(po, (a, b) => this.cmpProcess(a, b));
      if (this.ties.length > 0) {
        this.found = false;
        this.enumerate(vec, 0);
        this.out.set(this.best);
        return this.out;
      }
    }
    // The common case: the state is in key order already, so it is its own canonical form.
    if (this.mapping()) return vec;
    this.apply(vec, this.ctxMap, this.procMap, this.out);
    return this.out;
  }

  /** Writes `g`·`vec` into `out`: records and per-process elements moved, context references renamed. */
  apply(vec: Int32Array, ctxMap: Int32Array, procMap: Int32Array, out: Int32Array): void {
    const g = this.group;
    const nctx = this.nctx;
    const isRef = this.isRef;
    out.set(vec);
    const refs = g.refSlots;
    for (let i = 0; i < refs.length; i++) {
      const v = vec[refs[i]];
      if (v > 0 && v <= nctx) out[refs[i]] = ctxMap[v - 1] + 1;
    }
    for (let c = 0; c < nctx; c++) {
      if (g.moves[c] === 0) continue;
      const d = ctxMap[c];
      if (d === c) continue;
      move(vec, g.blocks[c], g.blocks[d], out, isRef, ctxMap, nctx);
    }
    for (let p = 0; p < procMap.length; p++) {
      const q = procMap[p];
      if (q !== p) move(vec, g.processSlots[p], g.processSlots[q], out, isRef, ctxMap, nctx);
    }
  }

  /** Applies a group element. */
  applyElement(vec: Int32Array, e: GroupElement, out: Int32Array): void { this.apply(vec, e.ctxMap, e.procMap, out); }

  /** Every element, listed once (for orbitSize). */
  private all: GroupElement[] | null = null;

  /** The size of the orbit of `vec`: |G| / |stabilizer|, counting the elements that fix it. */
  orbitSize(vec: Int32Array): number {
    const all = this.all ??= [...groupElements(this.group)];
    const out = this.best;
    let fixed = 0;
    for (const e of all) {
      this.applyElement(vec, e, out);
      let same = true;
      for (let i = 0; i < out.length; i++) if (out[i] !== vec[i]) { same = false; break; }
      if (same) fixed++;
    }
    return all.length / fixed;
  }

  /** Slot `s`'s value as a key: a reference to a movable context reads as one marker. */
  private keyOf(s: number): number {
    const v = this.vec[s];
    return this.isRef[s] === 1 && v > 0 && v <= this.nctx && this.group.moves[v - 1] === 1 ? MARK : v;
  }

  /** Compares two slot lists of one shape by their keys. */
  private cmpSlots(a: Int32Array, b: Int32Array): number {
    for (let i = 0; i < a.length; i++) {
      const x = this.keyOf(a[i]);
      const y = this.keyOf(b[i]);
      if (x !== y) return x - y;
    }
    return 0;
  }

  /** Compares two thread contexts by their records' keys. */
  private cmpCtx(a: number, b: number): number { return this.cmpSlots(this.group.blocks[a], this.group.blocks[b]); }

  /** Insertion sort of process p's thread positions by key (few threads). */
  private sortThreads(p: number): void {
    const o = this.order[p];
    const ts = this.group.threadsOf[p];
    for (let i = 1; i < o.length; i++) {
      const x = o[i];
      let j = i - 1;
      while (j >= 0 && this.cmpCtx(ts[o[j]], ts[x]) > 0) { o[j + 1] = o[j]; j--; }
      o[j + 1] = x;
    }
  }

  private sortProcesses(po: Int32Array): void {
    for (let i = 1; i < po.length; i++) {
      const x = po[i];
      let j = i - 1;
      while (j >= 0 && this.cmpProcess(po[j], x) > 0) { po[j + 1] = po[j]; j--; }
      po[j + 1] = x;
    }
  }

  /** Compares processes by their sorted thread keys, then their per-process elements. */
  private cmpProcess(p: number, q: number): number {
    const ts = this.group.threadsOf;
    const op = this.order[p], oq = this.order[q];
    for (let j = 0; j < op.length; j++) {
      const c = this.cmpCtx(ts[p][op[j]], ts[q][oq[j]]);
      if (c !== 0) return c;
    }
    return this.cmpSlots(this.group.processSlots[p], this.group.processSlots[q]);
  }

  /** Records the runs of equal neighbours in a sorted array as ranges to enumerate. */
  private addTies(a: Int32Array, compare: (x: number, y: number) => number): void {
    let lo = 0;
    for (let i = 1; i <= a.length; i++) {
      if (i < a.length && compare(a[lo], a[i]) === 0) continue;
      if (i - lo > 1) this.ties.push([a, lo, i]);
      lo = i;
    }
  }

  /** Every arrangement of the tied ranges from `k` on: keeps the least resulting vector in `best`. */
  private enumerate(vec: Int32Array, k: number): void {
    if (k === this.ties.length) {
      this.mapping();
      this.apply(vec, this.ctxMap, this.procMap, this.out);
      if (!this.found || cmp(this.out, this.best) < 0) { this.best.set(this.out); this.found = true; }
      return;
    }
    const [a, lo, hi] = this.ties[k];
    for (const _ of permutations(a, lo, hi)) this.enumerate(vec, k + 1);
  }

  /** The element that puts the processes and threads in their current order; true when it is the identity. */
  private mapping(): boolean {
    const g = this.group;
    const { ctxMap, procMap } = this;
    const classes = g.processClasses;
    let identity = true;
    for (let c = 0; c < ctxMap.length; c++) ctxMap[c] = c;
    for (let p = 0; p < procMap.length; p++) procMap[p] = p;
    for (let k = 0; k < classes.length; k++) {
      const cls = classes[k];
      const po = this.porder[k];
      for (let i = 0; i < cls.length; i++) { procMap[po[i]] = cls[i]; if (po[i] !== cls[i]) identity = false; }
    }
    for (let p = 0; p < procMap.length; p++) {
      const q = procMap[p];
      const o = this.order[p];
      const src = g.threadsOf[p], dst = g.threadsOf[q];
      for (let j = 0; j < o.length; j++) { const from = src[o[j]]; ctxMap[from] = dst[j]; if (from !== dst[j]) identity = false; }
    }
    return identity;
  }
}

function cmp(a: Int32Array, b: Int32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function move(vec: Int32Array, src: Int32Array, dst: Int32Array, out: Int32Array, isRef: Uint8Array, ctxMap: Int32Array, nctx: number): void {
  for (let i = 0; i < src.length; i++) {
    const s = src[i];
    let v = vec[s];
    if (isRef[s] === 1 && v > 0 && v <= nctx) v = ctxMap[v - 1] + 1;
    out[dst[i]] = v;
  }
}
