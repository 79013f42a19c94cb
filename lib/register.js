/**
 * Makes ddicheck's TypeScript sources and a user's model files loadable from
 * plain Node: registers tsx (which compiles TypeScript as it is imported) and
 * ddicheck's own hooks (which load model files as ES modules in any project).
 * Idempotent: the command line and the package entry both call it.
 */
import { register as registerHooks } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

const DONE = Symbol.for('ddicheck.loaders');

/** Registers the loaders once per process (and once per worker thread). */
export function registerLoaders() {
  if (globalThis[DONE]) return;
  globalThis[DONE] = true;
  registerTsx();
  // Registered last, so it runs first: it sees what tsx resolved and fixes the format.
  registerHooks('./hooks.mjs', import.meta.url);
}
