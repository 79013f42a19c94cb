/**
 * The contract layer: the WDDM synchronization catalog as data, and pure
 * functions to read, extend, lint and format it.
 */
export type * from './types.js';
export { FAMILIES, LEVELS } from './types.js';
export { CONTRACT_VERSION } from './catalog.js';
export {
  ContractError,
  defaultCatalog,
  derivedKind,
  extendCatalog,
  filterCatalog,
  findDdi,
  lintCatalog,
  matchesFilter,
  requireDdi,
  resolveLevel,
  resolveRule,
  validateCatalog,
} from './query.js';
export type { CallFlags, ContractErrorCode, ResolvedRule } from './query.js';
export { catalogJson, catalogText, entrySources, lintText, TEXT_WIDTH } from './format.js';
export type { CatalogJson, CatalogJsonRow } from './format.js';
