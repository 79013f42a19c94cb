/**
 * The disagreements, conditions and exceptions of the docs, each with a
 * summary and the resolution the catalog takes. The facts themselves live on
 * the rows; a conflict copies them so it can be shown alone (`catalog --lint`).
 */
import type { Conflict, ConflictKind, DdiEntry, Source } from './types.js';

const DRIVER_DISPATCHER =
  "Policy 'driver' takes the weaker guarantee (the driver must cope with it); policy 'dispatcher' the stronger one.";

interface ConflictText {
  readonly ddi: string;
  readonly kind: ConflictKind;
  readonly summary: string;
  readonly resolution: string;
}

/** The hand-written part of each conflict. */
const TEXTS: readonly ConflictText[] = [
  {
    ddi: 'DxgkDdiRecommendFunctionalVidPn',
    kind: 'conflict',
    summary: 'On the level-0 list and on the level-2 list.',
    resolution:
      `Default level 0: a driver must expect concurrent calls. ${DRIVER_DISPATCHER} ` +
      'Checking an OS-side dispatcher, level 2 is the safe pick.',
  },
  {
    ddi: 'DxgkDdiEscape',
    kind: 'conditional',
    summary: 'Level 2 only when the escape sets HardwareAccess; without it the OS applies no level-2 synchronization.',
    resolution:
      'Default level 2 (the listed case). A call with flags {HardwareAccess:false} resolves to level 0 ' +
      "(inferred: level zero is the default level); without flags, 'driver' gives 0 and 'dispatcher' 2.",
  },
  ...['DxgkDdiMiracastCreateContext', 'DxgkDdiMiracastDestroyContext'].map(
    (ddi): ConflictText => ({
      ddi,
      kind: 'conflict',
      summary:
        'On the level-0 list, but its reference page puts it in a level-2 Miracast class (one Miracast call at a time). ' +
        'The page also says level 0/1 calls may run beside it, which level 2 itself forbids.',
      resolution: `Default level 0 (the list). ${DRIVER_DISPATCHER} Dispatcher: level 2, class miracast.`,
    }),
  ),
  {
    ddi: 'DxgkDdiMiracastIoControl',
    kind: 'conflict',
    summary:
      'On the level-0 list, but its reference page says level 2 (Miracast class) with HardwareAccess FALSE ' +
      'and level 3 with HardwareAccess TRUE.',
    resolution:
      `Default level 0 (the list). ${DRIVER_DISPATCHER} Dispatcher: level 2 (class miracast), or 3 given {HardwareAccess:true}.`,
  },
  {
    ddi: 'DxgkDdiMiracastQueryCaps',
    kind: 'conflict',
    summary: 'On the level-0 list, but its reference page says level 3.',
    resolution: `Default level 0 (the list). ${DRIVER_DISPATCHER} Dispatcher: level 3.`,
  },
  ...['DxgkDdiAcquireSwizzlingRange', 'DxgkDdiReleaseSwizzlingRange'].map(
    (ddi): ConflictText => ({
      ddi,
      kind: 'conflict',
      summary:
        'The level-1 page puts Acquire and Release in one swizzling-range class; each reference page says its calls ' +
        'are serialized among themselves only, not with any other DDI.',
      resolution:
        `Default: class swizzling-range (the list). ${DRIVER_DISPATCHER} Driver: a class of its own, ` +
        'so Acquire may overlap Release.',
    }),
  ),
  {
    ddi: 'DxgkDdiSignalMonitoredFence',
    kind: 'conditional',
    summary: 'Level 0 for RenderGdi and PresentBlt submissions; level 1, GPU scheduler class, for BuildPagingBuffer submissions.',
    resolution:
      "Default level 0. Flags {PagingSubmission:true} select level 1 (gpu-scheduler); without flags 'driver' gives 0, 'dispatcher' 1.",
  },
  {
    ddi: 'DxgkDdiCollectDbgInfo',
    kind: 'conditional',
    summary:
      'Level 0, but may be called at any time and at high (undefined) IRQL; for the two timeout reasons it runs at ' +
      'PASSIVE_LEVEL and must support level 0.',
    resolution:
      'Default level 0. Its any-time exemption (a reason other than a timeout, flag TimeoutReason: false) lets it ' +
      'start beside anything, even a level-3 call or a reset, at every IRQL; with TimeoutReason: true it is a ' +
      'level-0 call at PASSIVE_LEVEL, which the OS also makes before a TDR reset.',
  },
  {
    ddi: 'DxgkDdiQueryAdapterInfo',
    kind: 'exception',
    summary: 'May run at the same time as DxgkDdiSetPowerState or DxgkDdiQueryChildRelations, although both are level 3.',
    resolution: 'Default level 0, and the overlap is admitted in both directions; the driver must synchronize it.',
  },
  {
    ddi: 'DxgkDdiResetFromTimeout',
    kind: 'exception',
    summary:
      'Level 3, except that the ISR, the DPC, DxgkDdiSetPowerComponentFState and DxgkDdiPowerRuntimeControlRequest ' +
      'may still run during it.',
    resolution: 'Default level 3 with those four admitted during the reset; nothing else enters the driver.',
  },
  ...['DxgkDdiSetPointerPosition', 'DxgkDdiSetPointerShape'].map(
    (ddi): ConflictText => ({
      ddi,
      kind: 'conflict',
      summary:
        'Its page says it is called independently of all of the other display miniport driver functions; the ' +
        'level-2 and level-3 pages say only the calling thread is in the driver during those calls.',
      resolution:
        "Default (policy 'driver'): it may start beside level-2 and level-3 calls (never beside the other pointer DDI, " +
        "nor during a reset). Policy 'dispatcher', or scenario pointerIndependent: false, takes the level-2/3 rule.",
    }),
  ),
  {
    ddi: 'DxgkDdiSetPowerComponentFState',
    kind: 'per-instance',
    summary: 'Level 0, yet only one thread at a time per power component.',
    resolution: 'Default level 0 with per-instance key "component": two calls for one component never overlap.',
  },
  {
    ddi: 'DxgkDdiSubmitCommandToHwQueue',
    kind: 'per-instance',
    summary: 'Level 0, with no reentrancy within one hardware queue.',
    resolution: 'Default level 0 with per-instance key "hardware queue".',
  },
];

/** Sources of an entry that back an exception but are not level facts. */
function exemptionSources(entry: DdiEntry): readonly Source[] {
  return (entry.exemptions ?? []).map((e) => e.source);
}

/**
 * Build the catalog's conflicts from the rows: each hand-written text gets the
 * DDI's facts, its default level and the sources of its exemptions.
 * Throws if a text names a DDI that has no row (a bug in the data).
 */
export function buildConflicts(rows: readonly DdiEntry[]): Conflict[] {
  const byName = new Map(rows.map((r) => [r.name, r]));
  return TEXTS.map((t) => {
    const entry = byName.get(t.ddi);
    if (!entry) throw new Error(`conflicts.ts names ${t.ddi}, which has no catalog row`);
    const refs = exemptionSources(entry);
    return {
      ...t,
      facts: entry.facts,
      defaultLevel: entry.level,
      ...(refs.length > 0 ? { refs } : {}),
    };
  });
}
