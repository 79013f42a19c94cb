/**
 * Mutant of the reference dispatcher: it takes no level-1 class lock, so two
 * pointer-class (or display-class, or same-child I/O) calls of different
 * processes overlap.
 *
 * Expected: VIOLATED class-exclusion, and nothing else: with that rule turned
 * off the model holds (test/contract/dispatchers.test.ts).
 */
import { makeDispatcher } from './_dispatcher.js';

export default makeDispatcher('no-class-lock');
