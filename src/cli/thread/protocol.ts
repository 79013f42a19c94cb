/**
 * The messages between the command line and the thread a check runs on, and the
 * shared control block both see. The block is what makes the check stoppable
 * when the thread is stuck: the main thread reads which step is running without
 * the worker's help, and sets the stop flag without waiting for a message.
 */
import type { CheckResult, CheckOptions } from '../../check.js';
import type { Progress } from '../../explore/explorer.js';

/** Int32 slots of the control block. */
export const Slot = {
  /** 1 once the main thread asks the check to stop (Ctrl-C, SIGTERM, a run's deadline). */
  stop: 0,
  /** The step action running now, or -1 (Engine.running[0]). */
  action: 1,
  /** Steps started so far (Engine.running[1]): the same action running twice is two steps. */
  started: 2,
} as const;
export const SLOTS = 3;

/** The options a check takes that can cross a thread (no callbacks). */
export type PlainOptions = Pick<CheckOptions, 'maxStates' | 'maxDepth' | 'seconds' | 'memoryMB' | 'order' | 'exact' | 'backend' | 'stuckCheck' | 'stuckCheckMaxTransitions' | 'por' | 'lipton' | 'split' | 'symmetry' | 'workers'>;

export interface CheckRequest { readonly kind: 'check'; readonly file: string; readonly scenario?: string; readonly options: PlainOptions }

/** Worker to main. */
export type WorkerMessage =
  | { readonly kind: 'started'; readonly model: string; readonly scenario: string; readonly bounds: string; readonly order: string; readonly backend: string; readonly exact: boolean; readonly steps: readonly string[] }
  | { readonly kind: 'progress'; readonly progress: Progress }
  | { readonly kind: 'result'; readonly result: CheckResult }
  | { readonly kind: 'input-error'; readonly where: string; readonly problem: string; readonly hint?: string }
  | { readonly kind: 'crash'; readonly message: string };
