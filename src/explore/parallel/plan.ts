/**
 * How many worker threads a check can run on, and why fewer than asked: a
 * worker imports the model from its file, so a model defined inline runs on
 * one; depth-first order has no levels to meet at, so it runs on one too.
 * Partial-order and transaction reduction need the one-thread search's
 * numbering for their cycle proviso, and a split search is one shard's part of
 * a breadth-first search: those run on one worker as well, and say so.
 */
import { InputError } from '../../errors.js';

export interface WorkerPlan {
  readonly workers: number;
  /** Why the search runs on fewer workers than asked, for the verdict's notes. */
  readonly notes: string[];
}

export function planWorkers(opts: { readonly workers?: number; readonly file?: string; readonly order?: string; readonly por?: boolean; readonly lipton?: boolean; readonly split?: unknown }): WorkerPlan {
  const asked = opts.workers ?? 1;
  if (!Number.isInteger(asked) || asked < 1 || asked > 64) throw new InputError('workers', `must be a whole number from 1 to 64, got ${asked}`, 'give the number of worker threads, e.g. --workers 2');
  if (asked === 1) return { workers: 1, notes: [] };
  if (opts.order === 'dfs') return { workers: 1, notes: [`ran on one worker, not ${asked}: a depth-first search runs on one thread (the parallel search is breadth-first)`] };
  if (opts.por || opts.lipton) return { workers: 1, notes: [`ran on one worker, not ${asked}: partial-order reduction's cycle proviso needs the one-thread search's order of states`] };
  if (opts.split) return { workers: 1, notes: [`ran on one worker, not ${asked}: a split search (--split) runs on one thread`] };
  if (opts.file === undefined) return { workers: 1, notes: [`ran on one worker, not ${asked}: the model is not in a file a worker thread can import (defined inline)`] };
  return { workers: asked, notes: [] };
}
