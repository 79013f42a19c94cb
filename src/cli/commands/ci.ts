/**
 * `ddicheck ci`: runs a list of checks with expectations and budgets, prints a
 * summary, writes JSON, JUnit and SARIF reports, and applies a baseline of known
 * violations. Exit 0 when every check meets its expectation, 1 when one does
 * not, 2 for a bad config, 3 when a budget left a check inconclusive (unless
 * --inconclusive pass).
 */
import type { Argv } from 'yargs';
import { readFileSync } from 'node:fs';
import { checkOutput, writeOutput } from '../output.js';
import { resolve, join } from 'node:path';
import { planFromFile, planFromManifest } from '../../ci/config.js';
import { runPlan, baselineOf, type CiRun } from '../../ci/run.js';
import { readBaseline, writeBaseline } from '../../ci/baseline.js';
import { ciSummary } from '../../report/ci-text.js';
import { junitXml } from '../../report/junit.js';
import { sarifLog } from '../../report/sarif.js';
import { counterexampleSites } from '../../report/step-sites.js';
import type { CiPlan } from '../../ci/config.js';
import { jsonResult } from '../../report/json.js';
import { typecheckEach, projectRoot } from '../../load/model-files.js';
import { CheckThread } from '../thread/thread.js';
import { num } from '../../report/format.js';
import { InputError } from '../../errors.js';
import { Exit, type ExitCode } from '../exit.js';
import type { IO } from '../io.js';

export interface CiArgs {
  config?: string; json?: string; junit?: string; sarif?: string;
  baseline?: string; updateBaseline?: boolean; inconclusive?: 'fail' | 'pass'; typecheck?: boolean; stepTimeout?: number;
}

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
    .example('$0 ci --junit out/junit.xml --sarif out/ddicheck.sarif', 'gate on the bundled library')
    .example('$0 ci --config ddicheck.ci.json --baseline ddicheck.baseline.json', 'gate a driver with known issues'),
};


function version(): string {
  try { return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version; } catch { return '0.0.0'; }
}

/** Writes every requested report for a finished (or interrupted) run. */
function reports(run: CiRun, plan: CiPlan, args: CiArgs, policy: 'fail' | 'pass'): void {
  if (args.junit) writeOutput('--junit', args.junit, junitXml(run, policy));
  if (args.sarif) {
    const sites = (o: CiRun['outcomes'][number]) => {
      const m = plan.models.get(o.check.file);
      return m && o.result ? counterexampleSites(m.model, o.result) : [];
    };
    writeOutput('--sarif', args.sarif, `${JSON.stringify(sarifLog(run, version(), process.cwd(), sites), null, 2)}\n`);
  }
  if (args.json) {
    writeOutput('--json', args.json, `${JSON.stringify({
      seconds: run.seconds, interrupted: run.interrupted,
      checks: run.outcomes.map((o) => ({ check: o.check.id, scenario: o.check.scenario, expect: o.check.expect, status: o.status, reason: o.reason, signature: o.signature ?? null, result: o.result ? jsonResult(o.result, o.check.id.split('#')[0]) : null })),
      fixed: run.fixed,
    }, null, 2)}\n`);
  }
}

export async function runCi(args: CiArgs, io: IO): Promise<ExitCode> {
  if (args.updateBaseline && !args.baseline) throw new InputError('--update-baseline', 'needs --baseline FILE to write to');
  if (args.updateBaseline) checkOutput('--baseline', args.baseline);
  for (const [flag, path] of [['--junit', args.junit], ['--sarif', args.sarif], ['--json', args.json]] as const) checkOutput(flag, path);
  const loaded = args.config ? await planFromFile(args.config) : await planFromManifest();
  // A model that does not type-check is that check's error: the others still run and the reports are written.
  const typeErrors = args.typecheck !== false ? typecheckEach([...loaded.models.keys()]) : new Map<string, string>();
  const plan = typeErrors.size === 0 ? loaded
    : { ...loaded, checks: loaded.checks.map((c) => (typeErrors.has(c.file) && c.error === undefined ? { ...c, error: typeErrors.get(c.file)! } : c)) };
  const baseline = args.baseline && !args.updateBaseline ? readBaseline(resolve(args.baseline)) : undefined;
  const policy = args.inconclusive ?? plan.inconclusive ?? 'fail';
  const stepTimeout = args.stepTimeout ?? 10;
  if (!Number.isFinite(stepTimeout) || stepTimeout <= 0) throw new InputError('--step-timeout', `must be a positive number, got ${stepTimeout}`);
  // Each check runs on a watched thread: a signal or a runaway step stops it, and the reports are still written.
  const thread = new CheckThread({ stepTimeout });
  let stop = false;
  const onSig = (): void => { stop = true; };
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  let run: CiRun;
  try {
    run = await runPlan(plan, {
      baseline,
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
  reports(run, plan, args, policy);
  io.out(ciSummary(run, plan.source));
  if (args.updateBaseline) {
    const known = baselineOf(run);
    writeBaseline(resolve(args.baseline!), known);
    io.out(`  wrote ${known.length} known violation${known.length === 1 ? '' : 's'} to ${args.baseline}`);
    return Exit.holds;
  }
  if (run.outcomes.some((o) => o.status === 'error')) return Exit.badInput;
  if (run.outcomes.some((o) => o.status === 'fail')) return Exit.violated;
  if (policy === 'fail' && run.outcomes.some((o) => o.status === 'inconclusive' || o.status === 'not-run')) return Exit.inconclusive;
  return Exit.holds;
}
