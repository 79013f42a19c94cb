/**
 * Joining the shards of one swarm of random runs (`ddicheck random --shard
 * i/n --json`): the runs of all shards, and the first violation any shard found
 * (the shortest counterexample; ties: the lowest shard). Like every random
 * result it proves nothing beyond the runs made. Shards of another swarm (base
 * seed), model version or run options are refused, as is a missing or
 * duplicated shard, each naming its file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { Exit, type ExitCode } from '../exit.js';
import { num, secs } from '../report/format.js';
import type { JsonRandomResult } from '../fastcheck/report.js';
import type { SwarmShard } from '../fastcheck/swarm.js';
import type { CoverageRow } from '../fastcheck/coverage.js';
import { ddicheckVersion } from './ci-json.js';
import { sourceClosure } from '../ci/cache.js';
import type { Named } from './merge-ci.js';

export interface RandomShardRecord extends SwarmShard {
  readonly ddicheck: string;
  /** Hashes of the model's sources and of the run options: equal in every shard of one swarm. */
  readonly sources: string;
  readonly options: string;
}

export type RandomShard = JsonRandomResult & { shard: RandomShardRecord };

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The record a swarm shard's JSON report carries. */
export function randomShardRecord(s: SwarmShard, modelFile: string, options: Readonly<Record<string, unknown>>): RandomShardRecord {
  const sources = sourceClosure(modelFile, process.cwd(), (f) => sha(readFileSync(f)));
  const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...s, ddicheck: ddicheckVersion(), sources: sha(JSON.stringify(sources)), options: sha(JSON.stringify(opts)) };
}

export function isRandomShard(v: unknown): v is RandomShard {
  const r = v as { mode?: unknown; shard?: unknown } | null;
  return r?.mode === 'random' && typeof r.shard === 'object' && r.shard !== null;
}

export interface MergedRandom {
  readonly report: Omit<JsonRandomResult, 'strategy' | 'depth' | 'seed' | 'maxSteps'> & {
    shards: { index: number; seed: number; strategy: string; depth: number; runs: number; verdict: string; distinctStates: number; file: string }[];
    baseSeed: number; count: number;
  };
  readonly exit: ExitCode;
}

export function mergeRandom(files: readonly Named<RandomShard>[]): MergedRandom {
  const first = files[0];
  const a = first.value;
  const byIndex = new Map<number, Named<RandomShard>>();
  for (const f of files) {
    const b = f.value;
    const differ = (what: string, hint: string): never => { throw new InputError(f.file, `${what} than ${first.file}`, hint); };
    if (`${b.file ?? b.model}#${b.scenario}` !== `${a.file ?? a.model}#${a.scenario}`) differ(`ran ${b.file ?? b.model} scenario ${b.scenario}, another model or scenario`, 'merge the shards of one swarm at a time');
    if (b.shard.ddicheck !== a.shard.ddicheck) differ(`was run by ddicheck ${b.shard.ddicheck}, another version`, 'run every shard with the same ddicheck');
    if (b.shard.sources !== a.shard.sources) differ('was run from other model sources', 'run every shard from the same commit');
    if (b.shard.options !== a.shard.options) differ('was run with other options', 'give every shard the same flags but --shard');
    if (b.shard.baseSeed !== a.shard.baseSeed) differ(`is of the swarm of base seed ${b.shard.baseSeed}, another one`, 'give every shard the same --seed');
    if (b.shard.count !== a.shard.count) differ(`is shard ${b.shard.index}/${b.shard.count}, of another count`, 'merge the shards of one swarm: every one with the same n');
    const twice = byIndex.get(b.shard.index);
    if (twice) throw new InputError(f.file, `is shard ${b.shard.index}/${b.shard.count} again (${twice.file} already is)`, 'give each shard\'s report once');
    byIndex.set(b.shard.index, f);
  }
  const n = a.shard.count;
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new InputError(first.file, `is shard ${a.shard.index} of ${n}, and shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`, 'give every shard\'s --json report');
  const shards = [...byIndex.keys()].sort((x, y) => x - y).map((i) => byIndex.get(i)!.value);
  const violated = shards.filter((s) => s.verdict === 'violated')
    .sort((x, y) => (x.counterexample?.length ?? 0) - (y.counterexample?.length ?? 0) || x.shard.index - y.shard.index);
  // The pairs each shard saw active at once: a pair any shard reached is reached.
  const coverage = new Map<string, CoverageRow>();
  for (const s of shards) for (const c of s.coverage) {
    const k = `${c.a}\n${c.b}`;
    const had = coverage.get(k);
    coverage.set(k, had ? { ...had, states: had.states + c.states } : { ...c });
  }
  const v = violated[0];
  const report: MergedRandom['report'] = {
    model: a.model, ...(a.file ? { file: a.file } : {}), scenario: a.scenario, bounds: a.bounds, mode: 'random',
    verdict: v ? 'violated' : 'no-violation',
    runs: shards.reduce((t, s) => t + s.runs, 0), runsRequested: shards.reduce((t, s) => t + s.runsRequested, 0),
    note: `${a.note}; merged from ${n} swarm shards (states and coverage are summed: a state two shards visited counts twice)`,
    ...(shards.some((s) => s.stoppedBy) ? { stoppedBy: shards.filter((s) => s.stoppedBy).map((s) => `shard ${s.shard.index}: ${s.stoppedBy}`).join('; ') } : {}),
    stats: {
      distinctStates: shards.reduce((t, s) => t + s.stats.distinctStates, 0), steps: shards.reduce((t, s) => t + s.stats.steps, 0),
      longestRun: Math.max(...shards.map((s) => s.stats.longestRun)), seconds: Math.max(...shards.map((s) => s.stats.seconds)),
    },
    coverage: [...coverage.values()],
    property: v?.property ?? null, message: v?.message ?? null,
    ...(v?.counterexample ? { counterexample: v.counterexample } : {}),
    baseSeed: a.shard.baseSeed, count: n,
    shards: shards.map((s, i) => ({ index: s.shard.index, seed: s.seed, strategy: s.strategy, depth: s.depth, runs: s.runs, verdict: s.verdict, distinctStates: s.stats.distinctStates, file: files.find((f) => f.value === shards[i])!.file })),
  };
  return { report, exit: v ? Exit.violated : Exit.holds };
}

/** The text `ddicheck merge` prints for swarm shards. */
export function randomMergeSummary(m: MergedRandom): string {
  const r = m.report;
  const lines = [`${r.file ?? r.model}  scenario ${r.scenario}  random schedules merged from ${r.count} swarm shards (base seed ${r.baseSeed})`];
  if (r.verdict === 'violated') {
    lines.push(`  VIOLATED ${r.property}: ${r.message}`, `  within ${r.bounds}; the shortest counterexample of any shard: ${r.counterexample?.length ?? 0} steps`);
  } else {
    lines.push(`  NO VIOLATION in ${num(r.runs)} runs within ${r.bounds}: random testing proves nothing beyond these runs`);
  }
  if (r.stoppedBy) lines.push(`  stopped early: ${r.stoppedBy}`);
  lines.push(`  ${num(r.stats.distinctStates)} states summed over the shards, ${num(r.stats.steps)} steps, slowest shard ${secs(r.stats.seconds)} s`);
  for (const s of r.shards) lines.push(`    shard ${s.index}/${r.count}: seed ${s.seed}, ${s.strategy}${s.strategy === 'pct' ? ` depth ${s.depth}` : ''}, ${num(s.runs)} runs, ${s.verdict}, ${num(s.distinctStates)} states (${s.file})`);
  return lines.join('\n');
}
