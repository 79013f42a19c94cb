/**
 * `ddicheck show FILE`: a trace file as swim lanes in the terminal (fitted to
 * its width, or --width), as a Mermaid sequence diagram (--mermaid), or as one
 * self-contained HTML page (--html OUT). Needs only the trace, not the model.
 * Exit code 0 once shown; 2 for a file that is not a valid trace.
 */
import type { Argv } from 'yargs';
import { checkOutput, writeOutput } from '../output.js';
import { InputError } from '../../errors.js';
import { readTrace } from '../../trace/parse.js';
import { lanesText } from '../../trace/lanes.js';
import { mermaid } from '../../trace/mermaid.js';
import { htmlPage } from '../../trace/html.js';
import { terminalSafe } from '../../report/terminal.js';
import { Exit, type ExitCode } from '../../exit.js';
import type { IO } from '../io.js';

export interface ShowArgs { file: string; width?: number; mermaid?: boolean; html?: string }

export const showCommand = {
  command: 'show <file>',
  describe: 'show a trace file: swim lanes in the terminal, --mermaid, or --html OUT',
  builder: (y: Argv) => y
    .positional('file', { type: 'string', describe: 'trace file written by check --trace' })
    .option('width', { type: 'number', describe: 'columns to fit the lanes in (default: the terminal width)' })
    .option('mermaid', { type: 'boolean', describe: 'print a Mermaid sequence diagram instead' })
    .option('html', { type: 'string', describe: 'write a self-contained HTML page to this file' })
    .example('$0 show out/trace.json', 'swim lanes in the terminal')
    .example('$0 show out/trace.json --html out/trace.html', 'a page to open in a browser')
    .epilogue('Exit codes: 0 shown, 2 a bad trace file or option.'),
};

/** Runs the show command; returns the exit code. */
export function runShow(args: ShowArgs, io: IO): ExitCode {
  if (args.width !== undefined && (!Number.isInteger(args.width) || args.width < 40)) throw new InputError('--width', `must be an integer of at least 40, got ${args.width}`);
  checkOutput('--html', args.html);
  const trace = readTrace(args.file);
  if (args.html !== undefined) {
    writeOutput('--html', args.html, htmlPage(trace));
    io.out(`wrote ${args.html}: open it in a browser (one file, no network access)`);
  }
  // The trace's strings reach the terminal: never its escape sequences.
  if (args.mermaid) io.out(terminalSafe(mermaid(trace)));
  else if (args.html === undefined) io.out(terminalSafe(lanesText(trace, { width: args.width ?? io.columns })));
  return Exit.holds;
}
