/**
 * The note a verdict that holds gives about scenario calls no schedule ever
 * started (their contract preconditions never held, or the model never lets
 * them in): the verdict says nothing about states with them in the driver.
 * The OS's own TDR calls are left out.
 */
import type { System } from '../../engine/system.js';

/** The note, or null when every scenario call started somewhere; `started[k]` is 1 when call kind k started. */
export function neverStarted(sys: System, started: Uint8Array): string | null {
  const kinds = new Set<number>();
  for (const c of sys.contexts) if (c.info.id !== sys.tdrContext) for (const k of c.procOfCall.keys()) kinds.add(k);
  const never = [...kinds].filter((k) => started[k] === 0).map((k) => sys.calls[k].key);
  return never.length === 0 ? null
    : `never started in any schedule: ${never.join(', ')} (the contract never let ${never.length === 1 ? 'it' : 'them'} in within these bounds, so the verdict covers no state with ${never.length === 1 ? 'it' : 'them'} in the driver)`;
}
