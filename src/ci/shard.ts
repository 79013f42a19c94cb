/**
 * Splitting a list of checks into shards for `ddicheck ci --shard i/n`. The
 * assignment is a pure function of the check list (and of the recorded costs
 * when given), so every machine of a CI matrix computes the same split without
 * talking to the others, and every check lands in exactly one shard.
 */
import { readFileSync, existsSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Shard `index` (1-based, as CI matrices count) of `count`. */
export interface Shard { readonly index: number; readonly count: number }

/** Reads "i/n" (1 <= i <= n); `flag` names the option in the message. */
export function parseShard(text: string, flag: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(flag, `must be i/n with 1 <= i <= n (shard i of n), got ${JSON.stringify(text)}`, 'for a matrix of 4 machines give 1/4, 2/4, 3/4 and 4/4');
  }
  return { index, count };
}

/** The recorded cost of each check by id: distinct states (or any positive number) from an earlier run. */
export type Costs = ReadonlyMap<string, number>;

/**
 * Which shard (1-based) each id goes to, by id. Ids are taken in sorted order, so
 * the order a config lists them in does not matter. With costs, the dearest
 * check goes first to the shard with the least work so far (greedy longest
 * processing time); a check with no recorded cost counts as the median of the
 * known ones. Without costs: round-robin over the sorted ids. Ties go to the
 * lowest shard, so the result is the same on every machine.
 */
export function assignShards(ids: readonly string[], count: number, costs?: Costs): Map<string, number> {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<string, number>();
  const known = costs ? sorted.map((id) => costs.get(id)).filter((c): c is number => c !== undefined && c > 0).sort((a, b) => a - b) : [];
  if (known.length === 0) {
    sorted.forEach((id, i) => out.set(id, (i % count) + 1));
    return out;
  }
  const median = known[Math.floor(known.length / 2)];
  const cost = (id: string): number => { const c = costs!.get(id); return c !== undefined && c > 0 ? c : median; };
  // Dearest first; equal costs keep the sorted order (a stable sort).
  const order = [...sorted].sort((a, b) => cost(b) - cost(a));
  const load = new Array<number>(count).fill(0);
  for (const id of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += cost(id);
    out.set(id, best + 1);
  }
  return out;
}

/**
 * Costs from an earlier `ddicheck ci --json` report (a whole run or a merged
 * one): each check's distinct states. A report that is not one is bad input.
 */
export function readCosts(path: string): Map<string, number> {
  if (!existsSync(path)) throw new InputError(path, 'no such cost file', 'give the --json report of an earlier ddicheck ci run (or of ddicheck merge)');
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new InputError(path, `is not valid JSON: ${(e as Error).message}`); }
  const checks = (raw as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) throw new InputError(path, 'is not a ddicheck ci report (no "checks" array)', 'give the --json report of an earlier ddicheck ci run');
  const costs = new Map<string, number>();
  for (const c of checks as { check?: unknown; result?: { stats?: { distinctStates?: unknown } } | null }[]) {
    const n = c?.result?.stats?.distinctStates;
    if (typeof c?.check === 'string' && typeof n === 'number' && n > 0) costs.set(c.check, n);
  }
  return costs;
}
