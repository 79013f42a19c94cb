/**
 * `ddicheck replay FILE`: loads the model the trace names (or --model), runs the
 * recorded choices again and says whether the recorded violation comes back at
 * the recorded step. A trace is data: the file it names is imported only when
 * its bytes have the sha256 the trace records (so a trace cannot make ddicheck
 * run some other file); a model that changed since is replayed only when the
 * user names it with --model. With --minimize it then shrinks the trace and
 * writes the smaller one.
 *
 * Exit codes: 1 the trace replays to a violation ("reproduced", or a different
 * one, said so); 0 every step replays and nothing is violated along them; 2 the
 * file is not a valid trace, the model does not load, or a step no longer
 * replays (the message names it).
 */
import type { Argv } from 'yargs';
import { existsSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { displayPath, loadModel, typecheck } from '../../load/model-files.js';
import { readTrace } from '../../trace/parse.js';
import { replayTrace, outcomeText } from '../../trace/confirm.js';
import { buildTrace, engineFor, sha256File } from '../../trace/build.js';
import { checkOutput, writeOutput } from '../output.js';
import { minimize } from '../../trace/minimize.js';
import type { Trace } from '../../trace/format.js';
import { Exit, type ExitCode } from '../../exit.js';
import type { IO } from '../io.js';

export interface ReplayArgs {
  file: string;
  model?: string;
  backend?: 'fast' | 'immer';
  minimize?: boolean;
  out?: string;
  typecheck?: boolean;
}

export const replayCommand = {
  command: 'replay <file>',
  describe: 'replay a trace file on its model and confirm the violation (exit 1 "reproduced")',
  builder: (y: Argv) => y
    .positional('file', { type: 'string', describe: 'trace file written by check --trace' })
    .option('model', { type: 'string', describe: 'model file to replay on (default: the file the trace names)' })
    .option('backend', { choices: ['fast', 'immer'] as const, describe: 'state backend (default: the one the trace was made with)' })
    .option('minimize', { type: 'boolean', describe: 'shrink the trace (fewer steps, contexts, context switches) and write it' })
    .option('out', { type: 'string', describe: 'where --minimize writes the smaller trace (default: FILE with .min before .json)' })
    .option('typecheck', { type: 'boolean', default: true, describe: 'type-check the model file before loading it (--no-typecheck to skip)' })
    .example('$0 replay out/trace.json', 'confirm the recorded violation')
    .example('$0 replay out/trace.json --minimize --out out/small.json', 'shrink a depth-first trace')
    .epilogue('Exit codes: 1 the trace replays to a violation (the recorded one: "reproduced"), 0 every step replays and nothing is violated, 2 a bad trace file, a model that does not load, or a step that no longer replays.'),
};

const MODEL_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs']);

/** The model file to load: --model, else the trace's file relative to the working directory, else to the trace's folder. */
function modelFile(trace: Trace, traceFile: string, override: string | undefined): string {
  if (override !== undefined) return override;
  const named = trace.model.file;
  const where = `${traceFile}: model.file`;
  if (named === '') throw new InputError(where, 'is empty: the trace was made from a model that was not loaded from a file', 'pass the model with --model PATH');
  if (!MODEL_EXTENSIONS.has(extname(named))) throw new InputError(where, `is ${JSON.stringify(named)}, which is not a model file (.ts)`, 'pass the model with --model PATH');
  const tries = isAbsolute(named) ? [named] : [resolve(named), resolve(dirname(traceFile), named)];
  const found = tries.find((f) => existsSync(f));
  if (!found) throw new InputError(where, `names ${named}, which does not exist here`, 'run replay from the folder check ran in, or pass the model with --model PATH');
  // Before anything imports it: the file must be the one the trace was made from.
  const hash = sha256File(found);
  if (trace.model.sha256 === '') throw new InputError(where, `names ${named}, but the trace records no sha256 to confirm it is the file the trace was made from`, 'pass the model with --model PATH to replay on it');
  if (hash !== trace.model.sha256) {
    throw new InputError(where, `names ${named}, whose contents (sha256 ${hash.slice(0, 12)}…) are not those the trace was made from (${trace.model.sha256.slice(0, 12)}…); a file a trace names is not run unless it matches`,
      'if the model changed and you mean to replay on it, pass it with --model PATH');
  }
  return found;
}

function defaultOut(file: string): string {
  return file.endsWith('.json') ? `${file.slice(0, -5)}.min.json` : `${file}.min.json`;
}

/** Runs the replay command; returns the exit code. */
export async function runReplay(args: ReplayArgs, io: IO): Promise<ExitCode> {
  if (args.minimize) checkOutput('--out', args.out ?? defaultOut(args.file));
  const trace = readTrace(args.file);
  const path = modelFile(trace, args.file, args.model);
  if (args.typecheck !== false) typecheck([path]);
  const { file, model } = await loadModel(path);
  const shown = displayPath(file);
  io.out(`${args.file}: ${trace.violation.property} in model ${trace.model.name}, scenario ${trace.scenario.name}, ${trace.steps.length} step${trace.steps.length === 1 ? '' : 's'}`);
  io.out(`  replaying on ${shown}${args.backend && args.backend !== trace.options.backend ? ` (${args.backend} backend)` : ''}`);
  if (model.name !== trace.model.name) io.out(`  note: ${shown} defines model "${model.name}"; the trace was made for "${trace.model.name}"`);
  const hash = sha256File(file);
  const changed = trace.model.sha256 !== '' && hash !== trace.model.sha256;
  if (changed) io.out(`  note: the model source changed since the trace was made (sha256 ${trace.model.sha256.slice(0, 12)}… then, ${hash.slice(0, 12)}… now); replaying the recorded steps anyway`);
  let replayed;
  try { replayed = replayTrace(trace, model, { backend: args.backend }); } catch (e) {
    if (e instanceof InputError) throw e.inFile(shown);
    throw e;
  }
  const { outcome, sys, run } = replayed;
  if (outcome.kind === 'stuck') {
    throw new InputError(args.file, outcomeText(trace, outcome),
      changed ? 'the model changed since the trace was made: check it again for a fresh trace (ddicheck check MODEL --trace FILE)'
        : 'the trace does not fit this model: pass the model it was made for with --model PATH, or check again for a fresh trace');
  }
  io.out(`  ${outcomeText(trace, outcome)}`);
  if (outcome.kind === 'none') return Exit.holds;
  if (args.minimize) {
    const m = minimize(engineFor(sys, args.backend ?? trace.options.backend), run.applied, outcome.violation.property);
    if (!m) throw new Error('internal: a reproduced trace does not replay for the minimizer; this is a bug in ddicheck');
    const small = buildTrace(sys, { file: args.model !== undefined ? shown : trace.model.file, sha256: hash, backend: args.backend ?? trace.options.backend, order: trace.options.order, exact: trace.options.exact, budget: trace.options.budget },
      { ...run, applied: m.choices, violation: m.violation }, trace.minimized ?? m.before);
    const out = args.out ?? defaultOut(args.file);
    writeOutput('--out', out, `${JSON.stringify(small, null, 2)}\n`);
    const b = m.before;
    const a = m.after;
    io.out(`  minimized: ${b.steps} → ${a.steps} steps, ${b.contexts} → ${a.contexts} contexts, ${b.switches} → ${a.switches} context switches (${m.runs} replays)`);
    io.out(`  wrote ${out}: ddicheck show ${out}`);
  }
  return Exit.violated;
}
