/**
 * Symmetry reduction: the one entry the explorer (and any other search, such as
 * a reduced or parallel one) uses. States are fingerprinted in their canonical
 * form, so the store keeps one representative per orbit; the frontier keeps the
 * concrete states, so traces replay as real schedules with real context names.
 * See docs/symmetry.md.
 */
import type { System } from '../../engine/system.js';
import { fingerprint as hash } from '../hash.js';
import { Canonical } from './canon.js';
import { symmetryGroup } from './group.js';

export type { SymmetryGroup } from './group.js';
export type { GroupElement } from './elements.js';
export { generators, groupElements } from './elements.js';
export { Canonical } from './canon.js';
export { checkSymmetric, type SymmetryRefusal } from './sample.js';
export type { Canonicalizer } from './canonicalizer.js';
import type { Canonicalizer } from './canonicalizer.js';

/**
 * The canonicalizer of `sys`'s symmetry group, or null when the group is
 * trivial. It does not check that the model's steps are symmetric: the
 * explorer runs `checkSymmetric` first and refuses the reduction when not.
 */
export function makeCanonicalizer(sys: System): Canonicalizer | null {
  const group = symmetryGroup(sys);
  if (!group) return null;
  const canon = new Canonical(group, sys.layout.width);
  return {
    group, canon,
    canonical: (vec) => canon.canonical(vec),
    fingerprint: (vec, out) => hash(canon.canonical(vec), out),
    orbitSize: (vec) => canon.orbitSize(vec),
  };
}
