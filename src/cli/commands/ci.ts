/**
 * `ddicheck ci`: runs a list of checks with expectations and budgets, prints a
 * summary, writes JSON, JUnit and SARIF reports, and applies a baseline of known
 * violations. Exit 0 when every check meets its expectation, 1 when one does
 * not, 2 for a bad config, 3 when a budget left a check inconclusive (unless
 * --inconclusive pass).
 */
import type { Argv } from 'yargs';
import { checkOutput, writeOutput } from '../output.js';
import { resolve, join } from 'node:path';
import { planFromFile, planFromManifest } from '../../ci/config.js';
import { runPlan, baselineOf, ciExit, type CiRun } from '../../ci/run.js';
import { assignShards, parseShard, readCosts, type Shard } from '../../ci/shard.js';
import { ciJson, ddicheckVersion } from '../../shards/ci-json.js';
import { VerdictCache } from '../../ci/cache.js';
import { readBaseline, writeBaseline } from '../../ci/baseline.js';
import { ciSummary } from '../../report/ci-text.js';
import { junitXml } from '../../report/junit.js';
import { sarifLog } from '../../report/sarif.js';
import { counterexampleSites } from '../../report/step-sites.js';
import type { CiPlan } from '../../ci/config.js';
import { typecheckEach } from '../../load/model-files.js';
import { CheckThread } from '../thread/thread.js';
import { num } from '../../report/format.js';
import { InputError } from '../../errors.js';
import { Exit, type ExitCode } from '../../exit.js';
import type { IO } from '../io.js';

export interface CiArgs {
  config?: string; json?: string; junit?: string; sarif?: string;
  baseline?: string; updateBaseline?: boolean; inconclusive?: 'fail' | 'pass'; typecheck?: boolean; stepTimeout?: number;
  shard?: string; costs?: string;
  /** A folder; '' (the flag alone) for the default one; false for --no-cache; a list when given more than once. */
  cache?: string | false | (string | false)[];
}

/** Where `--cache` alone keeps verdicts: beside the project's other tool caches. */
export const DEFAULT_CACHE_DIR = join('node_modules', '.cache', 'ddicheck');

export const ciCommand = {
  command: 'ci',
  describe: 'run checks with expected verdicts and budgets; write JUnit, SARIF and JSON reports (a CI gate)',
  builder: (y: Argv) => y
    .option('config', { type: 'string', describe: 'JSON list of checks (default: the manifest of the models ddicheck.config.json lists, else of those under ./models/)' })
    .option('json', { type: 'string', describe: 'write a JSON report to this file' })
    .option('junit', { type: 'string', describe: 'write JUnit XML to this file' })
    .option('sarif', { type: 'string', describe: 'write SARIF 2.1.0 to this file' })
    .option('baseline', { type: 'string', describe: 'accept the known violations in this file' })
    .option('update-baseline', { type: 'boolean', describe: 'write the current unexpected violations to the --baseline file' })
    .option('inconclusive', { choices: ['fail', 'pass'] as const, describe: 'whether a check a budget left inconclusive fails the run (default: fail, exit 3)' })
    .option('typecheck', { type: 'boolean', default: true, describe: 'type-check model files first (--no-typecheck to skip)' })
    .option('step-timeout', { type: 'number', default: 10, describe: 'a step that runs longer than this many seconds is a runaway: its check is an error' })
    .option('shard', { type: 'string', describe: 'run only shard i of n (i/n, 1-based) of the checks, for a CI matrix; join the shards\' reports with ddicheck merge' })
    .option('costs', { type: 'string', describe: 'with --shard: balance the shards by each check\'s states in this earlier --json report (default: round-robin by check id)' })
    .option('cache', { type: 'string', describe: `keep verdicts in this folder and do not search again a check whose sources, scenario and options are unchanged (alone: ${DEFAULT_CACHE_DIR}; also DDICHECK_CACHE=DIR); --no-cache runs every check` })
    .example('$0 ci --junit out/junit.xml --sarif out/ddicheck.sarif', 'gate on the bundled library')
    .example('$0 ci --config ddicheck.ci.json --baseline ddicheck.baseline.json', 'gate a driver with known issues')
    .example('$0 ci --shard 2/4 --json out/ci-2.json --junit out/junit-2.xml', 'the second of four CI machines (see docs/sharding.md)'),
};

/** The cache folder asked for: --no-cache wins, then --cache [DIR], then DDICHECK_CACHE; none by default. */
function cacheDir(args: CiArgs): string | null {
  const given = Array.isArray(args.cache) ? args.cache : args.cache === undefined ? [] : [args.cache];
  if (given.includes(false)) return null;
  const last = given.at(-1);
  if (typeof last === 'string') return last === '' ? DEFAULT_CACHE_DIR : last;
  const env = process.env.DDICHECK_CACHE;
  return env ? env : null;
}

/** Writes every requested report for a finished (or interrupted) run; `full` is the plan before a shard was taken. */
function reports(run: CiRun, plan: CiPlan, full: CiPlan, shard: Shard | null, args: CiArgs, policy: 'fail' | 'pass'): void {
  if (args.junit) writeOutput('--junit', args.junit, junitXml(run, policy));
  if (args.sarif) {
    const sites = (o: CiRun['outcomes'][number]) => {
      const m = plan.models.get(o.check.file);
      return m && o.result ? counterexampleSites(m.model, o.result) : [];
    };
    writeOutput('--sarif', args.sarif, `${JSON.stringify(sarifLog(run, ddicheckVersion(), process.cwd(), sites), null, 2)}\n`);
  }
  if (args.json) writeOutput('--json', args.json, `${JSON.stringify(ciJson(run, full, policy, shard ? { ...shard, by: args.costs !== undefined ? 'costs' : 'id' } : null), null, 2)}\n`);
}

export async function runCi(args: CiArgs, io: IO): Promise<ExitCode> {
  if (args.updateBaseline && !args.baseline) throw new InputError('--update-baseline', 'needs --baseline FILE to write to');
  if (args.updateBaseline) checkOutput('--baseline', args.baseline);
  for (const [flag, path] of [['--junit', args.junit], ['--sarif', args.sarif], ['--json', args.json]] as const) checkOutput(flag, path);
  const shard = args.shard !== undefined ? parseShard(args.shard, '--shard') : null;
  if (args.costs !== undefined && shard === null) throw new InputError('--costs', 'balances shards: give it with --shard i/n');
  if (shard && args.updateBaseline) throw new InputError('--update-baseline', 'writes the baseline of the whole run, and --shard runs a part of it', 'update the baseline from a run without --shard');
  const costs = args.costs !== undefined ? readCosts(resolve(args.costs)) : undefined;
  const full = args.config ? await planFromFile(args.config) : await planFromManifest();
  const owner = shard ? assignShards(full.checks.map((c) => c.id), shard.count, costs) : null;
  const loaded = owner ? { ...full, checks: full.checks.filter((c) => owner.get(c.id) === shard!.index) } : full;
  const files = [...new Set(loaded.checks.map((c) => c.file))].filter((f) => loaded.models.has(f));
  // A model that does not type-check is that check's error: the others still run and the reports are written.
  const typeErrors = args.typecheck !== false ? typecheckEach(files) : new Map<string, string>();
  const plan = typeErrors.size === 0 ? loaded
    : { ...loaded, checks: loaded.checks.map((c) => (typeErrors.has(c.file) && c.error === undefined ? { ...c, error: typeErrors.get(c.file)! } : c)) };
  const baseline = args.baseline && !args.updateBaseline ? readBaseline(resolve(args.baseline)) : undefined;
  const policy = args.inconclusive ?? plan.inconclusive ?? 'fail';
  const stepTimeout = args.stepTimeout ?? 10;
  if (!Number.isFinite(stepTimeout) || stepTimeout <= 0) throw new InputError('--step-timeout', `must be a positive number, got ${stepTimeout}`);
  // Each check runs on a watched thread: a signal or a runaway step stops it, and the reports are still written.
  const thread = new CheckThread({ stepTimeout });
  const dir = cacheDir(args);
  const cache = dir !== null ? new VerdictCache(resolve(dir), ddicheckVersion()) : undefined;
  let stop = false;
  const onSig = (): void => { stop = true; };
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  let run: CiRun;
  try {
    run = await runPlan(plan, {
      baseline, cache,
      interrupted: () => stop,
      run: (check, _model, budget, hooks) => thread.check(check.file, check.scenario, budget, hooks),
      progress: io.errIsTTY && io.status ? (done, total, states, rate, current) => io.status!(`  ${done}/${total} checks, ${current}: ${num(states)} states, ${num(rate)} states/s`) : undefined,
    });
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
    await thread.close();
  }
  if (io.errIsTTY) io.status?.('');
  reports(run, plan, full, shard, args, policy);
  const source = shard ? `shard ${shard.index}/${shard.count} (${costs ? 'balanced by the recorded costs' : 'round-robin by check id'}) of ${full.checks.length} from ${plan.source}` : plan.source;
  io.out(ciSummary(run, source));
  if (cache) io.out(`  verdict cache ${dir}: ${run.outcomes.filter((o) => o.cached).length} cached, ${run.outcomes.filter((o) => o.result && !o.cached).length} searched`);
  if (args.updateBaseline) {
    const known = baselineOf(run);
    writeBaseline(resolve(args.baseline!), known);
    io.out(`  wrote ${known.length} known violation${known.length === 1 ? '' : 's'} to ${args.baseline}`);
    return Exit.holds;
  }
  return ciExit(run.outcomes.map((o) => o.status), policy);
}
