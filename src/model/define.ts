/**
 * How users write a driver model: shared state (global space, per-session space,
 * per-context locals), procedures of atomic steps for DDI handlers, driver worker
 * threads, the ISR, DPCs and timers, invariants, and named scenarios that bound a
 * check. `defineModel` only validates and returns the definition: compiling it
 * against a scenario is the engine's job.
 */
import type { Fields, RecordValue } from './schema.js';
import type { Kernel } from './kernel/kernel.js';
import type { AdapterConfig } from './adapter-config.js';
import type { Scope, InitScope, Procedure } from './procedure.js';
import type { CatalogExtension, LevelPolicy } from '../contract/index.js';

// The step language has a file of its own (the adapter's device procedures speak it too).
export { RETURN } from './procedure.js';
export type { Scope, InitScope, Label, StepFn, StepDef, StepSpec, IrqlCondition, Procedure } from './procedure.js';

/** A read-only view of one context for invariants. */
export interface ContextView {
  readonly name: string;
  readonly kind: string;
  readonly process: number;
  readonly session: number;
  /** Current label, or null when idle (not in any procedure), `'done'` when a worker ended. */
  readonly at: string | null;
  readonly call: string | null;
  readonly irql: number;
}

/** The kernel objects an invariant may look at (read-only). */
export interface KernelView {
  /** Each declared DPC: queued (KeInsertQueueDpc done, not yet dispatched) and running (its routine in progress). */
  readonly dpcs: Readonly<Record<string, { readonly queued: boolean; readonly running: boolean }>>;
  /** Each declared timer: armed (will expire) and periodic. */
  readonly timers: Readonly<Record<string, { readonly armed: boolean; readonly periodic: boolean }>>;
  /** Interrupts taken so far (bounded by the scenario's `interrupts`). */
  readonly interrupts: number;
  /** Whether an event (event(...) or stackEvent(...)) is signaled. */
  signaled(event: object): boolean;
  /** The context holding a spin lock or mutex, by name (`P0T0`, `worker0`, `ISR`, `DPC_vsync`), or null when free. */
  owner(lock: object): string | null;
}

/** One adapter queue: tokens waiting for the device (oldest first) and tokens it completed, not yet taken. */
export interface QueueView {
  readonly pending: readonly number[];
  readonly completed: readonly number[];
  /** The token its device procedure serves now (taken, not yet completed); 0 when none or no device procedure. */
  readonly inService: number;
}

/** The simulated adapter as an invariant sees it (read-only). */
export interface AdapterView {
  readonly power: 'D0' | 'D3';
  readonly interruptsEnabled: boolean;
  /** The interrupt line is asserted (an interrupt is pending, not yet acknowledged). */
  readonly interruptPending: boolean;
  /** The interrupt status register: bit i for source i of `adapter.sources` (0 without sources). */
  readonly status: number;
  readonly hung: boolean;
  /** F-state of each runtime power component (0 = F0, active). */
  readonly components: readonly number[];
  readonly queues: Readonly<Record<string, QueueView>>;
}

/**
 * What an invariant (and `isr.when`) sees: the whole system, read-only. Writing
 * to any part of it is a model error: change state in steps.
 */
export interface SystemView<G extends Fields = Fields, S extends Fields = Fields> {
  readonly g: RecordValue<G>;
  readonly sessions: readonly RecordValue<S>[];
  /** One entry per context, in context order: OS threads P<p>T<t>, TDR, workers, the ISR, DPC_<name>. */
  readonly contexts: readonly ContextView[];
  /** Timers, DPCs, events, lock owners. */
  readonly kernel: KernelView;
  /** The adapter, or null when the model declares none. */
  readonly adapter: AdapterView | null;
}

/** A call as a scenario writes it: a DDI name, or a DDI with arguments. */
export type CallSpec = string | {
  readonly ddi: string;
  readonly child?: number;
  readonly pdev?: number;
  readonly instance?: number;
  readonly flags?: Readonly<Record<string, boolean>>;
};

/** The bounds of one check. */
export interface Scenario {
  readonly description?: string;
  /** OS processes (default 1) and threads in each (default 1). */
  readonly processes?: number;
  readonly threadsPerProcess?: number;
  /** Sessions (default 1); process p belongs to session p mod sessions. */
  readonly sessions?: number;
  /**
   * Calls each OS thread may make: a list (any of them, `callsPerThread` in all; an
   * entry is a DDI name or `{ ddi, child, pdev, instance, flags }`) or a count per
   * DDI name. Without calls and without `clients`, the scenario has no OS threads.
   * Every DDI must be in the contract catalog (or the model's extension of it).
   */
  readonly calls?: readonly CallSpec[] | Readonly<Record<string, number>>;
  readonly callsPerThread?: number;
  /**
   * Per-process call lists: entry p, when given, replaces the list form of `calls`
   * for the threads of process p (same `callsPerThread` budget; an empty list: its
   * threads make no calls). Processes without an entry use `calls`. Not with the
   * per-DDI count form of `calls`, nor with `clients`.
   */
  readonly processCalls?: readonly (readonly CallSpec[] | undefined)[];
  /** OS threads run this `threads` procedure once instead of calling DDIs (free clients). */
  readonly clients?: string;
  /**
   * Conformance mode: the model is the dispatcher. OS threads pick calls freely (no
   * admission), and each call runs this `threads` procedure, which lets the call into
   * the driver with k.enterDriver() and out with k.leaveDriver(); the contract's
   * monitors check what reaches the driver.
   */
  readonly dispatcher?: string;
  /** How many times the GPU may hang, each starting a TDR (needs an adapter; default 0). */
  readonly tdrs?: number;
  /** PDEVs of a GDI display driver (default 0), spread over `outputs` adapter outputs (default 1). */
  readonly pdevs?: number;
  readonly outputs?: number;
  /** Initial state of each PDEV (default none: the scenario's calls create them with DrvEnablePDEV). */
  readonly pdevStart?: readonly ('none' | 'disabled' | 'enabled')[];
  /**
   * How conflicting catalog facts resolve: `driver` (the weaker guarantee; default in
   * driver mode) or `dispatcher` (the stronger; default in conformance mode).
   */
  readonly policy?: LevelPolicy;
  /** Driver worker threads (System process): procedure name and how many. */
  readonly workers?: Readonly<Record<string, number>>;
  /**
   * Adapters the driver serves (default 1, at most 4): each DPC the model
   * declares is one DPC object per adapter (`DPC_<name>` for adapter 0,
   * `DPC_<name>@<a>` for the others), and they may run at once. The ISR serves
   * either adapter's interrupt (`k.adapter`) and `k.queueDpc(name)` from it, or
   * from a DPC, queues its own adapter's DPC.
   */
  readonly adapters?: number;
  /**
   * How many times the ISR may be called (default 0). A number, or
   * `{ count, kind, messages }`. `kind: 'line'` (the default) is a line-based
   * interrupt: the line may be shared, so the ISR is also called when the device
   * raised nothing (in D3, during a reset, whenever interrupts are connected)
   * and must check its device and return FALSE. `kind: 'msi'`: message-signaled,
   * never shared: the ISR runs only when the adapter has an interrupt pending and
   * enabled, once per message number (`messages`, default 1; `k.messageNumber`).
   * With an adapter, `count` bounds the interrupts the device raises, and
   * `spurious` (default 1 for a line-based interrupt) the calls while it raised
   * nothing; without one, the ISR may be called at any time, `count` times.
   */
  readonly interrupts?: number | { readonly count?: number; readonly kind?: 'line' | 'msi'; readonly messages?: number; readonly spurious?: number };
  /**
   * The pointer DDIs' pages say they are "called independently of all of the
   * other" miniport functions, level-2 and level-3 calls included; the level-2/3
   * pages say only the calling thread is in the driver then. Default: true under
   * the `driver` policy (the weaker guarantee: the driver must cope), false under
   * `dispatcher`. Shown in the bounds when it narrows the schedules.
   */
  readonly pointerIndependent?: boolean;
  /**
   * Device lifecycle as scenario events, made by the OS's `PnP` thread (docs/models.md,
   * "Device lifecycle"): `start` (DxgkDdiStartDevice first: before it returns the OS
   * calls nothing else and the ISR is not connected), `surpriseRemoval`
   * (DxgkDdiNotifySurpriseRemoval: from then on the device does nothing), `stop`
   * (DxgkDdiStopDevice last: nothing starts after it; DPCs and timers left behind still run).
   */
  readonly lifecycle?: { readonly start?: boolean; readonly stop?: boolean; readonly surpriseRemoval?: boolean };
  /**
   * The bugcheck path (docs/models.md, "The bugcheck path"): at any point the system
   * may halt; every other context freezes, and the OS's `BUGCHECK` context calls
   * DxgkDdiSystemDisplayEnable, then DxgkDdiSystemDisplayWrite `writes` times
   * (default 1), at every IRQL their pages allow (any, up to HIGH_LEVEL). `true` is `{ writes: 1 }`.
   */
  readonly bugcheck?: true | { readonly writes?: number };
  /** Default budgets for this scenario; the command line overrides them. */
  readonly budget?: { readonly maxStates?: number; readonly maxDepth?: number; readonly seconds?: number };
}

export interface ModelDef<G extends Fields = Fields, S extends Fields = Fields, L extends Fields = Fields> {
  readonly name: string;
  readonly description?: string;
  readonly global?: G;
  readonly session?: S;
  /** Locals of every context; reset when a procedure starts. */
  readonly local?: L;
  readonly ddis?: Readonly<Record<string, Procedure<Scope<G, S, L>>>>;
  readonly threads?: Readonly<Record<string, Procedure<Scope<G, S, L>>>>;
  /** The interrupt service routine; `when` says when the device may interrupt (default: always). */
  readonly isr?: Procedure<Scope<G, S, L>> & { readonly when?: (s: SystemView<G, S>) => boolean };
  readonly dpcs?: Readonly<Record<string, Procedure<Scope<G, S, L>>>>;
  readonly timers?: Readonly<Record<string, { readonly dpc: string }>>;
  /**
   * Sets up the initial state once, before any context moves (the device already
   * started: interrupts enabled, objects allocated, timers armed). It may use
   * non-blocking kernel calls; it must not wait or take locks.
   */
  readonly init?: (s: InitScope<G, S>, k: Kernel) => void;
  /** Hold in every reachable state: return false or a message to report a violation. */
  readonly invariants?: Readonly<Record<string, (s: SystemView<G, S>) => boolean | string>>;
  readonly scenarios: Readonly<Record<string, Scenario>>;
  /** Defaults to "default" or the first scenario. */
  readonly defaultScenario?: string;
  /** Turn off data-race detection (on by default). */
  readonly races?: boolean;
  /** The simulated adapter the driver steps act on through k.hw. */
  readonly adapter?: AdapterConfig<Scope<G, S, L>>;
  /**
   * The verdict each scenario is expected to give: the model library's manifest.
   * `ddicheck ci` and the tests hold the model to it.
   */
  readonly expect?: Readonly<Record<string, Expectation>>;
  /** Extends the contract catalog (DDIs and classes the docs leave out); turns off rules by name. */
  readonly contract?: { readonly extend?: CatalogExtension; readonly ignore?: readonly string[] };
}

/** An expected verdict, and for a violation the property. */
export interface Expectation {
  readonly verdict: 'holds' | 'violated' | 'inconclusive';
  readonly property?: string;
}

/** Any model, whatever its state types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = ModelDef<any, any, any>;

/** Declares a model. Types of `s` in every step follow from the schemas. */
export function defineModel<G extends Fields = {}, S extends Fields = {}, L extends Fields = {}>(def: ModelDef<G, S, L>): ModelDef<G, S, L> {
  return def;
}
