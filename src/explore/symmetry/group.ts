/**
 * The symmetry group of a compiled system, read off its scenario: which OS
 * thread contexts (P<p>T<t>) are interchangeable. Threads of one process are
 * interchangeable when they run the same procedures with the same call lists;
 * processes are when their threads are, and they share a session (sessions
 * are not permuted). The ISR, DPCs, timers, workers and the TDR thread stay
 * fixed. The group is the product of the permutations of each class of
 * processes and of the threads inside every process.
 */
import type { System } from '../../engine/system.js';

/** Where the group acts in the state vector, and what it is. */
export interface SymmetryGroup {
  /** Per process: its thread context ids, in thread order. */
  readonly threadsOf: readonly (readonly number[])[];
  /** Classes of interchangeable processes (each of 2 or more, ascending). */
  readonly processClasses: readonly (readonly number[])[];
  /** Per process: whether its threads are interchangeable (2 or more threads with one signature). */
  readonly threadsSymmetric: readonly boolean[];
  /** Per context id: the slots of its record `ctx.<name>.*` in layout order (empty for contexts that stay fixed). */
  readonly blocks: readonly Int32Array[];
  /** Per process: the slots of its elements of every per-process array, in layout order. */
  readonly processSlots: readonly Int32Array[];
  /** Every slot that holds a context reference. */
  readonly refSlots: Int32Array;
  /** Per context id: 1 when the group may move it (a thread of a symmetric process or process class). */
  readonly moves: Uint8Array;
  /** The order of the group (|G|). */
  readonly order: number;
  /** In words: "3 processes x 2 threads interchangeable, |G| = 48". */
  readonly description: string;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** What makes two thread contexts interchangeable: their procedures, calls and the shape of their records. */
function signature(sys: System, ctx: number, block: Int32Array): string {
  const c = sys.contexts[ctx];
  const prefix = `ctx.${c.info.name}.`.length;
  const slots = [...block].map((s) => { const sl = sys.layout.slots[s]; return `${sl.path.slice(prefix)}:${sl.min}:${sl.max}:${sl.init}:${sl.ref ?? ''}`; });
  return JSON.stringify([c.procs.map((p) => p.key), [...c.procOfCall.entries()], c.info.kind, slots]);
}

/**
 * The symmetry group of `sys`, or null when it is trivial (no two threads or
 * processes are interchangeable).
 */
export function symmetryGroup(sys: System): SymmetryGroup | null {
  const nctx = sys.contexts.length;
  const slots = sys.layout.slots;
  const blocksAll: Int32Array[] = sys.contexts.map((c) => {
    const prefix = `ctx.${c.info.name}.`;
    return Int32Array.from(slots.filter((s) => s.path.startsWith(prefix)).map((s) => s.index));
  });
  const threadsOf: number[][] = [];
  for (const c of sys.contexts) {
    if (c.info.kind !== 'thread' || c.info.process < 0) continue;
    (threadsOf[c.info.process] ??= [])[c.info.thread] = c.info.id;
  }
  const processes = threadsOf.length;
  if (processes === 0) return null;
  const sig = (ctx: number): string => signature(sys, ctx, blocksAll[ctx]);
  const threadsSymmetric = threadsOf.map((ts) => ts.length > 1 && ts.every((c) => sig(c) === sig(ts[0])));
  // Per-process elements: slots of process p, in layout order.
  const processSlots: Int32Array[] = Array.from({ length: processes }, (_, p) => Int32Array.from(slots.filter((s) => s.process === p).map((s) => s.index)));
  const procSig = (p: number): string => JSON.stringify([
    sys.contexts[threadsOf[p][0]].info.session, threadsOf[p].length, threadsSymmetric[p],
    threadsOf[p].map(sig), [...processSlots[p]].map((s) => `${slots[s].min}:${slots[s].max}:${slots[s].init}:${slots[s].ref ?? ''}`),
  ]);
  // Thread signatures inside a symmetric process are equal, so comparing them in order is comparing the multisets.
  const bySig = new Map<string, number[]>();
  for (let p = 0; p < processes; p++) {
    const k = procSig(p);
    const cls = bySig.get(k);
    if (cls) cls.push(p); else bySig.set(k, [p]);
  }
  const processClasses = [...bySig.values()].filter((c) => c.length > 1);
  let order = 1;
  for (const c of processClasses) order *= factorial(c.length);
  threadsOf.forEach((ts, p) => { if (threadsSymmetric[p]) order *= factorial(ts.length); });
  if (order === 1) return null;
  const moves = new Uint8Array(nctx);
  const inClass = new Uint8Array(processes);
  for (const c of processClasses) for (const p of c) inClass[p] = 1;
  threadsOf.forEach((ts, p) => { if (inClass[p] || threadsSymmetric[p]) for (const c of ts) moves[c] = 1; });
  const blocks = blocksAll.map((b, i) => (moves[i] ? b : new Int32Array(0)));
  const refSlots = Int32Array.from(slots.filter((s) => s.ref === 'context').map((s) => s.index));
  return { threadsOf, processClasses, threadsSymmetric, blocks, processSlots, refSlots, moves, order, description: describe(threadsOf, processClasses, threadsSymmetric, order) };
}

function describe(threadsOf: readonly (readonly number[])[], classes: readonly (readonly number[])[], threadsSym: readonly boolean[], order: number): string {
  const n = threadsOf.length;
  const t = threadsOf[0]?.length ?? 0;
  const allThreads = threadsSym.every((s) => s);
  const oneClass = n === 1 || (classes.length === 1 && classes[0].length === n);
  const plural = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : w.endsWith('s') ? 'es' : 's'}`;
  let what: string;
  if (oneClass && (allThreads || t === 1)) what = t === 1 ? `${plural(n, 'process')} interchangeable` : `${plural(n, 'process')} x ${plural(t, 'thread')} interchangeable`;
  else {
    const parts: string[] = [];
    for (const c of classes) parts.push(`processes ${c.join(', ')} interchangeable`);
    const symProcs = threadsSym.map((s, p) => (s ? p : -1)).filter((p) => p >= 0);
    if (symProcs.length > 0) parts.push(`the threads of process${symProcs.length === 1 ? '' : 'es'} ${symProcs.join(', ')} interchangeable`);
    what = parts.join('; ');
  }
  return `${what}, |G| = ${order}`;
}
