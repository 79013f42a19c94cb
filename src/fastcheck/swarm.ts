/**
 * Swarm runs (`ddicheck random --shard i/n`): n machines each run the same
 * number of schedules, and each shard draws them differently, so together they
 * sample n times as many distinct schedules instead of n copies of one sample.
 * A shard's seed is a hash of the base seed and its index, and the shards
 * alternate strategies (and PCT depths) unless one is given, since each
 * strategy finds bugs the other misses. All of it is a pure function of the
 * base seed and the index: any shard's runs can be replayed alone.
 */
import { DEFAULTS } from './runner.js';
import { STRATEGY_NAMES, type StrategyName } from './strategy.js';

export interface SwarmShard {
  readonly index: number;
  readonly count: number;
  readonly baseSeed: number;
  readonly seed: number;
  readonly strategy: StrategyName;
  readonly depth: number;
}

/** The seed of shard `index` of base seed `base`: a 32-bit mix, so neighbouring shards get unrelated seeds. */
export function shardSeed(base: number, index: number): number {
  let h = (base ^ Math.imul(index, 0x9e3779b9)) | 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** PCT depths the shards that run PCT cycle through (d - 1 change points each). */
const DEPTHS = [DEFAULTS.depth, DEFAULTS.depth + 1, DEFAULTS.depth - 1];

/**
 * What shard `index` (1-based) of `count` runs. A strategy or depth the user
 * gave holds for every shard; otherwise odd shards run the default strategy and
 * even ones the other, and PCT shards step through depths.
 */
export function swarmShard(index: number, count: number, baseSeed: number, given: { strategy?: StrategyName; depth?: number }): SwarmShard {
  const other = STRATEGY_NAMES.find((s) => s !== DEFAULTS.strategy) ?? DEFAULTS.strategy;
  const strategy = given.strategy ?? (index % 2 === 1 ? DEFAULTS.strategy : other);
  const depth = given.depth ?? DEPTHS[Math.floor((index - 1) / 2) % DEPTHS.length];
  return { index, count, baseSeed, seed: shardSeed(baseSeed, index), strategy, depth };
}
