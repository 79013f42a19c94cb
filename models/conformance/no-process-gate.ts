/**
 * Mutant of the reference dispatcher: it takes no per-process gate, so two
 * threads of one process can be in the miniport driver at once.
 *
 * Expected: VIOLATED same-process-reentrancy, and nothing else: with that rule
 * turned off the model holds (test/contract/dispatchers.test.ts).
 */
import { makeDispatcher } from './_dispatcher.js';

export default makeDispatcher('no-process-gate');
