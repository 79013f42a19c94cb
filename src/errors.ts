/**
 * Bad input: a model that does not load, a scenario naming something undeclared,
 * a step that throws or is not deterministic, a malformed trace. Deep code throws
 * an `InputError`; only the command line turns it into a message and exit code 2.
 */
export class InputError extends Error {
  override name = 'InputError';
  /**
   * @param where - the file, model or model element at fault ("models/kmdod.ts", "scenario tdr")
   * @param problem - what is wrong
   * @param hint - what to do about it
   */
  constructor(readonly where: string, readonly problem: string, readonly hint?: string) {
    super(`${where}: ${problem}${hint ? `\n  ${hint}` : ''}`);
  }
  /** The same error, located in a file. */
  inFile(file: string): InputError {
    return this.where.startsWith(file) ? this : new InputError(`${file}: ${this.where}`, this.problem, this.hint);
  }
}
