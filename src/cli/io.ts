/** Where a command writes: injected so tests can capture it. */
export interface IO {
  /** Writes lines to stdout (a newline is added when missing). */
  out(text: string): void;
  /** Writes lines to stderr (a newline is added when missing). */
  err(text: string): void;
  /** True when stderr is a terminal (progress lines go there). */
  readonly errIsTTY: boolean;
  readonly columns: number;
  /**
   * Rewrites the one status line at the bottom of stderr (progress); '' clears it.
   * No newline: the next status overwrites it. Absent where there is no terminal.
   */
  status?(line: string): void;
}

export const processIO: IO = {
  out: (s) => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); },
  err: (s) => { process.stderr.write(s.endsWith('\n') ? s : `${s}\n`); },
  errIsTTY: !!process.stderr.isTTY,
  columns: process.stdout.columns ?? 100,
  status: (s) => { process.stderr.write(`\r${s}\x1b[K`); },
};
