/**
 * Mutant of the reference dispatcher: display-driver calls take no PDEV lock,
 * so two threads are in the display driver with enabled PDEVs at once.
 *
 * Expected: VIOLATED pdev-single-enabled-thread, and nothing else: with that
 * rule turned off the model holds (test/contract/dispatchers.test.ts).
 */
import { makeDispatcher } from './_dispatcher.js';

export default makeDispatcher('no-pdev-lock');
