/**
 * Control-flow signals a step can raise. A `Violation` is a property failing on
 * this transition (the explorer records it and builds a counterexample); `BLOCKED`
 * says the step cannot run in this state (a lock is held, an event is clear), so
 * the transition is simply not enabled. Neither is a bug in the checker.
 */

/** A property failed while a step ran. */
export class Violation extends Error {
  override name = 'Violation';
  constructor(readonly property: string, message: string) { super(message); }
}

/** Thrown (never allocated per use) when a step would wait. */
export const BLOCKED: { readonly blocked: true } = Object.freeze({ blocked: true });

/** Names of the built-in driver properties: defined in properties/ids.ts, re-exported here for the model layer. */
export { Property } from '../property-ids.js';
