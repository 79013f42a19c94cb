/**
 * Baselines let a team gate a driver that has known issues: a violation whose
 * property and signature are in the baseline does not fail the build; a new
 * one does; a baseline entry that no longer shows up is reported as fixed, so the
 * baseline can shrink. The signature names the bug, not the path to it: the
 * model and scenario, the property, the contexts and DDIs the counterexample
 * involves, the violating step's name (both steps of a race) and the message
 * with its numbers blanked. Step indices, trace lengths, file paths and line
 * numbers are left out, so an edit that does not change the bug (a no-op step
 * added, the model file moved) keeps the signature.
 */
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import type { CheckResult } from '../check.js';
import { InputError } from '../errors.js';

export interface KnownViolation {
  readonly check: string; readonly property: string; readonly signature: string; readonly message?: string;
  /** The model and scenario it was found in: how a moved model file still finds its entries. */
  readonly model?: string; readonly scenario?: string;
}
export interface Baseline { readonly format: 'ddicheck-baseline'; readonly version: 2; readonly known: readonly KnownViolation[] }

/** What the signature is made of, in words (also what tests compare). */
export function signatureParts(r: CheckResult): string[] {
  const steps = r.counterexample?.steps ?? [];
  const contexts = [...new Set(steps.map((s) => s.context?.name).filter((n): n is string => n !== undefined))].sort();
  const ddis = [...new Set(steps.map((s) => s.call?.ddi).filter((d): d is string => d !== undefined))].sort();
  const race = r.counterexample?.race;
  const last = [...steps].reverse().find((s) => s.kind === 'step') ?? steps.at(-1);
  const violating = race ? [...race.steps].sort().join(' | ') : last ? `${last.context?.name ?? '-'} ${last.step}` : '';
  return [
    `model ${r.model}`, `scenario ${r.scenario}`, `property ${r.property ?? ''}`, `contexts ${contexts.join(',')}`, `ddis ${ddis.join(',')}`,
    `step ${violating}`, `message ${(r.message ?? '').replace(/\d+/g, '#')}`,
  ];
}

/** A stable signature of a violation. */
export function signature(r: CheckResult): string {
  return createHash('sha256').update(signatureParts(r).join('\n')).digest('hex').slice(0, 16);
}

export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new InputError(path, 'no such baseline file', 'create one with --update-baseline');
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new InputError(path, `is not valid JSON: ${(e as Error).message}`); }
  const b = raw as Partial<Baseline>;
  if (b && b.format === 'ddicheck-baseline' && (b.version as number) === 1) {
    throw new InputError(path, 'is a version 1 baseline, whose signatures changed with every edit to a counterexample; this ddicheck reads version 2', 'write a fresh one with --update-baseline');
  }
  if (!b || b.format !== 'ddicheck-baseline' || b.version !== 2 || !Array.isArray(b.known)) {
    throw new InputError(path, 'is not a ddicheck baseline (expected { "format": "ddicheck-baseline", "version": 2, "known": [...] })', 'write a fresh one with --update-baseline');
  }
  b.known.forEach((k, i) => {
    if (!k || typeof k.check !== 'string' || typeof k.property !== 'string' || typeof k.signature !== 'string') throw new InputError(`${path}: known[${i}]`, 'needs string fields "check", "property" and "signature"');
  });
  return b as Baseline;
}

export function writeBaseline(path: string, known: readonly KnownViolation[]): void {
  const b: Baseline = { format: 'ddicheck-baseline', version: 2, known: [...known].sort((x, y) => x.check.localeCompare(y.check) || x.property.localeCompare(y.property)) };
  writeFileSync(path, `${JSON.stringify(b, null, 2)}\n`);
}
