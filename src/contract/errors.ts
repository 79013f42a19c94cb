/** The one error type of the contract layer, and its helpers. */

/** What went wrong, for callers that branch on it (the CLI maps every code to exit status 2). */
export type ContractErrorCode =
  | 'bad-input'
  | 'bad-name'
  | 'bad-family'
  | 'bad-level'
  | 'unknown-class'
  | 'unknown-ddi'
  | 'duplicate-ddi'
  | 'class-mismatch'
  | 'inconsistent-catalog';

/**
 * Bad contract input: an extension or a lookup that names something the
 * catalog cannot accept. The message names the element and says what to do;
 * `element` repeats the element for machines (`ddi DxgkDdiFoo`, `class vidmm`).
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly element: string;

  constructor(code: ContractErrorCode, element: string, message: string) {
    super(message);
    this.code = code;
    this.element = element;
  }
}

/** Edit distance, for "did you mean" hints; small inputs only. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** A " Did you mean 'x'?" suffix naming the closest candidate, or '' when none is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 4));
  return best !== undefined && bestScore <= limit ? ` Did you mean '${best}'?` : '';
}
