/**
 * IRQL and lock discipline: the kernel's calling rules. Detected inline, as a
 * step runs, by the kernel primitives (src/model/kernel) and by the engine when
 * a procedure returns; this family names the properties, says where the rules
 * come from, and words the messages.
 */
import type { Family } from './monitor.js';
import { Property } from '../src/property-ids.js';

export const irql: Family = {
  name: 'IRQL and lock discipline',
  properties: [
    { id: Property.irql, summary: 'An IRQL rule is broken (a wait at DISPATCH_LEVEL or above, a mutex in the ISR, ...).' },
    { id: Property.lockDiscipline, summary: 'A lock is released by a context that does not hold it, or held when a procedure returns.' },
  ],
  help: 'Each context runs at an IRQL, and the kernel routines have IRQL requirements: a wait requires IRQL < DISPATCH_LEVEL, KeAcquireSpinLock IRQL <= DISPATCH_LEVEL, KeFlushQueuedDpcs PASSIVE_LEVEL; '
    + 'the ISR "may call only DxgkCbQueueDpc and DxgkCbNotifyInterrupt" (the contract spec, entry IRQL). '
    + 'DESIGN.md: "IRQL and lock discipline (waiting at DISPATCH_LEVEL or above, acquiring a mutex in the ISR)"; docs/models.md: "releasing a lock one does not hold, returning with a lock held or at a raised IRQL".',
};

/** A context waits where waiting is not allowed. */
export const waitAtRaisedIrql = (ctx: string, what: string, irqlName: string): string => `${ctx} waits on ${what} at ${irqlName}; a wait requires IRQL < DISPATCH_LEVEL`;
/** A routine called above the IRQL it requires. */
export const routineAboveIrql = (ctx: string, routine: string, irqlName: string, maxName: string): string => `${ctx} calls ${routine} at ${irqlName}; it requires IRQL <= ${maxName}`;
/** A lock released by a context that does not hold it. */
export const releaseNotHeld = (ctx: string, lock: 'spin lock' | 'mutex', holder: string): string => `${ctx} releases a ${lock} held by ${holder}`;
/** A procedure returns with a lock still held. */
export const returnsHolding = (ctx: string, proc: string, object: string, path: string): string => `${ctx} returns from ${proc} still holding the ${object} ${path}`;
