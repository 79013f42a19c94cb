/** What every search keys states by under symmetry (made by `makeCanonicalizer` in index.ts). */
import type { SymmetryGroup } from './group.js';
import type { Canonical } from './canon.js';

/** The canonical form of states under a system's symmetry group. */
export interface Canonicalizer {
  readonly group: SymmetryGroup;
  /** The canonical vector of `vec` (a buffer reused by the next call, or `vec` itself when it is canonical: copy to keep, never write). */
  canonical(vec: Int32Array): Int32Array;
  /** Writes the fingerprint of `vec`'s canonical form into out[0], out[1] (what the store keys states by). */
  fingerprint(vec: Int32Array, out: Uint32Array): void;
  /** The size of `vec`'s orbit (|G| / |stabilizer|): applies all |G| elements, so for small checks only. */
  orbitSize(vec: Int32Array): number;
  /** The machinery: group elements, applying them. */
  readonly canon: Canonical;
}
