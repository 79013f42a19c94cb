/**
 * `import 'ddicheck/vitest'` (in a test file, or in vitest's `setupFiles`):
 * registers ddicheck's matchers with vitest's `expect` and adds their types.
 *
 *     import 'ddicheck/vitest';
 *     import model from '../models/present-queue.js';
 *     it('holds', () => expect(model).toHold('small'));
 */
import { expect } from 'vitest';
import { matchers, type DdicheckMatchers } from './matchers.js';

expect.extend(matchers);

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends DdicheckMatchers<void> {}
}

export { matchers, type DdicheckMatchers, type CheckBudget, type RandomScheduleOptions, DEFAULT_MAX_STATES } from './matchers.js';
