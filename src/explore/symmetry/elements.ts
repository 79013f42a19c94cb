/**
 * Elements of a symmetry group, as maps of contexts and processes: all of them
 * (for counting orbits in small checks) and a generating set (for the symmetry
 * check: a relation every generator preserves, the whole group preserves).
 */
import type { SymmetryGroup } from './group.js';

/** A group element: where each context goes (identity for fixed ones) and where each process goes. */
export interface GroupElement {
  readonly ctxMap: Int32Array;
  readonly procMap: Int32Array;
  /** In words, for messages: "swapping processes 0 and 1". */
  readonly name: string;
}

const identity = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** Every element of the group (|G| of them). */
export function* groupElements(g: SymmetryGroup): Generator<GroupElement> {
  const np = g.threadsOf.length;
  const nctx = g.moves.length;
  const procMap = identity(np);
  const threadPerms = g.threadsOf.map((ts) => identity(ts.length));
  // Per process (in order), every arrangement of its threads; then the element they make with procMap.
  function* threads(p: number): Generator<GroupElement> {
    if (p === np) {
      const ctxMap = identity(nctx);
      for (let q = 0; q < np; q++) g.threadsOf[q].forEach((c, t) => { ctxMap[c] = g.threadsOf[procMap[q]][threadPerms[q][t]]; });
      yield { ctxMap, procMap: procMap.slice(), name: 'a group element' };
      return;
    }
    if (!g.threadsSymmetric[p]) { yield* threads(p + 1); return; }
    for (const _ of permutations(threadPerms[p], 0, threadPerms[p].length)) yield* threads(p + 1);
  }
  // Per class of processes, every arrangement of its members.
  function* classes(k: number): Generator<GroupElement> {
    if (k === g.processClasses.length) { yield* threads(0); return; }
    const members = g.processClasses[k];
    const images = Int32Array.from(members);
    for (const _ of permutations(images, 0, images.length)) {
      members.forEach((p, i) => { procMap[p] = images[i]; });
      yield* classes(k + 1);
    }
    members.forEach((p) => { procMap[p] = p; });
  }
  yield* classes(0);
}

/** Generators: swaps of neighbouring processes in a class, and of neighbouring threads in a process. */
export function generators(g: SymmetryGroup): GroupElement[] {
  const nctx = g.moves.length;
  const np = g.threadsOf.length;
  const out: GroupElement[] = [];
  for (const cls of g.processClasses) {
    for (let i = 0; i + 1 < cls.length; i++) {
      const ctxMap = identity(nctx), procMap = identity(np);
      const p = cls[i], q = cls[i + 1];
      procMap[p] = q; procMap[q] = p;
      g.threadsOf[p].forEach((c, t) => { const d = g.threadsOf[q][t]; ctxMap[c] = d; ctxMap[d] = c; });
      out.push({ ctxMap, procMap, name: `swapping processes ${p} and ${q}` });
    }
  }
  g.threadsOf.forEach((ts, p) => {
    if (!g.threadsSymmetric[p]) return;
    for (let t = 0; t + 1 < ts.length; t++) {
      const ctxMap = identity(nctx), procMap = identity(np);
      ctxMap[ts[t]] = ts[t + 1]; ctxMap[ts[t + 1]] = ts[t];
      out.push({ ctxMap, procMap, name: `swapping threads ${t} and ${t + 1} of process ${p}` });
    }
  });
  return out;
}

/**
 * Steps `a[lo..hi)` through every permutation of its elements, yielding after
 * each (starting from and ending in ascending order; the elements are distinct).
 */
export function* permutations(a: Int32Array, lo: number, hi: number): Generator<void> {
  a.subarray(lo, hi).sort();
  for (;;) {
    yield;
    // Next permutation in lexicographic order; past the last, back to the first.
    let i = hi - 2;
    while (i >= lo && a[i] >= a[i + 1]) i--;
    if (i < lo) { a.subarray(lo, hi).sort(); return; }
    let j = hi - 1;
    while (a[j] <= a[i]) j--;
    const t = a[i]; a[i] = a[j]; a[j] = t;
    a.subarray(i + 1, hi).reverse();
  }
}
