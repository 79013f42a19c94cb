/**
 * Every property ddicheck checks, by id: the bottom of the layering (properties/
 * holds their monitors and help). It imports
 * nothing, so kernel primitives, the OS environment and the adapter can name a
 * property without an arrow pointing up. The families (contract.ts, races.ts,
 * ...) add the monitors, messages and help texts; index.ts lists them.
 */

/** The driver properties: raised by kernel primitives, the engine and the explorer. */
export const Property = {
  assertion: 'assertion',
  invariant: 'invariant',
  deadlock: 'deadlock',
  race: 'data-race',
  irql: 'irql',
  lockDiscipline: 'lock-discipline',
  useAfterFree: 'use-after-free',
  range: 'range',
} as const;

/** The contract rules (monitors of what is in the driver at once) and the adapter's hardware rules. */
export const Rule = {
  sameProcess: 'same-process-reentrancy',
  classExclusion: 'class-exclusion',
  instanceExclusion: 'instance-exclusion',
  levelExclusive: 'level-exclusive',
  levelPrecondition: 'level-precondition',
  exclusiveReset: 'exclusive-reset',
  tdrOrder: 'tdr-order',
  deviceLifecycle: 'device-lifecycle',
  pdevSingleThread: 'pdev-single-enabled-thread',
  pdevPerOutput: 'pdev-one-enabled-per-output',
  pdevDisabledCall: 'pdev-disabled-call',
  pdevLifecycle: 'pdev-lifecycle',
  frameBufferDuringReset: 'frame-buffer-during-reset',
  gpuPoweredDown: 'gpu-access-powered-down',
  gpuInCleanup: 'gpu-access-in-tdr-cleanup',
  gpuAfterRemoval: 'gpu-access-after-removal',
  fenceOrder: 'fence-order',
} as const;

/** A built-in property id (a model's own invariants are named by the model and are not in this list). */
export type PropertyId = (typeof Property)[keyof typeof Property] | (typeof Rule)[keyof typeof Rule];
