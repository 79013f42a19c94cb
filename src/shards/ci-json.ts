/**
 * The JSON report of `ddicheck ci --json`, as a value: what one run (or one
 * shard of a run) writes and what `ddicheck merge` reads back. Besides the
 * checks it records what a merge must agree on (the ddicheck and contract
 * versions, a hash of the whole check list) and which shard it is, so shards of
 * different runs are never joined by mistake.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_VERSION } from '../contract/catalog.js';
import { jsonResult, type JsonResult } from '../report/json.js';
import { projectRoot } from '../load/model-files.js';
import type { CiPlan } from '../ci/config.js';
import type { CiRun, CiStatus } from '../ci/run.js';
import type { KnownViolation } from '../ci/baseline.js';
import type { Shard } from '../ci/shard.js';

export const CI_REPORT_FORMAT = 'ddicheck-ci';

export interface CiJsonCheck {
  check: string; scenario: string; expect: unknown; status: CiStatus; reason: string; signature: string | null;
  /** Set when the verdict came from the verdict cache instead of a search. */
  cached?: { key: string };
  result: JsonResult | null;
}

export interface CiJson {
  format: typeof CI_REPORT_FORMAT;
  /** The ddicheck that wrote it and the contract it checked against. */
  ddicheck: string; contract: string;
  /** Where the checks came from, and a hash of the whole list (ids, expectations, budgets): equal in every shard of one run. */
  source: string; plan: string;
  /** Every check of the run in order, this shard's or not: a merge puts the checks back in this order. */
  all: string[];
  /** Which shard this report is, and whether the split was round-robin by id or balanced by recorded costs (null: the whole run). */
  shard: (Shard & { by: 'id' | 'costs' }) | null;
  /** The reports a merged one was made from. */
  mergedFrom?: string[];
  inconclusive: 'fail' | 'pass';
  seconds: number; interrupted: boolean;
  checks: CiJsonCheck[];
  fixed: readonly KnownViolation[];
}

/** ddicheck's own version, from its package.json. */
export function ddicheckVersion(): string {
  try { return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version; } catch { return '0.0.0'; }
}

/** The hash of a plan's check list that every shard of one run shares. */
export function planHash(plan: Pick<CiPlan, 'checks' | 'budget' | 'inconclusive'>): string {
  const body = JSON.stringify({ checks: plan.checks.map((c) => [c.id, c.expect, c.budget]), budget: plan.budget, inconclusive: plan.inconclusive ?? null });
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

/** The report of a run of `plan` (the whole plan, before any shard was taken from it): all of it, or the shard `shard`. */
export function ciJson(run: CiRun, plan: CiPlan, policy: 'fail' | 'pass', shard: CiJson['shard']): CiJson {
  return {
    format: CI_REPORT_FORMAT, ddicheck: ddicheckVersion(), contract: CONTRACT_VERSION,
    source: plan.source, plan: planHash(plan), all: plan.checks.map((c) => c.id), shard, inconclusive: policy,
    seconds: run.seconds, interrupted: run.interrupted,
    checks: run.outcomes.map((o) => ({
      check: o.check.id, scenario: o.check.scenario, expect: o.check.expect, status: o.status, reason: o.reason, signature: o.signature ?? null,
      ...(o.cached ? { cached: { key: o.cached } } : {}),
      result: o.result ? jsonResult(o.result, o.check.id.split('#')[0]) : null,
    })),
    fixed: run.fixed,
  };
}
