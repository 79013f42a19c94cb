/**
 * `ddicheck random <model>`: random (or PCT) schedules through fast-check, for
 * models too large to exhaust. Reports the runs made, the distinct states they
 * visited, which pairs of calls and driver contexts they saw active at once, and
 * a violation shrunk to a small schedule (--trace writes it as a trace file).
 *
 * Exit codes as for check: 0 no violation in the runs made (which proves
 * nothing beyond them), 1 a violation, 2 bad input or usage.
 */
import type { Argv } from 'yargs';
import { randomCheck } from '../../fastcheck/random-check.js';
import { STRATEGY_NAMES, type StrategyName } from '../../fastcheck/strategy.js';
import { DEFAULTS } from '../../fastcheck/runner.js';
import { randomTextReport, jsonRandomResult } from '../../fastcheck/report.js';
import { InputError } from '../../errors.js';
import { displayPath, loadModel, typecheck } from '../../load/model-files.js';
import { Exit, type ExitCode } from '../../exit.js';
import type { IO } from '../io.js';
import { checkOutput } from '../output.js';
import { parseShard } from '../../ci/shard.js';
import { swarmShard } from '../../fastcheck/swarm.js';
import { randomShardRecord } from '../../shards/merge-random.js';

export interface RandomArgs {
  model: string;
  scenario?: string;
  runs?: number;
  seed?: number;
  strategy?: StrategyName;
  depth?: number;
  steps?: number;
  shrink?: boolean;
  trace?: string;
  json?: boolean;
  backend?: 'fast' | 'immer';
  typecheck?: boolean;
  time?: number;
  shard?: string;
}

export const randomCommand = {
  command: 'random <model>',
  describe: 'run random or PCT schedules of a model too large to exhaust (a search, not a proof)',
  builder: (y: Argv) => y
    .positional('model', { type: 'string', describe: 'model file (.ts)' })
    .option('scenario', { type: 'string', describe: 'scenario to run (default: the model\'s default scenario)' })
    .option('runs', { type: 'number', default: 1000, describe: 'schedules to run' })
    .option('seed', { type: 'number', describe: 'fast-check seed: the same seed runs the same schedules (default: a fresh one, printed)' })
    .option('strategy', { choices: STRATEGY_NAMES, describe: `random: uniform among enabled steps; pct: random priorities with depth-1 change points (default: ${DEFAULTS.strategy}; with --shard, alternating)` })
    .option('depth', { type: 'number', describe: `PCT depth d: d-1 priority change points per run (default: ${DEFAULTS.depth}; with --shard, varied)` })
    .option('steps', { type: 'number', describe: 'stop each run after this many steps (default: four times a run without preemption, at least 64)' })
    .option('shrink', { type: 'boolean', default: true, describe: 'shrink a failing schedule (--no-shrink to report it as found)' })
    .option('trace', { type: 'string', describe: 'write the shrunk counterexample to this trace file' })
    .option('time', { type: 'number', describe: 'stop starting new runs after this many seconds (the runs made are reported)' })
    .option('shard', { type: 'string', describe: 'swarm shard i of n (i/n, 1-based): a seed derived from --seed and i, strategies and depths varied across shards; join the --json reports with ddicheck merge' })
    .option('json', { type: 'boolean', describe: 'print a JSON summary instead of text' })
    .option('backend', { choices: ['fast', 'immer'] as const, default: 'fast' as const, describe: 'state backend (immer: the slow reference interpreter)' })
    .option('typecheck', { type: 'boolean', default: true, describe: 'type-check the model file before loading it (--no-typecheck to skip)' })
    .example('$0 random models/present-queue.ts --runs 20000 --seed 7', '20,000 PCT schedules, reproducible')
    .example('$0 random models/kmdod.ts --strategy random --trace out/trace.json', 'random walks; write a counterexample as a trace')
    .epilogue('Exit codes: 0 no violation in the runs made (random testing proves nothing beyond them; ddicheck check gives a verdict), 1 a violation, 2 bad input or usage.'),
};

function count(v: number | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) throw new InputError(flag, `must be a positive integer, got ${v}`);
  return v;
}

/** Runs the random command; returns the exit code. */
export async function runRandom(args: RandomArgs, io: IO): Promise<ExitCode> {
  checkOutput('--trace', args.trace);
  const runs = count(args.runs, '--runs');
  const depth = count(args.depth, '--depth');
  const maxSteps = count(args.steps, '--steps');
  if (args.time !== undefined && !(args.time > 0)) throw new InputError('--time', `must be a positive number of seconds, got ${args.time}`);
  if (args.seed !== undefined && !Number.isInteger(args.seed)) throw new InputError('--seed', `must be an integer, got ${args.seed}`);
  const shard = args.shard !== undefined ? parseShard(args.shard, '--shard') : null;
  // Shards of one swarm share a base seed (give the same --seed to all: the CI run number, say).
  const swarm = shard ? swarmShard(shard.index, shard.count, args.seed ?? ((Date.now() ^ (Math.random() * 0x100000000)) | 0), { strategy: args.strategy, depth }) : null;
  if (args.typecheck !== false) typecheck([args.model]);
  const { file, model } = await loadModel(args.model);
  const shown = displayPath(file);
  let r;
  try {
    r = randomCheck(model, {
      scenario: args.scenario, runs, seed: swarm?.seed ?? args.seed, strategy: swarm?.strategy ?? args.strategy, depth: swarm?.depth ?? depth, maxSteps, backend: args.backend,
      shrink: args.shrink, trace: args.trace, modelFile: file, seconds: args.time,
    });
  } catch (e) {
    if (e instanceof InputError) throw e.inFile(shown);
    throw e;
  }
  const record = swarm ? randomShardRecord(swarm, file, { runs, maxSteps, backend: args.backend, shrink: args.shrink, time: args.time }) : null;
  const swarmLine = swarm ? `  swarm shard ${swarm.index}/${swarm.count}: seed ${swarm.seed} from base seed ${swarm.baseSeed}, ${swarm.strategy}${swarm.strategy === 'pct' ? ` depth ${swarm.depth}` : ''}; join every shard's --json report with ddicheck merge\n` : '';
  io.out(args.json ? JSON.stringify({ ...jsonRandomResult(r, shown), ...(record ? { shard: record } : {}) }, null, 2) : `${randomTextReport(r, { file: shown, width: io.columns })}\n${swarmLine}`);
  return r.verdict === 'violated' ? Exit.violated : Exit.holds;
}
