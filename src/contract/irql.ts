/**
 * Entry IRQLs: the levels the OS may call a DDI at, read off the IRQL its
 * reference page states. A page that names several ("PASSIVE_LEVEL or
 * DISPATCH_LEVEL", "<= DISPATCH_LEVEL", "any IRQL", "PASSIVE_LEVEL; DIRQL when
 * the driver supports MMIO-based flips") names several schedules, and driver
 * mode explores each: a driver must be right at every one of them.
 */
import type { CallFlags } from './resolve.js';
import type { DdiEntry } from './types.js';

/** The IRQLs the contract speaks of, lowest first. */
export const IRQL_LEVELS = ['PASSIVE_LEVEL', 'APC_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL'] as const;
export type IrqlLevel = (typeof IRQL_LEVELS)[number];

/** What "any IRQL" (or "undefined") means as schedules: one call per level a driver can tell apart. */
const ANY: readonly IrqlLevel[] = ['PASSIVE_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL'];

/**
 * The levels an IRQL text names, lowest first; null when it names none (an
 * unknown text, or no text: the caller's default applies).
 */
export function parseIrql(text: string | undefined): readonly IrqlLevel[] | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (/^any\b|^undefined\b/i.test(t)) return ANY;
  const below = /^(<=?)\s*([A-Z_]+)$/.exec(t);
  if (below) {
    const i = IRQL_LEVELS.indexOf(below[2] as IrqlLevel);
    if (i < 0) return null;
    // "< DISPATCH_LEVEL" is PASSIVE (APC_LEVEL adds no schedule a model tells apart); "<= X" adds X.
    return below[1] === '<' ? ['PASSIVE_LEVEL'] : IRQL_LEVELS.slice(0, i + 1).filter((l) => l !== 'APC_LEVEL');
  }
  const named = IRQL_LEVELS.filter((l) => new RegExp(`\\b${l}\\b`).test(t));
  return named.length > 0 ? named : null;
}

/**
 * The IRQLs driver mode starts a call of `entry` with these `flags` at. Rows
 * without an IRQL are called at PASSIVE_LEVEL (every DDI without a stated IRQL
 * in the WDDM references is pageable, passive-level code).
 */
export function entryIrqls(entry: DdiEntry, flags: CallFlags = {}): readonly IrqlLevel[] {
  const w = entry.irqlWhen;
  const text = w && Object.entries(w.when).every(([k, v]) => flags[k] === v) ? w.irql : entry.irql;
  return parseIrql(text) ?? ['PASSIVE_LEVEL'];
}

/** Whether an any-time exemption of `entry` applies to a call with `flags`. */
export function anyTime(entry: DdiEntry, flags: CallFlags = {}): boolean {
  return (entry.exemptions ?? []).some((e) => e.kind === 'any-time' && (!e.when || Object.entries(e.when).every(([k, v]) => (flags[k] ?? false) === v)));
}

/** Whether `entry` is "called independently of all of the other" miniport functions (the pointer DDIs). */
export function independent(entry: DdiEntry): boolean {
  return (entry.exemptions ?? []).some((e) => e.kind === 'independent');
}
