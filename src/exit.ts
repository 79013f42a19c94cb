/** Exit codes, one per verdict kind; documented in `ddicheck --help`. */
export const Exit = {
  /** Every property holds within the stated bounds. */
  holds: 0,
  /** A property is violated (a counterexample was found). */
  violated: 1,
  /** Bad input or usage: a model that does not load, an unknown scenario, a bad flag. */
  badInput: 2,
  /** Inconclusive: a budget ran out before the search finished. */
  inconclusive: 3,
} as const;
export type ExitCode = (typeof Exit)[keyof typeof Exit];

export const exitHelp = 'Exit codes: 0 all properties hold within the bounds, 1 a violation, 2 bad input or usage, 3 inconclusive (a budget ran out).';
