/**
 * The WDDM synchronization contract as data: what the OS promises about how it
 * calls into a display miniport driver (KMD) and into a GDI display driver.
 *
 * Everything here is plain, serialisable data. The rules that act on it (the
 * admission test of the OS environment and the contract monitors) read these
 * rows; they never hard-code a DDI name. Adding a DDI or a class is a row.
 */

/** A WDDM threading and synchronization level (see the four level pages). */
export type Level = 0 | 1 | 2 | 3;

/** Every level, in increasing strength. */
export const LEVELS: readonly Level[] = [0, 1, 2, 3];

/**
 * Who the entry point belongs to.
 * - `miniport`: a DxgkDdi* function of the display miniport driver (KMD).
 * - `interrupt`: DxgkDdiInterruptRoutine (ISR) and DxgkDdiDpcRoutine (DPC); they
 *   run in arbitrary thread context and belong to no process.
 * - `runtime-power`: DxgkDdiSetPowerComponentFState and
 *   DxgkDdiPowerRuntimeControlRequest, which may run during a TDR reset.
 * - `display-driver`: GDI Drv*, Dd* and D3d* functions of a display driver that
 *   works with PDEVs; they have no WDDM level.
 */
export type Family = 'miniport' | 'interrupt' | 'runtime-power' | 'display-driver';

/** Every family, in display order. */
export const FAMILIES: readonly Family[] = ['miniport', 'interrupt', 'runtime-power', 'display-driver'];

/**
 * Where a fact comes from: a page of a public Microsoft documentation repository
 * (`page` is the path inside that repository), or `user` for facts a user
 * contract adds (then `page` names the user's file or contract).
 */
export type SourceRepo = 'windows-driver-docs' | 'windows-driver-docs-ddi' | 'user';

/** One cited statement: the page and a short paraphrase of what it says. */
export interface Source {
  readonly repo: SourceRepo;
  /** Path in the repository, e.g. `windows-driver-docs-pr/display/threading-and-synchronization-zero-level.md`. */
  readonly page: string;
  /** A short paraphrase of the fact (not a long quotation). */
  readonly says: string;
  /** True when the page has since been removed from the live repository (archived). */
  readonly archived?: boolean;
}

/**
 * One documented claim about the synchronization level of one DDI. An entry
 * keeps every claim, including those that disagree; none is flattened away.
 *
 * Semantics of the shape fields:
 * - level 1 with a `class`: no two calls of that class at once (per child if
 *   `perChild`);
 * - level 1 without a class: the source names no class; a rule built from it
 *   makes the DDI a class of its own (the weakest reading of "level one");
 * - `selfOnly`: the source says calls of this DDI are serialized among
 *   themselves only, with no other DDI (a class of one, stated);
 * - `perInstance`: no two calls of this DDI for the same instance (named by the
 *   key, e.g. `component`, `hardware queue`) at once, on top of the level.
 */
export interface LevelFact {
  readonly level: Level;
  readonly class?: string;
  readonly perChild?: boolean;
  readonly selfOnly?: boolean;
  readonly perInstance?: string;
  /** Human-readable condition under which the claim holds, e.g. `HardwareAccess flag set`. */
  readonly condition?: string;
  /**
   * The same condition as call flags, for machines: the claim applies to a call
   * whose flags match (see `resolveLevel`). Absent = unconditional.
   */
  readonly when?: Readonly<Record<string, boolean>>;
  /** True when the level is derived (e.g. from "level zero is the default") rather than stated. */
  readonly inferred?: boolean;
  readonly source: Source;
}

/**
 * A documented exception to the level rules, attached to the DDI it concerns.
 * - `may-overlap`: this DDI may run while any of `ddis` runs, although their
 *   level would exclude it (QueryAdapterInfo during SetPowerState). Symmetric.
 * - `admits-during`: while this DDI runs, `ddis` may still be called, although
 *   its level would exclude them (ISR, DPC and runtime power during
 *   ResetFromTimeout).
 * - `any-time`: the DDI may be called at any time and at any IRQL, when
 *   `condition` holds (CollectDbgInfo for reasons other than a timeout): beside
 *   level-2 and level-3 calls, during a reset, before and after. `when` is the
 *   condition as call flags (a call whose flags contradict it is an ordinary call).
 * - `independent`: the DDI is "called independently of all of the other"
 *   miniport functions (the pointer DDIs): beside level-2 and level-3 calls too,
 *   though still never beside a call of its own class, and not during a reset,
 *   whose page excludes every other function. The stronger reading (the level-2
 *   single-thread rule wins) is a scenario switch, `pointerIndependent: false`.
 */
export type Exemption =
  | { readonly kind: 'may-overlap'; readonly ddis: readonly string[]; readonly source: Source }
  | { readonly kind: 'admits-during'; readonly ddis: readonly string[]; readonly source: Source }
  | { readonly kind: 'any-time'; readonly condition?: string; readonly when?: Readonly<Record<string, boolean>>; readonly source: Source }
  | { readonly kind: 'independent'; readonly source: Source };

/** The part a DDI plays in timeout detection and recovery (TDR). */
export interface TdrRole {
  /**
   * `preamble`: the OS calls it after the timeout, before the reset (in `order`;
   * `optional` when the docs say only "typically"); `reset`: the exclusive reset
   * call; `cleanup`: called in the cleanup period; `restart`: ends it;
   * `rendering`: GPU work the scheduler submits, which it does not from the
   * timeout until the restart has returned ("and then resumes rendering").
   */
  readonly role: 'preamble' | 'reset' | 'cleanup' | 'restart' | 'rendering';
  /** Preamble calls: their place in the preamble (lower first). */
  readonly order?: number;
  /** Preamble calls: the OS may leave it out. */
  readonly optional?: boolean;
  /** The flags of the call the OS makes in this role (CollectDbgInfo with a timeout reason). */
  readonly flags?: Readonly<Record<string, boolean>>;
  /** For cleanup calls: the operations the OS uses during cleanup. */
  readonly operations?: readonly string[];
  readonly source: Source;
}

/** One entry point of the contract: a row of the catalog. */
export interface DdiEntry {
  readonly name: string;
  readonly family: Family;
  /**
   * The level the checker uses by default. Null for display-driver functions,
   * which have no WDDM level (the PDEV rules govern them instead).
   */
  readonly level: Level | null;
  /**
   * Level-1 class of the default rule, or null. A level-1 entry with a null
   * class is a class of its own: no two calls of it at once.
   */
  readonly class: string | null;
  /** True when the default rule's class is synchronized per child device. */
  readonly perChild: boolean;
  /** Non-reentrancy per instance of this key (see {@link LevelFact}). */
  readonly perInstance?: string;
  /** Every level claim, with its source; may disagree (see `Catalog.conflicts`). */
  readonly facts: readonly LevelFact[];
  /** Other cited statements about this DDI that are not level claims (PDEV rules, IRQL, TDR). */
  readonly refs?: readonly Source[];
  /** The DDI's own reference page, when it has one we read (path in its repository). */
  readonly refPage?: string;
  /**
   * IRQL the OS calls it at, as the reference page states it. Driver mode starts
   * each call at every IRQL this names (see `entryIrqls`): "PASSIVE_LEVEL or
   * DISPATCH_LEVEL", "<= DISPATCH_LEVEL", "any IRQL" are explored level by level.
   */
  readonly irql?: string;
  /** The IRQL that applies instead when a call's flags match `when` (CollectDbgInfo for a timeout reason). */
  readonly irqlWhen?: { readonly when: Readonly<Record<string, boolean>>; readonly irql: string; readonly source: Source };
  /**
   * `context`: the OS keeps the call's target context idle while it runs (not
   * scheduled: SetRootPageTable), so the device consumes nothing from the
   * adapter queue the call's `instance` names.
   */
  readonly idles?: 'context';
  readonly exemptions?: readonly Exemption[];
  readonly tdr?: TdrRole;
  /** Display-driver functions: whether it may be called with a disabled PDEV. */
  readonly disabledPdevAllowed?: boolean;
  /**
   * The part a display-driver function plays in a PDEV's life (managing-pdevs.md):
   * `create` (DrvEnablePDEV makes a disabled PDEV), `destroy` (DrvDisablePDEV, on a
   * disabled one), `assert-mode` (DrvAssertMode enables it from its entry, with the
   * call flag `enable`, or disables it as it returns).
   */
  readonly pdevRole?: 'create' | 'destroy' | 'assert-mode';
  /** Restriction on the disabled-PDEV permission, e.g. `unmapping only`. */
  readonly disabledPdevCondition?: string;
  readonly notes?: readonly string[];
}

/** A non-reentrancy class: at most one call of its members at a time (per child if `perChild`). */
export interface ClassInfo {
  readonly name: string;
  /** The level the class belongs to: 1 for the level-1 classes; 2 for the Miracast class its pages describe. */
  readonly level: 1 | 2;
  readonly perChild: boolean;
  /** DDIs whose default rule is in this class. */
  readonly members: readonly string[];
  /**
   * DDIs that only some facts place in this class (a conditional or disputed
   * membership, e.g. the Miracast DDIs, or SignalMonitoredFence for paging).
   */
  readonly conditionalMembers?: readonly string[];
  readonly source: Source;
  /** True when the docs name the class but list none of its functions (VidMm, virtual machines, vGPUs). */
  readonly declaredWithoutMembers?: boolean;
}

/**
 * How a lint finding is classified.
 * - `conflict`: two sources give the DDI different levels or classes.
 * - `conditional`: the level depends on an argument or flag of the call.
 * - `per-instance`: the DDI is non-reentrant per component, queue, etc.
 * - `exception`: a stated exception to the level rules (see {@link Exemption}).
 */
export type ConflictKind = 'conflict' | 'conditional' | 'per-instance' | 'exception';

/** A disagreement, condition or exception in the docs, with both sides cited. */
export interface Conflict {
  readonly ddi: string;
  readonly kind: ConflictKind;
  readonly summary: string;
  /** Every fact involved, each with its source. */
  readonly facts: readonly LevelFact[];
  /** Cited statements behind an exception that are not level claims (the exemption's source). */
  readonly refs?: readonly Source[];
  /** The level the checker uses unless the caller picks a policy. */
  readonly defaultLevel: Level | null;
  /** How the catalog resolves it, and what each policy picks. */
  readonly resolution: string;
}

/** The whole contract. */
export interface Catalog {
  /** Versions the data; traces record it. */
  readonly contractVersion: string;
  readonly ddis: readonly DdiEntry[];
  readonly classes: readonly ClassInfo[];
  readonly conflicts: readonly Conflict[];
}

/**
 * How to settle disagreeing facts: `driver` takes the weaker guarantee (the
 * driver must cope with more concurrency), `dispatcher` the stronger (an
 * OS-side dispatcher must provide the most any source promises).
 */
export type LevelPolicy = 'driver' | 'dispatcher';

/** A class a user contract adds, or members it adds to a known class. */
export interface ClassExtension {
  readonly name: string;
  readonly members?: readonly string[];
  readonly perChild?: boolean;
  readonly level?: 1 | 2;
  readonly source?: Source;
}

/** A DDI a user contract adds (or restates with the same level). */
export interface DdiExtension {
  readonly name: string;
  readonly family: Family;
  readonly level: Level | null;
  readonly class?: string | null;
  readonly perChild?: boolean;
  readonly perInstance?: string;
  /** The IRQL the DDI is called at: PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL or HIGH_LEVEL, or a list of them. */
  readonly irql?: string | readonly string[];
  readonly source?: Source;
  readonly notes?: readonly string[];
}

/** What a user model may add to the catalog. */
export interface CatalogExtension {
  /** Names the extension in the contract version (`<base>+<name>`); default `user`. */
  readonly name?: string;
  /** Where the extension comes from (a model file), used as the page of its sources. */
  readonly origin?: string;
  readonly classes?: readonly ClassExtension[];
  readonly ddis?: readonly DdiExtension[];
}

/** Selects rows: every given field must match. */
export interface CatalogFilter {
  readonly level?: Level;
  readonly class?: string;
  readonly family?: Family;
}
