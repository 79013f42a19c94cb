/**
 * The package entry for plain Node (`import('ddicheck')` with no loader of the
 * user's own): registers the TypeScript loader, then re-exports the public API
 * of src/index.ts. Type-checkers read src/index.ts directly (the "types"
 * condition). Keep the names below in step with src/index.ts's value exports:
 * test/cli/package.test.ts compares them.
 */
import { registerLoaders } from './register.js';

registerLoaders();
const api = await import('../src/index.ts');

export const {
  t, defineModel, RETURN, spinLock, mutex, event, pool, handle, stackEvent, stackRecord, stackRef, Kernel,
  PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL, HIGH_LEVEL, Violation, Property,
  check, checkAsync, InputError, Rule, property, ScheduleViolation, randomCheck,
} = api;
