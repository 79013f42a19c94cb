/**
 * Pure reads over a catalog: lookup, filtering, lint and level resolution.
 * Extension and validation live in extend.ts and are re-exported here, so
 * callers import the whole contract API from this one module.
 */
import { DEFAULT_CATALOG } from './catalog.js';
import { ContractError, didYouMean } from './errors.js';
import { factsAgree, factsCoexist, resolveLevel } from './resolve.js';
import type { Catalog, CatalogFilter, Conflict, ConflictKind, DdiEntry, LevelFact } from './types.js';

export { ContractError } from './errors.js';
export type { ContractErrorCode } from './errors.js';
export { extendCatalog, validateCatalog } from './extend.js';
export { resolveLevel, resolveRule } from './resolve.js';
export type { CallFlags, ResolvedRule } from './resolve.js';

/** The built-in catalog (frozen; the same object on every call). */
export function defaultCatalog(): Catalog {
  return DEFAULT_CATALOG;
}

/** The row named `name`, or undefined. Names are exact (`DxgkDdiEscape`). */
export function findDdi(cat: Catalog, name: string): DdiEntry | undefined {
  return cat.ddis.find((d) => d.name === name);
}

/**
 * The row named `name`; throws a {@link ContractError} naming it, with the
 * closest known name, when there is none (a model that calls an unknown DDI).
 */
export function requireDdi(cat: Catalog, name: string): DdiEntry {
  const entry = findDdi(cat, name);
  if (entry) return entry;
  throw new ContractError(
    'unknown-ddi',
    `ddi ${name}`,
    `Unknown DDI '${name}': it is not in contract ${cat.contractVersion}.` +
      `${didYouMean(name, cat.ddis.map((d) => d.name))} Add it to the model's contract extension if it is real.`,
  );
}

/** True when `entry` matches every field given in `filter`. */
export function matchesFilter(entry: DdiEntry, filter: CatalogFilter = {}): boolean {
  return (
    (filter.level === undefined || entry.level === filter.level) &&
    (filter.class === undefined || entry.class === filter.class) &&
    (filter.family === undefined || entry.family === filter.family)
  );
}

/**
 * The catalog restricted to the rows that match `filter` (on their default
 * rule), with the classes and conflicts that concern those rows.
 */
export function filterCatalog(cat: Catalog, filter: CatalogFilter = {}): Catalog {
  const ddis = cat.ddis.filter((d) => matchesFilter(d, filter));
  const names = new Set(ddis.map((d) => d.name));
  return {
    contractVersion: cat.contractVersion,
    ddis,
    classes: cat.classes.filter((c) => (filter.class === undefined ? true : c.name === filter.class)),
    conflicts: cat.conflicts.filter((c) => names.has(c.ddi)),
  };
}

/** The finding lint derives from an entry's own data, or undefined when there is none. */
export function derivedKind(entry: DdiEntry): ConflictKind | undefined {
  const fs = entry.facts;
  const disagree = fs.some((a, i) => fs.slice(i + 1).some((b) => factsCoexist(a, b) && !factsAgree(a, b)));
  if (disagree) return 'conflict';
  const exemptions = entry.exemptions ?? [];
  if (fs.some((f) => f.condition !== undefined || f.when !== undefined) || exemptions.some((e) => e.kind === 'any-time')) {
    return 'conditional';
  }
  if (exemptions.length > 0) return 'exception';
  if (entry.perInstance !== undefined || fs.some((f) => f.perInstance !== undefined)) return 'per-instance';
  return undefined;
}

function describeFact(f: LevelFact): string {
  const cls = f.class ? ` ${f.class}` : f.selfOnly ? ' (self only)' : '';
  return `level ${f.level}${cls}${f.condition ? ` when ${f.condition}` : ''}`;
}

/** A finding for a row that has none written by hand (e.g. one a user contract added). */
function synthesize(entry: DdiEntry, kind: ConflictKind): Conflict {
  const claims = [...new Set(entry.facts.map(describeFact))].join('; ');
  return {
    ddi: entry.name,
    kind,
    summary: `Sources say: ${claims || 'see exemptions'}.`,
    facts: entry.facts,
    defaultLevel: entry.level,
    resolution:
      `Default level ${entry.level ?? '-'}; policy 'driver' gives ${resolveLevel(entry, 'driver') ?? '-'}, ` +
      `'dispatcher' gives ${resolveLevel(entry, 'dispatcher') ?? '-'}.`,
  };
}

/**
 * Every conflict, condition, per-instance rule and exception of the catalog, in
 * row order: the hand-written finding where there is one, else one derived
 * from the row's facts. Rows with nothing to report are skipped.
 */
export function lintCatalog(cat: Catalog): Conflict[] {
  const written = new Map(cat.conflicts.map((c) => [c.ddi, c]));
  const out: Conflict[] = [];
  for (const entry of cat.ddis) {
    const known = written.get(entry.name);
    if (known) {
      out.push(known);
      continue;
    }
    const kind = derivedKind(entry);
    if (kind) out.push(synthesize(entry, kind));
  }
  return out;
}
