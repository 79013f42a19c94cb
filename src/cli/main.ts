/**
 * The command line. `run(argv)` parses, dispatches to one command module and
 * returns the exit code; only bin/ddicheck.js touches the process. Bad input
 * anywhere below becomes one message on stderr and exit code 2.
 */
import yargs from 'yargs';
import { InputError } from '../errors.js';
import { ContractError } from '../contract/index.js';
import { Exit, exitHelp, type ExitCode } from '../exit.js';
import { processIO, type IO } from './io.js';
import { checkCommand, runCheck, type CheckArgs } from './commands/check.js';
import { catalogCommand, runCatalog, type CatalogArgs } from './commands/catalog.js';
import { ciCommand, runCi, type CiArgs } from './commands/ci.js';
import { replayCommand, runReplay, type ReplayArgs } from './commands/replay.js';
import { showCommand, runShow, type ShowArgs } from './commands/show.js';
import { randomCommand, runRandom, type RandomArgs } from './commands/random.js';
import { mergeCommand, runMerge, type MergeArgs } from './commands/merge.js';

/** A usage mistake yargs found (unknown flag, bad choice, missing command). */
class UsageError extends Error {}

export async function run(argv: readonly string[], io: IO = processIO): Promise<ExitCode> {
  let code: ExitCode = Exit.holds;
  const usage = (msg: string): ExitCode => { io.err(`ddicheck: ${msg}\nRun ddicheck --help for usage.`); return Exit.badInput; };
  const parser = yargs([...argv])
    .scriptName('ddicheck')
    .usage('$0 <command> [options]\n\nExhaustive concurrency model checker for WDDM driver synchronization contracts.')
    .command({ ...checkCommand, handler: async (a) => { code = await runCheck(a as unknown as CheckArgs, io); } })
    .command({ ...catalogCommand, handler: (a) => { code = runCatalog(a as unknown as CatalogArgs, io); } })
    .command({ ...ciCommand, handler: async (a) => { code = await runCi(a as unknown as CiArgs, io); } })
    .command({ ...replayCommand, handler: async (a) => { code = await runReplay(a as unknown as ReplayArgs, io); } })
    .command({ ...showCommand, handler: (a) => { code = runShow(a as unknown as ShowArgs, io); } })
    .command({ ...randomCommand, handler: async (a) => { code = await runRandom(a as unknown as RandomArgs, io); } })
    .command({ ...mergeCommand, handler: (a) => { code = runMerge(a as unknown as MergeArgs, io); } })
    .demandCommand(1, 'no command given')
    .strict()
    .epilogue(exitHelp)
    .wrap(Math.min(110, io.columns))
    .exitProcess(false)
    // A fail handler that returns lets yargs go on and run the command anyway
    // (with an unknown flag or a bad --backend): throw, so nothing runs.
    .fail((msg, err) => { throw err ?? new UsageError(msg); });
  try {
    // With a callback, yargs hands --help and --version text to us instead of the console.
    await parser.parseAsync([...argv], {}, (_err, _args, output) => { if (output) io.out(output); });
  } catch (e) {
    if (e instanceof UsageError) return usage(unknownCommand(argv, e.message) ?? e.message);
    if (e instanceof InputError || e instanceof ContractError) { io.err(`ddicheck: ${e.message}`); return Exit.badInput; }
    io.err(`ddicheck: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\nThis is a bug in ddicheck; please report it with the model that triggered it.`);
    return Exit.badInput;
  }
  return code;
}

/** yargs calls a mistyped command an "unknown argument"; say what it is. */
function unknownCommand(argv: readonly string[], msg: string): string | null {
  const first = argv[0];
  if (first === undefined || first.startsWith('-')) return null;
  const m = /^Unknown arguments?: (.*)$/.exec(msg);
  return m && m[1].split(', ').includes(first) ? `unknown command "${first}"` : null;
}
