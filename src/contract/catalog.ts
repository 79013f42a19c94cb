/**
 * The built-in catalog: every row of the contract, the classes with members
 * derived from the rows, and the conflicts. Data only; see query.ts for reads.
 */
import { CLASS_DECLS } from './classes.js';
import type { ClassDecl } from './classes.js';
import { buildConflicts } from './conflicts.js';
import { DISPLAY_DRIVER_ROWS } from './rows-display-driver.js';
import { LEVEL0_ROWS } from './rows-level0.js';
import { LEVEL1_ROWS } from './rows-level1.js';
import { LEVEL23_ROWS } from './rows-level23.js';
import { BUGCHECK_ROWS } from './rows-bugcheck.js';
import type { Catalog, ClassInfo, DdiEntry } from './types.js';

/**
 * Version of the contract data. Bump it whenever a row, class or conflict
 * changes: traces record it, and a trace made under another version is stale.
 */
export const CONTRACT_VERSION = 'wddm-sync-2026.12';

/** Every row, in catalog order: levels 0, 1, 2/3 and runtime power, the unlevelled bugcheck and POST-display rows, then display-driver functions. */
export const ROWS: readonly DdiEntry[] = [...LEVEL0_ROWS, ...LEVEL1_ROWS, ...LEVEL23_ROWS, ...BUGCHECK_ROWS, ...DISPLAY_DRIVER_ROWS];

/** The members of a class: every row whose default rule names it, in row order. */
export function classMembers(name: string, rows: readonly DdiEntry[]): string[] {
  return rows.filter((r) => r.class === name).map((r) => r.name);
}

/** Rows that only some fact (not the default rule) places in the class, in row order. */
export function conditionalMembers(name: string, rows: readonly DdiEntry[]): string[] {
  return rows.filter((r) => r.class !== name && r.facts.some((f) => f.class === name)).map((r) => r.name);
}

/** Fill in each declared class's members (and conditional members) from the rows. */
export function withMembers(decls: readonly ClassDecl[], rows: readonly DdiEntry[]): ClassInfo[] {
  return decls.map((d) => {
    const maybe = conditionalMembers(d.name, rows);
    return { ...d, members: classMembers(d.name, rows), ...(maybe.length > 0 ? { conditionalMembers: maybe } : {}) };
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** The built-in catalog, frozen: callers extend it with `extendCatalog`, never by mutation. */
export const DEFAULT_CATALOG: Catalog = deepFreeze({
  contractVersion: CONTRACT_VERSION,
  ddis: ROWS,
  classes: withMembers(CLASS_DECLS, ROWS),
  conflicts: buildConflicts(ROWS),
});
