/** Where a command writes: injected so tests can capture it. */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress lines go there). */
  readonly errIsTTY: boolean;
  readonly columns: number;
}

export const processIO: IO = {
  out: (s) => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); },
  err: (s) => { process.stderr.write(s.endsWith('\n') ? s : `${s}\n`); },
  errIsTTY: !!process.stderr.isTTY,
  columns: process.stdout.columns ?? 100,
};
