/**
 * Baselines let a team gate a driver that has known issues: a violation whose
 * property and trace signature are in the baseline does not fail the build; a new
 * one does; a baseline entry that no longer shows up is reported as fixed, so the
 * baseline can shrink. The signature hashes the counterexample's shape (property,
 * and each step's context and name), which is stable for an unchanged model
 * because breadth-first search is deterministic.
 */
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import type { CheckResult } from '../check.js';
import { InputError } from '../errors.js';

export interface KnownViolation { readonly check: string; readonly property: string; readonly signature: string; readonly message?: string }
export interface Baseline { readonly format: 'ddicheck-baseline'; readonly version: 1; readonly known: readonly KnownViolation[] }

/** A stable signature of a violation's counterexample. */
export function signature(r: CheckResult): string {
  const steps = r.counterexample?.steps.map((s) => `${s.context?.name ?? '-'}:${s.step}`) ?? [];
  return createHash('sha256').update([r.property ?? '', ...steps].join('\n')).digest('hex').slice(0, 16);
}

export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new InputError(path, 'no such baseline file', 'create one with --update-baseline');
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new InputError(path, `is not valid JSON: ${(e as Error).message}`); }
  const b = raw as Partial<Baseline>;
  if (!b || b.format !== 'ddicheck-baseline' || b.version !== 1 || !Array.isArray(b.known)) {
    throw new InputError(path, 'is not a ddicheck baseline (expected { "format": "ddicheck-baseline", "version": 1, "known": [...] })', 'write a fresh one with --update-baseline');
  }
  b.known.forEach((k, i) => {
    if (!k || typeof k.check !== 'string' || typeof k.property !== 'string' || typeof k.signature !== 'string') throw new InputError(`${path}: known[${i}]`, 'needs string fields "check", "property" and "signature"');
  });
  return b as Baseline;
}

export function writeBaseline(path: string, known: readonly KnownViolation[]): void {
  const b: Baseline = { format: 'ddicheck-baseline', version: 1, known: [...known].sort((x, y) => x.check.localeCompare(y.check) || x.property.localeCompare(y.property)) };
  writeFileSync(path, `${JSON.stringify(b, null, 2)}\n`);
}
