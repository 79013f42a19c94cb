/**
 * Everything ddicheck checks, in one table: each family with its property ids,
 * summaries and help text. The single source for the ids the reports name, the
 * SARIF rule list and the property table of docs/models.md (a test holds the
 * docs to it). The monitors a search runs are made from the families that have
 * one (monitors.ts).
 */
import type { Family, PropertyInfo } from './monitor.js';
import { contract } from './contract.js';
import { invariants } from './invariants.js';
import { races } from './races.js';
import { deadlock } from './deadlock.js';
import { irql } from './irql.js';
import { lifetime } from './lifetime.js';
import { adapter } from './adapter.js';
import { range } from './range.js';

export type { Family, PropertyInfo, Monitor, Finding, Race } from './monitor.js';
export { Property, Rule, type PropertyId } from '../src/property-ids.js';

/** Every family, in the order the docs list them. */
export const families: readonly Family[] = [invariants, deadlock, races, irql, lifetime, range, contract, adapter];

/** Every built-in property: id, summary, and its family (for the help text). */
export const properties: ReadonlyMap<string, PropertyInfo & { readonly family: Family }> = new Map(
  families.flatMap((f) => f.properties.map((p) => [p.id, { ...p, family: f }] as const)),
);
