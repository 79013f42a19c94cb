/**
 * How a search takes partial-order and transaction reduction on: the chooser
 * it hands its successor function, the notes every verdict carries, and what
 * a transaction search hands the next round when the lock discipline it relied
 * on broke. Kept here so the explorer needs only a few lines for it.
 */
import type { Engine } from '../../engine/semantics.js';
import type { ExploreOptions, Relearn } from '../search-types.js';
import { AmpleChooser } from './ample.js';
import { Locksets } from './locksets.js';

/**
 * The ample chooser for a search with `opts`, or null when neither reduction
 * is asked for. Makes the engine watch the kernel's reads and, for
 * transactions, record every step's accesses.
 */
export function reductionFor<S>(engine: Engine<S>, opts: ExploreOptions): AmpleChooser<S> | null {
  if (opts.por !== true && opts.lipton !== true) return null;
  engine.watchKernelReads();
  if (opts.lipton) engine.recordAccesses = true;
  return new AmpleChooser(engine, opts.lipton ? new Locksets(engine.sys, opts.relearn?.learnt) : null);
}

/** What the reductions did and left out, for the notes of every verdict. */
export function reductionNotes<S>(ample: AmpleChooser<S>, opts: ExploreOptions): string[] {
  const why = opts.relearn?.why ?? [];
  const lines = [ample.note()];
  if (opts.lipton && ample.locks === null) lines.push('transaction reduction off: the model has invariants, which may read the data a transaction writes');
  if (why.length > 0) {
    const gaveUp = opts.lipton ? '' : ', then given up (partial-order reduction alone)';
    lines.push(`transaction reduction started again ${why.length === 1 ? 'once' : `${why.length} times`}${gaveUp}: a step broke the lock discipline an earlier round relied on (first: ${why[0]})`);
  }
  return lines;
}

/** After the lock discipline broke: what the next round starts from, and the reason the search gives for this one. */
export function nextRound<S>(ample: AmpleChooser<S>, opts: ExploreOptions): { relearn: Relearn; reason: string } {
  const locks = ample.locks!;
  return {
    relearn: { learnt: locks.cand, why: [...(opts.relearn?.why ?? []), locks.broken!] },
    reason: `transaction reduction: ${locks.broken}; the search must start again with what it learnt`,
  };
}
