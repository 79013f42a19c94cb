/**
 * What a search takes and gives: its budgets and options, its statistics, and
 * its result as a value (holds, violated with what was found, inconclusive
 * with why), so callers never catch an exception for a verdict.
 */
import type { SearchOrder } from './frontier.js';
import type { StoreKind } from './store.js';
import type { Race } from '../../properties/monitor.js';
import type { SplitOptions } from './split.js';

export interface Budget {
  /** Stop (inconclusive) after this many distinct states. */
  readonly maxStates?: number;
  /** Do not expand states this many steps deep (inconclusive if one of them had a move). */
  readonly maxDepth?: number;
  /** Stop (inconclusive) after this many seconds. */
  readonly seconds?: number;
}

export interface ExploreOptions extends Budget {
  readonly order?: SearchOrder;
  readonly store?: StoreKind;
  /**
   * Re-run this many transitions at the start at once, and later again from
   * their stored states (then one in 1009 across the whole search), to catch
   * nondeterministic steps (default 2000; 0: none).
   */
  readonly determinismChecks?: number;
  /** Called about once a second with progress. */
  readonly progress?: (p: Progress) => void;
  /** Polled: when it returns true the search stops as inconclusive (Ctrl-C). */
  readonly interrupted?: () => boolean;
  /**
   * After a complete search, look for contexts that can never move again while
   * others cycle forever (a deadlock a periodic timer hides). Default true; it
   * records the state graph (8 bytes per transition, 9 per state) and keeps
   * state ids in the visited set (4 bytes more per slot).
   */
  readonly stuckCheck?: boolean;
  /** Above this many transitions the stuck-context check is skipped, with a note (default 30 million). */
  readonly stuckCheckMaxTransitions?: number;
  /**
   * Memory the search's tables (visited set, parent links, state graph,
   * frontier) may take, in MB; a growth that would not fit ends the search as
   * inconclusive. Default: 75% of the memory available when the search starts.
   */
  readonly memoryMB?: number;
  /**
   * Partial-order reduction (docs/partial-order.md): in a state where one
   * context's next steps touch only its private state, expand those alone.
   * Races, deadlocks, invariants and step failures stay exact; the
   * stuck-context check is skipped, and every verdict says so in its notes.
   */
  readonly por?: boolean;
  /**
   * Transaction (Lipton) reduction on top of `por`: a context holding a kernel
   * lock also runs its steps on the data that lock protects alone, from its
   * acquire to its release. The protecting locks are learnt and checked as
   * the search runs; an access that breaks one a reduction relied on ends the
   * search with `restart` set, to be run again with what was learnt.
   */
  readonly lipton?: boolean;
  /** A restarted transaction search: the locksets learnt and the notes of the rounds before. */
  readonly relearn?: Relearn;
  /** Explore only shard `index` of `count` of a breadth-first search (split.ts); no stuck-context check. */
  readonly split?: SplitOptions;
  /**
   * Symmetry reduction (default true): store one state per orbit of the
   * scenario's interchangeable processes and threads, when the model passes
   * the sampled symmetry check (symmetry/sample.ts). False searches every state.
   */
  readonly symmetry?: boolean;
  /**
   * Under symmetry, also count the concrete states the stored ones stand for
   * (the sum of their orbit sizes, `Stats.symmetry.unreducedStates`). It applies
   * every group element to every new state: for small checks and tests.
   */
  readonly countOrbits?: boolean;
}

/** What a transaction search hands the next round when the lock discipline it relied on broke. */
export interface Relearn {
  /** Per slot: the locks every access seen held (locksets.ts). */
  readonly learnt: Int32Array;
  /** Why each earlier round stopped. */
  readonly why: readonly string[];
}

/** Transitions the stuck-context check records at most, by default (240 MB of edges). */
export const STUCK_CHECK_MAX_TRANSITIONS = 30_000_000;

export interface Progress { readonly states: number; readonly transitions: number; readonly depth: number; readonly queued: number; readonly seconds: number }

export interface Stats {
  distinctStates: number;
  transitions: number;
  maxDepth: number;
  seconds: number;
  statesPerSecond: number;
  transitionsPerSecond: number;
  /** Bytes held by the visited set, parent links and the recorded state graph, per distinct state. */
  bytesPerState: number;
  /** The most states waiting in the frontier at once (each takes the state vector bit-packed by slot ranges, plus 2 ints). */
  peakFrontier: number;
  collisions: number;
  /** Probability that a fingerprint collision hid a state (0 with an exact store). */
  collisionProbability: number;
  /** Symmetry reduction, when the scenario has interchangeable processes or threads. */
  symmetry?: SymmetryStats;
}

/** What a search did about symmetry; present when the scenario's group is not trivial. */
export interface SymmetryStats {
  /** Whether states were stored as orbit representatives. */
  readonly applied: boolean;
  /** The group in words: "3 processes x 2 threads interchangeable, |G| = 48". */
  readonly group: string;
  /** |G|. */
  readonly order: number;
  /** Why it was not applied (turned off, or refused by the symmetry check, naming the step or slot). */
  readonly why?: string;
  /** The concrete states the representatives stand for (sum of orbit sizes), when counted. */
  readonly unreducedStates?: number;
}

export interface Found {
  readonly property: string;
  readonly message: string;
  /** Action ids from the initial state; for a step violation the last one is the failing step. */
  readonly choices: readonly number[];
  /** 'step': the last choice failed; 'state': the state after the choices violates; 'deadlock'/'race': in that state. */
  readonly kind: 'step' | 'state' | 'deadlock' | 'race';
  readonly race?: Race;
}

export type ExploreResult =
  /** `notes`: what the verdict does not cover (the stuck-context check was off or skipped), and the reductions used. */
  | { readonly verdict: 'holds'; readonly stats: Stats; readonly notes?: readonly string[] }
  | { readonly verdict: 'violated'; readonly stats: Stats; readonly found: Found; readonly notes?: readonly string[] }
  | { readonly verdict: 'inconclusive'; readonly stats: Stats; readonly reason: string; readonly notes?: readonly string[] };
