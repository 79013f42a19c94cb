/**
 * The reference OS-side dispatcher (conformance mode): a per-process gate, a
 * shared/exclusive level lock (level 2/3 and the reset exclusive), a lock per
 * level-1 class (child I/O per child) and a PDEV lock for display-driver calls.
 * See _dispatcher.ts for the procedure.
 *
 * Expected: HOLDS. Every contract monitor is satisfied in every schedule of two
 * processes x two threads, one call each, any of the scenario's calls.
 */
import { makeDispatcher } from './_dispatcher.js';

export default makeDispatcher('none');
