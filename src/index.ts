/**
 * ddicheck's public API: the model language (schema, kernel primitives,
 * defineModel) and `check`. Everything else is internal.
 */
export { t, type Fields, type Type, type Value, type ValueArray, type Access } from './model/schema.js';
export { defineModel, RETURN, type ModelDef, type AnyModel, type Expectation, type Scenario, type Scope, type SystemView, type ContextView, type Procedure, type StepDef, type StepSpec, type IrqlCondition } from './model/define.js';
export { spinLock } from './model/kernel/spinlock.js';
export { mutex } from './model/kernel/mutex.js';
export { event, type EventKind } from './model/kernel/event.js';
export { pool, handle } from './model/kernel/object.js';
export { stackEvent, stackRecord, stackRef } from './model/kernel/stack.js';
export type { WaitResult, MutexWaitResult, WaitOptions } from './model/kernel/timeout.js';
export { Kernel } from './model/kernel/kernel.js';
export { PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL, HIGH_LEVEL, type IrqlName } from './model/kernel/irql.js';
export { Violation, Property } from './model/violation.js';
export { check, checkAsync, type CheckOptions, type CheckResult, type Counterexample, type Verdict, type BackendName } from './check.js';
export { InputError } from './errors.js';
export type { AdapterConfig, QueueConfig } from './adapter/adapter.js';
export type { CallSpec } from './os/calls.js';
export type { CallInfo } from './os/port.js';
export { Rule } from './os/rules.js';
export { property, ScheduleViolation, type PropertyOptions } from './fastcheck/property.js';
export { randomCheck, type RandomCheckOptions, type RandomResult } from './fastcheck/random-check.js';
export type { ScheduleOptions, Plan } from './fastcheck/runner.js';
export type { StrategyName } from './fastcheck/strategy.js';
export type { RandomPlan } from './fastcheck/random-walk.js';
export type { PctPlan } from './fastcheck/pct.js';
