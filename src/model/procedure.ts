/**
 * The step language: what a step sees (`s`), what it is (a function, or a
 * guarded step with a fixed next label), and a procedure (a small state
 * machine of labelled steps). Models, queues' device procedures and the
 * engine all speak it; define.ts re-exports it with the rest of the model
 * language.
 */
import type { Fields, RecordValue } from './schema.js';
import type { Kernel } from './kernel/kernel.js';
import type { IrqlName } from './kernel/irql.js';

/** What a step sees as `s`: the global space, its session's space, its own locals. */
export interface Scope<G extends Fields = Fields, S extends Fields = Fields, L extends Fields = Fields> {
  readonly g: RecordValue<G>;
  readonly session: RecordValue<S>;
  readonly local: RecordValue<L>;
}

/** What `init` sees: the global space and every session's space. */
export interface InitScope<G extends Fields = Fields, S extends Fields = Fields> {
  readonly g: RecordValue<G>;
  readonly sessions: readonly RecordValue<S>[];
}

/** Label of a step; `'return'` ends the procedure (the call returns, the worker exits). */
export type Label = string;
export const RETURN = 'return';

/** A step body: mutate `s` like driver code; return the next label (or rely on `next`). */
export type StepFn<Sc> = (s: Sc, k: Kernel) => Label | void;

export interface StepDef<Sc> {
  /** Shown in traces; defaults to the label (with `#n` for alternatives). */
  readonly name?: string;
  /** The step is enabled only when this holds. */
  readonly guard?: (s: Sc, k: Kernel) => boolean;
  readonly do?: StepFn<Sc>;
  readonly next?: Label;
  /**
   * A valid place to wait forever: a worker parked here waiting for work (like a
   * Promela end label) is not a deadlock when nothing else can move.
   */
  readonly end?: boolean;
  /**
   * The step makes a wait with a timeout (`k.waitEvent(e, { timeout: true })`): it
   * runs as two actions, the wait completing and the wait timing out. ddicheck sees
   * this itself when the step's own text says `timeout`; set it when the timed wait
   * is inside a helper function the step calls.
   */
  readonly timeout?: boolean;
}
/** One step, or several alternatives (a nondeterministic choice) at one label. */
export type StepSpec<Sc> = StepFn<Sc> | StepDef<Sc> | readonly StepDef<Sc>[];

/**
 * A DDI handler's narrower entry IRQL: the OS calls the DDI at `level` only,
 * because of a condition the driver sets up (`because`), as `source` documents.
 * It is shown in every verdict's bounds.
 */
export interface IrqlCondition {
  readonly level: IrqlName;
  /** The condition, e.g. "the driver does not set FlipOnVSyncMmIo". */
  readonly because: string;
  /** The documentation page (or driver file) that says so. */
  readonly source: string;
}

/** A small state machine: the first label is the entry. */
export interface Procedure<Sc> {
  /**
   * IRQL at entry. Threads default to PASSIVE_LEVEL, the ISR runs at DIRQL, DPCs
   * at DISPATCH_LEVEL. A DDI handler starts at every IRQL its reference page
   * gives (the catalog's entry IRQLs: SubmitCommand at DISPATCH_LEVEL,
   * ResetDevice at any IRQL); it may only narrow them with an `IrqlCondition`
   * naming why and where the docs say so (a plain level name must be the page's).
   */
  readonly irql?: IrqlName | IrqlCondition;
  readonly steps: Readonly<Record<Label, StepSpec<Sc>>>;
}
