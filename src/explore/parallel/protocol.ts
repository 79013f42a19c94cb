/**
 * What the coordinator of a parallel search and its workers share: the control
 * block (a stop flag, a reply counter the coordinator sleeps on, one wake-up
 * counter per worker for the rings, each worker's running step for the
 * watchdog), the progress counters, and the commands and replies they post.
 *
 * A state's key is the place its first discovery has in the sequential
 * breadth-first order: the rank of the state it was reached from (its id in
 * the sequential search) times KEY_SPAN, plus the place of the transition in
 * that state's expansion. Keys order the states of a level exactly as the
 * one-thread search stores them, which is what makes the parallel search give
 * the same ids, parent links, counts and counterexamples.
 */
import type { Race } from '../../../properties/monitor.js';
import type { SharedGraph } from './graph.js';

/** Transitions one state may have at most (a key keeps its place in 16 bits); the last place stands for "after the expansion". */
export const KEY_SPAN = 65536;
export const AFTER_EXPANSION = KEY_SPAN - 1;

/** A key from the parent's rank and the transition's place. */
export const keyOf = (rank: number, place: number): number => rank * KEY_SPAN + place;
/** The rank part of a key. */
export const rankOfKey = (key: number): number => Math.floor(key / KEY_SPAN);
/** The place part of a key. */
export const placeOfKey = (key: number): number => key % KEY_SPAN;

/** Int32 slots of the control block. */
export const Ctl = {
  /** 1 once the search must stop (Ctrl-C, a time or memory budget). */
  stop: 0,
  /** Bumped (and notified) by a worker after each reply it posts. */
  replies: 1,
  /** Worker w's wake-up counter is slot `signals + w`: bumped when a ring to it gets records. */
  signals: 2,
} as const;
/** Control block slots for `n` workers: the fixed ones, a signal each, then the running step and step count of each. */
export const controlSlots = (n: number): number => Ctl.signals + 3 * n;
/** Where worker w's [running action, steps started] pair starts. */
export const runningAt = (n: number, w: number): number => Ctl.signals + n + 2 * w;

/** Float64 progress slots per worker: states stored, transitions taken, states waiting. */
export const PROGRESS_SLOTS = 3;

/** Ints of a ring record beside the packed vector: fingerprint (2), parent rank, place, parent id, action. */
export const RECORD_EXTRA = 6;
/** The action of the record that ends a worker's level on a ring. */
export const END_OF_LEVEL = -1;

/** What a worker needs to start. */
export interface WorkerInit {
  readonly file: string;
  readonly model: string;
  readonly scenario?: string;
  readonly backend: 'fast' | 'immer';
  readonly exact: boolean;
  readonly index: number;
  readonly workers: number;
  readonly control: SharedArrayBuffer;
  readonly progress: SharedArrayBuffer;
  /** Ring from worker s to worker d at s * workers + d (null on the diagonal). */
  readonly rings: readonly (SharedArrayBuffer | null)[];
  readonly ringCapacity: number;
  readonly determinismChecks: number;
  /** This worker's share of the memory budget, in MB. */
  readonly memoryMB: number;
  /** Edges a worker logs at most for the stuck-context check; 0: the check is off. */
  readonly graphEdges: number;
  /** Key states by their canonical form (the coordinator found the model symmetric). */
  readonly symmetry: boolean;
  /** The coordinator's end of the reply channel. */
  readonly reply: MessagePort;
}

/** A violation a worker found in a level, with its key (the smallest over the level wins). */
export interface Candidate {
  readonly key: number;
  /** Transitions of the parent's expansion the one-thread search takes up to and with this one. */
  readonly within: number;
  readonly property: string;
  readonly message: string;
  readonly kind: 'step' | 'state' | 'deadlock' | 'race';
  readonly race?: Race;
  /** The worker and local id whose path leads to it; `action` >= 0 is the failing step, appended. */
  readonly worker: number;
  readonly id: number;
  readonly action: number;
}

export type Command =
  | { readonly kind: 'search'; readonly init: WorkerInit }
  | { readonly kind: 'seed'; readonly vec: Int32Array; readonly owner: number }
  | { readonly kind: 'expand'; readonly depth: number; readonly probe: boolean }
  | { readonly kind: 'sort' }
  | { readonly kind: 'rank'; readonly keys: readonly SharedArrayBuffer[]; readonly base: number; readonly budgetAt: number }
  | { readonly kind: 'count'; readonly key: number }
  | { readonly kind: 'path'; readonly id: number }
  | { readonly kind: 'finish' }
  | { readonly kind: 'graph'; readonly graph: SharedGraph; readonly offset: number };

export type Reply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'seeded' }
  | { readonly kind: 'expanded'; readonly fresh: number; readonly transitions: number; readonly cut: boolean; readonly best: Candidate | null }
  | { readonly kind: 'stopped'; readonly reason: string | null }
  | { readonly kind: 'sorted'; readonly keys: SharedArrayBuffer }
  | { readonly kind: 'ranked'; readonly budgetKey: number }
  | { readonly kind: 'counted'; readonly below: number; readonly enabled: number }
  | { readonly kind: 'path'; readonly actions: readonly number[]; readonly owner: number; readonly id: number }
  | { readonly kind: 'finished'; readonly started: Uint8Array; readonly bytes: number; readonly peak: number; readonly collisions: number; readonly stored: number; readonly waitedLevelMs: number; readonly waitedRoomMs: number; readonly edges: number; readonly edgeFailure: string | null }
  | { readonly kind: 'graphed' }
  | { readonly kind: 'error'; readonly message: string; readonly input?: { readonly where: string; readonly problem: string; readonly hint?: string } };

/** The owner of a state: its fingerprint's high lane (the store places states by the low lane). */
export const ownerOf = (hi: number, workers: number): number => (hi >>> 0) % workers;
