/** Integrity checks of a whole catalog, built in or extended. */
import { classMembers, conditionalMembers } from './catalog.js';
import { ContractError } from './errors.js';
import { FAMILIES, LEVELS } from './types.js';
import type { Catalog, DdiEntry } from './types.js';

/**
 * The IRQL names an extension may give (the model layer's names: a DDI's entry
 * IRQL is one of them). A list means the DDI may be called at any of them.
 */
export const IRQL_NAMES = ['PASSIVE_LEVEL', 'APC_LEVEL', 'DISPATCH_LEVEL', 'DIRQL', 'HIGH_LEVEL'] as const;
export type IrqlName = (typeof IRQL_NAMES)[number];

/** The row text of an extension's IRQL: the name, or the names joined with " or " (as the catalog's rows write it). */
export function irqlText(irql: string | readonly string[]): string {
  return typeof irql === 'string' ? irql : irql.join(' or ');
}

function inconsistent(element: string, message: string): never {
  throw new ContractError('inconsistent-catalog', element, message);
}

function checkRow(cat: Catalog, d: DdiEntry): void {
  const el = `ddi ${d.name}`;
  if (!FAMILIES.includes(d.family)) inconsistent(el, `DDI '${d.name}' has unknown family '${d.family}'.`);
  // null is an unlevelled DDI: its page gives no level.
  if (d.level !== null && !LEVELS.includes(d.level)) inconsistent(el, `DDI '${d.name}' has bad level ${String(d.level)}.`);
  if (d.class !== null) {
    const c = cat.classes.find((k) => k.name === d.class);
    if (!c) inconsistent(el, `DDI '${d.name}' names undeclared class '${d.class}'.`);
    if (c.level !== d.level || c.perChild !== d.perChild) {
      inconsistent(el, `DDI '${d.name}' does not match the level or perChild of class '${c.name}'.`);
    }
  } else if (d.perChild) {
    inconsistent(el, `DDI '${d.name}' is per child but has no class.`);
  }
  for (const f of d.facts) {
    if (!LEVELS.includes(f.level)) inconsistent(el, `A fact of DDI '${d.name}' has bad level ${String(f.level)}.`);
    if (f.class !== undefined && !cat.classes.some((k) => k.name === f.class)) {
      inconsistent(el, `A fact of DDI '${d.name}' names undeclared class '${f.class}'.`);
    }
  }
}

/**
 * Check a catalog's integrity: unique names, valid levels and families, every
 * class named by a row or fact declared at the row's level, class members that
 * match the rows, and exemptions and conflicts that name known DDIs. Throws a
 * `ContractError` (code `inconsistent-catalog`) naming the first bad element.
 */
export function validateCatalog(cat: Catalog): void {
  if (typeof cat.contractVersion !== 'string' || cat.contractVersion === '') {
    inconsistent('catalog', 'The catalog has no contractVersion.');
  }
  if (new Set(cat.classes.map((c) => c.name)).size !== cat.classes.length) {
    inconsistent('catalog', 'Two classes of the catalog share a name.');
  }
  const names = new Set<string>();
  for (const d of cat.ddis) {
    if (names.has(d.name)) inconsistent(`ddi ${d.name}`, `DDI '${d.name}' appears twice in the catalog.`);
    names.add(d.name);
    checkRow(cat, d);
  }
  for (const c of cat.classes) {
    const expected = classMembers(c.name, cat.ddis);
    if (expected.join() !== c.members.join()) {
      inconsistent(`class ${c.name}`, `Class '${c.name}' lists [${c.members.join(', ')}], but its rows are [${expected.join(', ')}].`);
    }
    if (conditionalMembers(c.name, cat.ddis).join() !== (c.conditionalMembers ?? []).join()) {
      inconsistent(`class ${c.name}`, `Class '${c.name}' has stale conditional members.`);
    }
  }
  for (const d of cat.ddis) {
    for (const e of d.exemptions ?? []) {
      for (const other of e.kind === 'any-time' || e.kind === 'independent' ? [] : e.ddis) {
        if (!names.has(other)) inconsistent(`ddi ${d.name}`, `An exemption of '${d.name}' names unknown DDI '${other}'.`);
      }
    }
  }
  for (const c of cat.conflicts) {
    if (!names.has(c.ddi)) inconsistent(`conflict ${c.ddi}`, `A conflict names unknown DDI '${c.ddi}'.`);
  }
}
