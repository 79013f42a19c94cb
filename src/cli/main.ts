/**
 * The command line. `run(argv)` parses, dispatches to one command module and
 * returns the exit code; only bin/ddicheck.js touches the process. Bad input
 * anywhere below becomes one message and exit code 2.
 */
import yargs from 'yargs';
import { InputError } from '../errors.js';
import { ContractError } from '../contract/index.js';
import { Exit, exitHelp, type ExitCode } from './exit.js';
import { processIO, type IO } from './io.js';
import { checkCommand, runCheck, type CheckArgs } from './commands/check.js';
import { catalogCommand, runCatalog, type CatalogArgs } from './commands/catalog.js';

export async function run(argv: readonly string[], io: IO = processIO): Promise<ExitCode> {
  let code: ExitCode = Exit.holds;
  let failure: string | null = null;
  const guard = async (f: () => ExitCode | Promise<ExitCode>): Promise<void> => {
    try { code = await f(); } catch (e) {
      if (e instanceof InputError || e instanceof ContractError) { failure = `ddicheck: ${e.message}`; code = Exit.badInput; return; }
      throw e;
    }
  };
  const parser = yargs([...argv])
    .scriptName('ddicheck')
    .usage('$0 <command> [options]\n\nExhaustive concurrency model checker for WDDM driver synchronization contracts.')
    .command({ ...checkCommand, handler: (a) => guard(() => runCheck(a as unknown as CheckArgs, io)) })
    .command({ ...catalogCommand, handler: (a) => guard(() => runCatalog(a as unknown as CatalogArgs, io)) })
    .demandCommand(1, 'name a command: check, catalog')
    .strict()
    .epilogue(exitHelp)
    .wrap(Math.min(110, io.columns))
    .exitProcess(false)
    .fail((msg, err) => { if (err) throw err; failure = `ddicheck: ${msg}\nRun ddicheck --help for usage.`; code = Exit.badInput; });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (failure === null) {
      io.err(`ddicheck: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\nThis is a bug in ddicheck; please report it with the model that triggered it.`);
      return Exit.badInput;
    }
  }
  if (failure !== null) io.err(failure);
  return code;
}
