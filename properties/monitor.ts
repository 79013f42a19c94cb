/**
 * How a property plugs into the successor function (src/explore/expand.ts). A
 * monitor sees a search from the side: every state reached (the initial one and
 * each new successor), every transition as it is taken, and the end of a
 * state's expansion. It answers with a finding or null and never drives the
 * search, so one monitor serves the explorer, random walks and trace runs alike.
 */
import type { Tracker } from '../src/engine/tracker.js';

/** A data race: two steps enabled in one state with conflicting accesses. */
export interface Race {
  readonly message: string;
  readonly location: string;
  /** The two racing actions (ids), both enabled in the reported state. */
  readonly actions: readonly [number, number];
}

/**
 * What a monitor found. `state`: the state just reached violates the property;
 * `race` and `deadlock`: the state whose expansion just ended does.
 */
export interface Finding {
  readonly property: string;
  readonly message: string;
  readonly kind: 'state' | 'race' | 'deadlock';
  readonly race?: Race;
}

/** A property's hooks into the successor function; each is optional. */
export interface Monitor<S = unknown> {
  /** The family's name, for messages about the monitor itself. */
  readonly name: string;
  /**
   * True when its verdict on a state needs every enabled step of that state
   * expanded (races compare the enabled steps pairwise): a reduction that
   * expands fewer steps must then not be used, or must make up for it.
   */
  readonly needsAllEnabled: boolean;
  /** A state was reached (the initial state, or a successor seen for the first time). */
  onState?(state: S, vec: Int32Array): Finding | null;
  /** The expansion of state `vec` begins. */
  beginExpansion?(vec: Int32Array): void;
  /** Action `action` was enabled and ran without failing; `tracker` holds its reads and writes. */
  onSuccessor?(action: number, tracker: Tracker): void;
  /** Every candidate of state `vec` was tried; `enabled` of them could run. */
  afterExpansion?(vec: Int32Array, enabled: number): Finding | null;
}

/** One property of a family: its id, a one-line summary and where the rule comes from. */
export interface PropertyInfo {
  readonly id: string;
  /** One line: what a violation means (the SARIF rule's short description). */
  readonly summary: string;
}

/** A family of properties: what `properties/index.ts` lists. */
export interface Family {
  /** Short name: "data races". */
  readonly name: string;
  readonly properties: readonly PropertyInfo[];
  /** One paragraph: what is checked and the documented sentence the check stands on. */
  readonly help: string;
}
