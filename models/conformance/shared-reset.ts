/**
 * Mutant of the reference dispatcher: DxgkDdiResetFromTimeout takes the shared
 * side of the level lock instead of the exclusive one, so level-0 and level-1
 * calls run beside the reset.
 *
 * Expected: VIOLATED exclusive-reset, and nothing else: with that rule turned
 * off the model holds (test/contract/dispatchers.test.ts).
 */
import { makeDispatcher } from './_dispatcher.js';

export default makeDispatcher('shared-reset');
