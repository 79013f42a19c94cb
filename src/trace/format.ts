/**
 * The trace file, version 1: a counterexample as data (docs/trace-format.md).
 * It names the model (file and sha256 of its source), the scenario, the
 * contract version and the search options; the choices are stable identifiers
 * (context name and step name, with the action id only as a hint) so a changed
 * model gives a clear mismatch rather than a silently different schedule; the
 * steps carry everything a reader needs without the model at hand.
 */
import type { ActionKind } from '../engine/system.js';

export const TRACE_FORMAT = 'ddicheck-trace';
export const TRACE_VERSION = 1;

/** A value as a person reads it: numbers, booleans, enum names, `proc/label` for pcs. */
export type Scalar = string | number | boolean;

export interface Change { readonly path: string; readonly old: Scalar; readonly new: Scalar }

/** One recorded nondeterministic choice: which context moved and which of its steps ran. */
export interface TraceChoice {
  /** The context's name (`P0T0`, `worker1`, `ISR`, `DPC_done`), or null for the adapter and timers. */
  readonly context: string | null;
  /** The action's display name: `DxgkDdiPresent/lock`, `call DxgkDdiPresent`, `interrupt`. */
  readonly action: string;
  /** The action id when the trace was made: a hint to tell apart steps of one name, never trusted alone. */
  readonly id: number;
}

/** A context of the checked system (every one, in id order: lock owners are ids + 1). */
export interface TraceContextInfo {
  readonly name: string;
  readonly kind: string;
  /** OS process, or -1 for system contexts (workers, ISR, DPCs, TDR). */
  readonly process: number;
  readonly thread: number;
  readonly session: number;
}

export interface TraceStepContext extends TraceContextInfo {
  /** The IRQL the step started at. */
  readonly irql: string;
}

export type ViolationKind = 'step' | 'state' | 'race' | 'deadlock';

export interface TraceStep {
  /** 1-based. */
  readonly index: number;
  readonly kind: ActionKind;
  readonly context: TraceStepContext | null;
  /** The DDI call the step belongs to, numbered 1, 2, ... in the trace. */
  readonly call: { readonly ddi: string; readonly id: number } | null;
  readonly step: string;
  readonly changes: readonly Change[];
  /** On the step the violation is reported at (the failing step, or the one after which the state is bad). */
  readonly violation?: { readonly property: string; readonly message: string };
}

export interface TraceViolation {
  readonly property: string;
  readonly message: string;
  /**
   * `step`: step `step` itself failed (an assertion, IRQL or lock rule); `state`: the state after
   * step `step` breaks an invariant or contract monitor; `race`/`deadlock`: in the state after step `step`.
   */
  readonly kind: ViolationKind;
  /** 0 when the initial state already violates. */
  readonly step: number;
  /** For a data race: the location and the two steps that race. */
  readonly race?: { readonly location: string; readonly steps: readonly [string, string] };
}

export interface TraceBudget { readonly maxStates?: number; readonly maxDepth?: number; readonly seconds?: number }

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** `ddicheck <version>` that wrote the file (informational). */
  readonly tool: string;
  /** `file` and `sha256` are empty for a model that was not loaded from a file. */
  readonly model: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly scenario: { readonly name: string; readonly bounds: string };
  readonly contract: { readonly version: string };
  readonly options: { readonly backend: 'fast' | 'immer'; readonly order: 'bfs' | 'dfs' | 'random'; readonly exact: boolean; readonly budget: TraceBudget };
  readonly contexts: readonly TraceContextInfo[];
  /** Spin locks and mutexes: the object's path and the path of its owner slot (0 free, else context id + 1). */
  readonly locks: readonly { readonly path: string; readonly object: string; readonly owner: string }[];
  /** Every state location and its initial value; with the changes this gives the state at every step. */
  readonly initial: Readonly<Record<string, Scalar>>;
  readonly choices: readonly TraceChoice[];
  readonly steps: readonly TraceStep[];
  readonly violation: TraceViolation;
  /** Present when `--minimize` shrank the trace: the size it had before. */
  readonly minimized?: Score;
}

/** How big a trace is, compared in this order by the minimizer. */
export interface Score {
  readonly steps: number;
  /** Contexts that move (the adapter and timers count as one). */
  readonly contexts: number;
  /** Adjacent steps of different contexts. */
  readonly switches: number;
}
