/**
 * `ddicheck check [model...]`: model-checks each model under a scenario (its
 * default one unless --scenario or --all-scenarios), prints a text or JSON
 * report, and returns the exit code of the worst verdict.
 */
import type { Argv } from 'yargs';
import type { CheckResult } from '../../check.js';
import { CheckThread } from '../thread/thread.js';
import { InputError } from '../../errors.js';
import { projectModels, displayPath, loadModel, typecheck } from '../../load/model-files.js';
import { textReport } from '../../report/text.js';
import { jsonResult, type JsonResult } from '../../report/json.js';
import { num } from '../../report/format.js';
import { Exit, exitHelp, type ExitCode } from '../../exit.js';
import { checkOutput, writeOutput } from '../output.js';
import type { IO } from '../io.js';
import { sha256File, traceFromResult } from '../../trace/build.js';
import { minimizeResult } from '../../trace/minimize.js';
import { parseShard } from '../../ci/shard.js';
import { splitRecord } from '../../shards/merge-split.js';

export interface CheckArgs {
  models?: string[];
  scenario?: string;
  allScenarios?: boolean;
  maxStates?: number;
  maxDepth?: number;
  time?: number;
  memoryMb?: number;
  dfs?: boolean;
  exact?: boolean;
  json?: boolean;
  backend?: 'fast' | 'immer';
  typecheck?: boolean;
  trace?: string;
  minimize?: boolean;
  stuckCheck?: boolean;
  symmetry?: boolean;
  stepTimeout?: number;
  por?: boolean;
  lipton?: boolean;
  split?: string;
  splitMinFrontier?: number;
  workers?: number;
}

export const checkCommand = {
  command: 'check [models..]',
  describe: 'exhaustively check models (all bundled models when none is given)',
  builder: (y: Argv) => y
    .positional('models', { type: 'string', array: true, describe: 'model files (.ts); default: those ddicheck.config.json lists, else every model under ./models/' })
    .option('scenario', { type: 'string', describe: 'scenario to check (default: each model\'s default scenario)' })
    .option('all-scenarios', { type: 'boolean', describe: 'check every scenario of each model' })
    .option('max-states', { type: 'number', describe: 'stop (inconclusive) after this many distinct states' })
    .option('max-depth', { type: 'number', describe: 'do not explore deeper than this many steps (inconclusive if cut)' })
    .option('time', { type: 'number', describe: 'stop (inconclusive) after this many seconds per check' })
    .option('memory-mb', { type: 'number', describe: 'stop (inconclusive, with the report) before the search would need more than this many MiB (default: 75% of the memory available)' })
    .option('dfs', { type: 'boolean', describe: 'depth-first instead of breadth-first (traces may be longer than shortest)' })
    .option('exact', { type: 'boolean', describe: 'keep whole states: no fingerprint collision can hide a state' })
    .option('json', { type: 'boolean', describe: 'print a JSON summary instead of text' })
    .option('backend', { choices: ['fast', 'immer'] as const, default: 'fast' as const, describe: 'state backend (immer: the slow reference interpreter)' })
    .option('typecheck', { type: 'boolean', default: true, describe: 'type-check model files before loading them (--no-typecheck to skip)' })
    .option('trace', { type: 'string', describe: 'write the counterexample of the first violated check to this file (see ddicheck show, replay)' })
    .option('minimize', { type: 'boolean', describe: 'shrink each counterexample (fewer steps, contexts, context switches); for --dfs' })
    .option('stuck-check', { type: 'boolean', default: true, describe: 'after a complete search, report contexts that can never move again while others cycle forever (a periodic timer) as a deadlock; --no-stuck-check skips it (it keeps the state graph: 8 bytes per transition)' })
    .option('por', { type: 'boolean', describe: 'partial-order reduction: where one context\'s next steps touch only its private state, explore them alone (races, deadlocks, invariants stay exact; the stuck-context check is skipped, and the verdict says so)' })
    .option('lipton', { type: 'boolean', describe: 'transaction reduction on top of --por: a context holding a kernel lock runs its steps on the data that lock protects alone, acquire to release (the lock discipline is learnt and checked as the search runs; a broken one restarts the search, and the verdict says so)' })
    .option('symmetry', { type: 'boolean', default: true, describe: 'store one state per orbit of interchangeable processes and threads, where the model passes the symmetry check (the verdict says which); --no-symmetry stores every state' })
    .option('workers', { type: 'number', default: 1, describe: 'search on this many worker threads (breadth-first; the same counts, verdict and counterexample as one; the stuck-context check needs --workers 1)' })
    .option('step-timeout', { type: 'number', default: 10, describe: 'a step that runs longer than this many seconds is a runaway (bad input naming it, exit 2)' })
    .option('split', { type: 'string', describe: 'search only part i of n (i/n, 1-based) of the space past a shared breadth-first prefix, for n machines; join the --json reports with ddicheck merge (no stuck-context check)' })
    .option('split-min-frontier', { type: 'number', describe: 'with --split: the prefix ends at the first level with at least this many states per shard (default 64)' })
    .example('$0 check', 'check every bundled model with its default scenario')
    .example('$0 check models/dispatcher.ts --scenario contention --json', 'one model, one scenario, JSON summary')
    .epilogue(exitHelp),
};

function positiveInt(v: number | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const real = flag === '--time' || flag === '--step-timeout';
  if (!Number.isFinite(v) || v <= 0 || (!real && !Number.isInteger(v))) throw new InputError(flag, `must be a positive ${real ? 'number' : 'integer'}, got ${v}`);
  return v;
}

/** Runs the check command; returns the exit code. */
export async function runCheck(args: CheckArgs, io: IO): Promise<ExitCode> {
  const budget = { maxStates: positiveInt(args.maxStates, '--max-states'), maxDepth: positiveInt(args.maxDepth, '--max-depth'), seconds: positiveInt(args.time, '--time') };
  const memoryMB = positiveInt(args.memoryMb, '--memory-mb');
  const stepTimeout = positiveInt(args.stepTimeout ?? 10, '--step-timeout')!;
  const workers = positiveInt(args.workers ?? 1, '--workers')!;
  if (args.scenario !== undefined && args.allScenarios) throw new InputError('--scenario', `and --all-scenarios ask for different things (${args.scenario}, or every scenario)`, 'give one of them');
  checkOutput('--trace', args.trace);
  const split = args.split !== undefined ? { ...parseShard(args.split, '--split'), minFrontier: positiveInt(args.splitMinFrontier, '--split-min-frontier') } : undefined;
  if (args.splitMinFrontier !== undefined && !split) throw new InputError('--split-min-frontier', 'sets where --split divides the search: give it with --split i/n');
  if (split && args.dfs) throw new InputError('--split', 'splits a breadth-first search at a level of it', 'leave out --dfs');
  const given = args.models && args.models.length > 0;
  const found = given ? null : projectModels();
  const files = found ? found.files : args.models!;
  if (found) (args.json ? io.err : io.out)(`checking ${found.files.length} model file${found.files.length === 1 ? '' : 's'}: ${found.source}\n`);
  if (args.typecheck !== false) typecheck(files);
  let interrupted = false;
  // The search runs on a thread of its own, so a signal or a runaway step can stop it.
  const thread = new CheckThread({ stepTimeout });
  const onSig = (): void => { interrupted = true; };
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  // Progress on a terminal only, one line rewritten in place and cleared before each report.
  const status = io.errIsTTY && !args.json && io.status ? (line: string): void => io.status!(line) : undefined;
  const results: (JsonResult & { split?: unknown })[] = [];
  const tally: { verdict: string; met: boolean | undefined; id: string }[] = [];
  let code: ExitCode = Exit.holds;
  // --trace: the first violated check's counterexample, one file.
  let traceWritten = false;
  const worse = (c: ExitCode): void => {
    const rank = { [Exit.holds]: 0, [Exit.inconclusive]: 1, [Exit.violated]: 2, [Exit.badInput]: 3 } as Record<number, number>;
    if (rank[c] > rank[code]) code = c;
  };
  try {
    for (const f of files) {
      if (interrupted) break;
      const { file, model } = await loadModel(f);
      const shown = displayPath(file);
      const scenarios = args.allScenarios ? Object.keys(model.scenarios) : [args.scenario];
      for (const scenario of scenarios) {
        if (interrupted) break;
        let got: CheckResult | null;
        try {
          got = await thread.check(file, scenario, { ...budget, memoryMB, order: args.dfs ? 'dfs' : 'bfs', exact: args.exact, backend: args.backend, stuckCheck: args.stuckCheck, por: args.por, lipton: args.lipton, split, symmetry: args.symmetry, workers },
            {
              stop: () => interrupted,
              progress: status ? (p) => status(`  ${shown}: ${num(p.states)} states, ${num(p.states / Math.max(p.seconds, 1e-9))} states/s, depth ${p.depth}, queue ${num(p.queued)}`) : undefined,
            });
        } catch (e) {
          if (e instanceof InputError) throw e.inFile(shown);
          throw e;
        } finally {
          status?.('');
        }
        if (got === null) break;
        let r = got;
        worse(r.verdict === 'holds' ? Exit.holds : r.verdict === 'violated' ? Exit.violated : Exit.inconclusive);
        let traceNote = '';
        if (r.verdict === 'violated' && args.minimize) {
          const m = minimizeResult(model, r);
          r = m.result;
          traceNote += `  minimized: ${m.before.steps} → ${m.after.steps} steps, ${m.before.contexts} → ${m.after.contexts} contexts, ${m.before.switches} → ${m.after.switches} context switches\n`;
        }
        if (r.verdict === 'violated' && args.trace !== undefined && !traceWritten) {
          writeOutput('--trace', args.trace, `${JSON.stringify(traceFromResult(model, r, { file: shown, sha256: sha256File(file), exact: args.exact, budget: definedBudget(budget) }), null, 2)}\n`);
          traceWritten = true;
          traceNote += `  trace written to ${args.trace}: ddicheck show ${args.trace}, ddicheck replay ${args.trace}\n`;
        }
        if (args.json) results.push(r.split ? { ...jsonResult(r, shown), split: splitRecord(r, file, { maxStates: budget.maxStates, maxDepth: budget.maxDepth, exact: args.exact, backend: args.backend }) } : jsonResult(r, shown));
        const expected = model.expect?.[r.scenario];
        tally.push({ verdict: r.verdict, met: expected ? expected.verdict === r.verdict && (expected.property === undefined || expected.property === r.property) : undefined, id: `${shown}#${r.scenario}` });
        if (!args.json) io.out(`${textReport(r, { file: shown, width: io.columns, expected })}\n${traceNote}`);
        if (args.json && traceNote) io.err(traceNote.trimEnd());
      }
    }
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
    await thread.close();
  }
  if (!args.json && tally.length > 1) io.out(tallyLine(tally));
  if (interrupted && !args.json) io.err('interrupted: the report above covers what finished; the rest was not checked');
  if (args.json) io.out(JSON.stringify({ results }, null, 2));
  if (args.trace !== undefined && !traceWritten) io.err(`--trace: no check was violated, so no trace was written to ${args.trace}`);
  return code;
}

/** One line over several results: how many hold, and whether each met its model's manifest. */
function tallyLine(tally: readonly { verdict: string; met: boolean | undefined; id: string }[]): string {
  const n = (v: string): number => tally.filter((t) => t.verdict === v).length;
  const missed = tally.filter((t) => t.met === false).map((t) => t.id);
  const judged = tally.filter((t) => t.met !== undefined).length;
  const manifest = judged === 0 ? '' : missed.length === 0 ? `; all ${judged} with a manifest entry as expected` : `; NOT as the manifest expects: ${missed.join(', ')}`;
  return `${tally.length} checks: ${n('holds')} hold, ${n('violated')} violated, ${n('inconclusive')} inconclusive${manifest}`;
}

/** The budget options that were given. */
function definedBudget(b: { maxStates?: number; maxDepth?: number; seconds?: number }): { maxStates?: number; maxDepth?: number; seconds?: number } {
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
}
