/**
 * Runs a CI plan: each check under its budget (and the run's overall budget),
 * held to its expectation and the baseline. Returns outcomes as values; the
 * reports and the exit code are pure functions of them.
 */
import { checkAsync, type CheckResult } from '../check.js';
import type { AnyModel } from '../model/define.js';
import type { Progress } from '../explore/explorer.js';
import { InputError } from '../errors.js';
import { Exit, type ExitCode } from '../exit.js';
import type { CiCheck, CiPlan } from './config.js';
import { signature, type Baseline, type KnownViolation } from './baseline.js';
import type { VerdictCache } from './cache.js';

/** `error`: the check could not run or finish as a check (its model does not load, a step throws or never returns). */
export type CiStatus = 'pass' | 'known' | 'fail' | 'inconclusive' | 'not-run' | 'error';

export interface CiOutcome {
  readonly check: CiCheck;
  readonly status: CiStatus;
  /** Why: "expected holds, got violated data-race". */
  readonly reason: string;
  readonly result?: CheckResult;
  readonly signature?: string;
  /** The verdict cache's key when the result came from the cache instead of a search (said in every report). */
  readonly cached?: string;
}

export interface CiRun {
  readonly outcomes: readonly CiOutcome[];
  /** Baseline entries whose violation no longer shows up. */
  readonly fixed: readonly KnownViolation[];
  readonly seconds: number;
  readonly interrupted: boolean;
}

/**
 * Runs one check: in this thread by default; the command line runs each on a
 * watched worker thread (src/cli/thread/thread.ts). `stop` is polled; null means the
 * check was stopped before it began.
 */
export type CheckRunner = (check: CiCheck, model: AnyModel, budget: { maxStates?: number; seconds?: number },
  hooks: { stop: () => boolean; progress?: (p: Progress) => void }) => Promise<CheckResult | null>;

/** The default runner: checkAsync in this thread. */
export const inProcess: CheckRunner = (check, model, budget, hooks) =>
  checkAsync(model, { scenario: check.scenario, ...budget, interrupted: hooks.stop, progress: hooks.progress });

export interface CiRunOptions {
  readonly run?: CheckRunner;
  readonly baseline?: Baseline;
  /** Polled between and during checks (Ctrl-C, SIGTERM). */
  readonly interrupted?: () => boolean;
  readonly progress?: (done: number, total: number, states: number, statesPerSecond: number, current: string) => void;
  /** The verdict cache: a check whose key is there is judged on the cached result instead of being run. */
  readonly cache?: VerdictCache;
}

function describe(r: CheckResult): string {
  return r.verdict === 'violated' ? `violated ${r.property}` : r.verdict;
}

/** Holds a result to its expectation and the baseline. */
export function judge(check: CiCheck, r: CheckResult, baseline?: Baseline): CiOutcome {
  const e = check.expect;
  const sig = r.verdict === 'violated' ? signature(r) : undefined;
  const expected = `${e.verdict}${e.property ? ` ${e.property}` : ''}`;
  if (r.verdict === e.verdict && (e.property === undefined || e.property === r.property)) return { check, status: 'pass', reason: `${describe(r)}, as expected`, result: r, signature: sig };
  // By signature, not by the check's id: the id holds the file's path, and a moved model is the same bug.
  if (r.verdict === 'violated' && baseline?.known.some((k) => k.property === r.property && k.signature === sig)) {
    return { check, status: 'known', reason: `violated ${r.property}, a known issue in the baseline`, result: r, signature: sig };
  }
  if (r.verdict === 'inconclusive') return { check, status: 'inconclusive', reason: `inconclusive (${r.reason}); expected ${expected}`, result: r };
  return { check, status: 'fail', reason: `expected ${expected}, got ${describe(r)}${r.message ? `: ${r.message}` : ''}`, result: r, signature: sig };
}

export async function runPlan(plan: CiPlan, opts: CiRunOptions = {}): Promise<CiRun> {
  const t0 = performance.now();
  const deadline = plan.budget.seconds !== undefined ? Date.now() + plan.budget.seconds * 1000 : Infinity;
  const outcomes: CiOutcome[] = [];
  let interrupted = false;
  for (const check of plan.checks) {
    if (!interrupted && opts.interrupted?.()) interrupted = true;
    if (interrupted || Date.now() >= deadline) {
      outcomes.push({ check, status: 'not-run', reason: interrupted ? 'not run: interrupted' : `not run: the run's budget of ${plan.budget.seconds} s ran out` });
      continue;
    }
    const b = { ...plan.budget, ...check.budget };
    const memLimit = b.memoryMB !== undefined ? b.memoryMB * 1024 * 1024 : Infinity;
    let memHit = false;
    const left = (deadline - Date.now()) / 1000;
    const seconds = check.budget.seconds !== undefined ? Math.min(check.budget.seconds, left) : Number.isFinite(left) ? left : undefined;
    const loaded = plan.models.get(check.file);
    if (check.error !== undefined || loaded === undefined) {
      outcomes.push({ check, status: 'error', reason: check.error ?? 'the model did not load' });
      continue;
    }
    const key = opts.cache?.key(check, { maxStates: b.maxStates });
    const hit = key !== undefined ? opts.cache!.get(key) : null;
    if (hit !== null) {
      const o = judge(check, hit, opts.baseline);
      outcomes.push({ ...o, reason: `${o.reason} (cached verdict: the model's sources, scenario and options are unchanged; --no-cache runs it)`, cached: key });
      continue;
    }
    let got: CheckResult | null;
    try {
      got = await (opts.run ?? inProcess)(check, loaded.model, { maxStates: b.maxStates, seconds }, {
        stop: () => {
          if (opts.interrupted?.()) { interrupted = true; return true; }
          if (process.memoryUsage().rss > memLimit) { memHit = true; return true; }
          return false;
        },
        progress: opts.progress ? (p) => opts.progress!(outcomes.length, plan.checks.length, p.states, p.states / Math.max(p.seconds, 1e-9), check.id) : undefined,
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      outcomes.push({ check, status: 'error', reason: e.message.split('\n')[0] });
      continue;
    }
    if (got === null) { outcomes.push({ check, status: 'not-run', reason: 'not run: interrupted' }); continue; }
    let r = got;
    if (r.verdict === 'inconclusive' && memHit) r = { ...r, reason: `memory budget of ${b.memoryMB} MiB ran out` };
    if (key !== undefined) opts.cache!.put(key, check, r);
    outcomes.push(judge(check, r, opts.baseline));
  }
  const ran = outcomes.filter((o) => o.result !== undefined);
  // An entry is fixed when the check it came from ran (found by id, or by model and scenario after a move) and nothing matched it.
  const sameCheck = (k: KnownViolation, o: CiOutcome): boolean => o.check.id === k.check || (k.model !== undefined && o.result?.model === k.model && o.check.scenario === k.scenario);
  const fixed = (opts.baseline?.known ?? []).filter((k) => ran.some((o) => sameCheck(k, o)) && !outcomes.some((o) => o.signature === k.signature && o.result?.property === k.property));
  return { outcomes, fixed, seconds: (performance.now() - t0) / 1000, interrupted };
}

/**
 * The exit code of a run from its checks' statuses: 2 when a check could not
 * run, 1 when one missed its expectation, 3 when one was left inconclusive or
 * not run (unless the policy passes those), else 0. A merge of shards uses it too.
 */
export function ciExit(statuses: readonly CiStatus[], policy: 'fail' | 'pass'): ExitCode {
  if (statuses.includes('error')) return Exit.badInput;
  if (statuses.includes('fail')) return Exit.violated;
  if (policy === 'fail' && (statuses.includes('inconclusive') || statuses.includes('not-run'))) return Exit.inconclusive;
  return Exit.holds;
}

/** The violations to write with --update-baseline: every violation that did not meet its expectation. */
export function baselineOf(run: CiRun): KnownViolation[] {
  return run.outcomes
    .filter((o) => (o.status === 'fail' || o.status === 'known') && o.result?.verdict === 'violated')
    .map((o) => ({ check: o.check.id, model: o.result!.model, scenario: o.check.scenario, property: o.result!.property!, signature: o.signature!, message: o.result!.message }));
}
