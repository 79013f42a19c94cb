/**
 * One breadth-first search split over n machines (`ddicheck check --split i/n`).
 * Every shard searches the same prefix, level by level, until the first level
 * that holds at least `minFrontier x n` states; that level is the boundary. Of
 * the boundary's states each shard expands only those whose fingerprint falls
 * in its part, and everything it finds from them. A state found by two shards
 * is searched by both, so the shards overlap but never leave a gap: every
 * reachable state lies on a path through one boundary state, and the shard that
 * owns it follows the path. A violation a shard finds is real; holding is
 * for the shard's part only, and only all shards holding is a verdict.
 *
 * The stuck-context check needs the whole state graph, which no shard has: a
 * split search skips it and says so.
 */

/** Which part of a split search to run. */
export interface SplitOptions {
  /** This shard, 1-based. */
  readonly index: number;
  readonly count: number;
  /** The boundary is the first level with at least minFrontier x count states (default 64). */
  readonly minFrontier?: number;
}

export const DEFAULT_MIN_FRONTIER = 64;

/** What a split search did: where the boundary fell and how much of it was this shard's. */
export interface SplitInfo {
  readonly index: number;
  readonly count: number;
  readonly minFrontier: number;
  /** The boundary level's depth and states; null when no level was that wide (the shard searched everything). */
  readonly boundaryDepth: number | null;
  readonly boundaryStates: number;
  /** Boundary states this shard owned and expanded. */
  readonly ownStates: number;
}

/**
 * The shard (1-based) that owns a state, from its 64-bit fingerprint. Both lanes
 * are mixed in, so the split is even whichever lane the fingerprint varies in.
 */
export function ownerOf(fp: Uint32Array, count: number): number {
  const h = (Math.imul(fp[0] ^ (fp[1] >>> 7), 0x9e3779b1) ^ fp[1]) >>> 0;
  return (h % count) + 1;
}

/**
 * Decides, state by state as the breadth-first frontier hands them out, which
 * to expand. `fingerprintOf` must be the fingerprint the visited set keys
 * states by (canonical under symmetry), so the split agrees with what is "the
 * same state" everywhere else.
 */
export class SplitGate {
  private level = -1;
  private boundary: number | null = null;
  private boundaryStates = 0;
  private own = 0;
  private readonly fp = new Uint32Array(2);
  readonly minFrontier: number;

  constructor(readonly opts: SplitOptions, private readonly fingerprintOf: (vec: Int32Array, out: Uint32Array) => void) {
    this.minFrontier = opts.minFrontier ?? DEFAULT_MIN_FRONTIER;
  }

  /**
   * Called for each state popped, with its depth and how many states still wait
   * behind it. When the first state of a level is popped, the frontier holds
   * exactly that level (breadth-first), so every shard sees the same sizes and
   * picks the same boundary. True: not this shard's, skip it.
   */
  skip(depth: number, waiting: number, vec: Int32Array): boolean {
    if (this.boundary === null) {
      if (depth <= this.level) return false;
      this.level = depth;
      if (waiting + 1 < this.minFrontier * this.opts.count) return false;
      this.boundary = depth;
      this.boundaryStates = waiting + 1;
    }
    if (depth !== this.boundary) return false;
    this.fingerprintOf(vec, this.fp);
    if (ownerOf(this.fp, this.opts.count) !== this.opts.index) return true;
    this.own++;
    return false;
  }

  info(): SplitInfo {
    return { index: this.opts.index, count: this.opts.count, minFrontier: this.minFrontier, boundaryDepth: this.boundary, boundaryStates: this.boundaryStates, ownStates: this.own };
  }
}

/** The note every split verdict carries: what it covers, and what it cannot check. */
export function splitNote(s: SplitInfo, verdict: 'holds' | 'violated' | 'inconclusive'): string {
  const what = { holds: 'holds for this shard\'s part', violated: 'violated in this shard\'s part (the counterexample is real)', inconclusive: 'inconclusive for this shard\'s part' }[verdict];
  const part = s.boundaryDepth === null
    ? `no level of the search reached ${s.minFrontier * s.count} states (${s.minFrontier} per shard), so this shard searched the whole space`
    : `the ${s.ownStates} of ${s.boundaryStates} states at depth ${s.boundaryDepth} whose fingerprint falls in shard ${s.index}, and all it reaches from them`;
  return `split ${s.index}/${s.count}: ${what}: ${part}; the whole space's verdict is ddicheck merge of every shard's report; stuck-context check skipped under --split (it needs the whole state graph)`;
}
