/**
 * Joining the shards of one split search (`ddicheck check --split i/n --json`)
 * into the verdict of the whole space: it holds only when every shard holds
 * for its part; a violation in any shard is a violation, and the merge reports
 * the shallowest one (ties: the lowest shard), which is as short as the
 * unsplit search's; anything else is inconclusive. Shards of another model
 * version, ddicheck, contract or search options are refused, as is a missing
 * or duplicated shard, each naming its file.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { CONTRACT_VERSION } from '../contract/catalog.js';
import type { CheckResult } from '../check.js';
import type { JsonResult } from '../report/json.js';
import type { SplitInfo } from '../explore/split.js';
import { Exit, type ExitCode } from '../exit.js';
import { num, secs } from '../report/format.js';
import { ddicheckVersion } from './ci-json.js';
import { sourceClosure } from '../ci/cache.js';
import type { Named } from './merge-ci.js';
import { readFileSync } from 'node:fs';

/** What a shard's JSON result records of its split, beside what the search did (SplitInfo). */
export interface SplitRecord extends SplitInfo {
  readonly ddicheck: string;
  readonly contract: string;
  /** A hash of the model file and what it imports, and one of the search options: equal in every shard of one search. */
  readonly sources: string;
  readonly options: string;
}

export type SplitResult = JsonResult & { split: SplitRecord };
export interface SplitReport { results: SplitResult[] }

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The record a split check's JSON result carries. */
export function splitRecord(r: CheckResult, modelFile: string, options: Readonly<Record<string, unknown>>): SplitRecord {
  const sources = sourceClosure(modelFile, process.cwd(), (f) => sha(readFileSync(f)));
  const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...r.split!, ddicheck: ddicheckVersion(), contract: CONTRACT_VERSION, sources: sha(JSON.stringify(sources)), options: sha(JSON.stringify(opts)) };
}

/** Whether a parsed JSON value is the --json output of a split check. */
export function isSplitReport(v: unknown): v is SplitReport {
  const results = (v as { results?: unknown } | null)?.results;
  return Array.isArray(results) && results.length > 0 && results.every((r) => typeof (r as { split?: unknown })?.split === 'object');
}

export interface MergedSplit {
  /** One merged result per model and scenario, with its shards. */
  readonly report: { results: (JsonResult & { split: { count: number; boundaryDepth: number | null; boundaryStates: number; shards: { index: number; verdict: string; distinctStates: number; ownStates: number; file: string }[] } })[] };
  readonly exit: ExitCode;
}

function checkSame(a: Named<SplitResult>, b: Named<SplitResult>, id: string): void {
  const x = a.value.split;
  const y = b.value.split;
  const differ = (what: string, p: string, q: string, hint: string): never => { throw new InputError(b.file, `${id}: ${what} ${q}, and ${a.file} ${p}`, hint); };
  if (x.ddicheck !== y.ddicheck) differ('was checked by ddicheck', x.ddicheck, y.ddicheck, 'run every shard with the same ddicheck');
  if (x.contract !== y.contract) differ('was checked against contract', x.contract, y.contract, 'run every shard with the same ddicheck');
  if (x.sources !== y.sources) differ('was checked from other model sources', x.sources, y.sources, 'run every shard from the same commit');
  if (x.options !== y.options || x.minFrontier !== y.minFrontier) differ('was checked with other search options', x.options, y.options, 'give every shard the same flags but --split');
  if (x.count !== y.count) differ('is a shard of', `of ${x.count}`, `of ${y.count}`, 'merge the shards of one split: every one with the same n');
  if (x.boundaryDepth !== y.boundaryDepth || x.boundaryStates !== y.boundaryStates) differ('split at another level:', `depth ${x.boundaryDepth}`, `depth ${y.boundaryDepth}`, 'run every shard from the same commit with the same flags');
}

/** Joins the split shards' results, one merged result per model and scenario. */
export function mergeSplit(files: readonly Named<SplitReport>[]): MergedSplit {
  const groups = new Map<string, Named<SplitResult>[]>();
  for (const f of files) {
    for (const r of f.value.results) {
      const id = `${r.file ?? r.model}#${r.scenario}`;
      const g = groups.get(id) ?? [];
      g.push({ file: f.file, value: r });
      groups.set(id, g);
    }
  }
  const results: MergedSplit['report']['results'] = [];
  let exit: ExitCode = Exit.holds;
  const rank = (c: ExitCode): number => ({ [Exit.holds]: 0, [Exit.inconclusive]: 1, [Exit.violated]: 2, [Exit.badInput]: 3 } as Record<number, number>)[c];
  for (const [id, g] of groups) {
    for (const r of g) checkSame(g[0], r, id);
    const n = g[0].value.split.count;
    const byIndex = new Map<number, Named<SplitResult>>();
    for (const r of g) {
      const i = r.value.split.index;
      const twice = byIndex.get(i);
      if (twice) throw new InputError(r.file, `${id}: is shard ${i}/${n} again (${twice.file} already is)`, 'give each shard\'s report once');
      byIndex.set(i, r);
    }
    const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
    if (missing.length > 0) throw new InputError(g[0].file, `${id}: is shard ${g[0].value.split.index} of ${n}, and shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`, 'give every shard\'s --json report');
    const shards = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
    const violated = shards.filter((s) => s.value.verdict === 'violated')
      .sort((a, b) => (a.value.counterexample?.length ?? 0) - (b.value.counterexample?.length ?? 0) || a.value.split.index - b.value.split.index);
    const stats = {
      distinctStates: shards.reduce((t, s) => t + s.value.stats.distinctStates, 0),
      transitions: shards.reduce((t, s) => t + s.value.stats.transitions, 0),
      maxDepth: Math.max(...shards.map((s) => s.value.stats.maxDepth)),
      seconds: Math.max(...shards.map((s) => s.value.stats.seconds)),
      statesPerSecond: shards.reduce((t, s) => t + s.value.stats.statesPerSecond, 0),
      collisionProbability: Math.min(1, shards.reduce((t, s) => t + s.value.stats.collisionProbability, 0)),
      collisions: shards.reduce((t, s) => t + s.value.stats.collisions, 0),
    };
    const s0 = shards[0].value;
    const where = s0.split.boundaryDepth === null ? 'no level was wide enough to split, so each shard searched the whole space' : `split at depth ${s0.split.boundaryDepth} (${num(s0.split.boundaryStates)} states)`;
    const common = { model: s0.model, ...(s0.file ? { file: s0.file } : {}), scenario: s0.scenario, bounds: s0.bounds, stats };
    const split = {
      count: n, boundaryDepth: s0.split.boundaryDepth, boundaryStates: s0.split.boundaryStates,
      shards: shards.map((s) => ({ index: s.value.split.index, verdict: s.value.verdict, distinctStates: s.value.stats.distinctStates, ownStates: s.value.split.ownStates, file: s.file })),
    };
    const stuck = 'stuck-context check not run (a split search has no whole state graph)';
    const statesNote = 'distinct states are summed over the shards (a state two shards reached counts twice)';
    let merged: MergedSplit['report']['results'][number];
    if (violated.length > 0) {
      const v = violated[0].value;
      merged = { ...common, verdict: 'violated', property: v.property, message: v.message, ...(v.propertySummary ? { propertySummary: v.propertySummary } : {}),
        notes: [`violated in shard ${v.split.index} of ${n} (${where}); the shallowest violation of any shard: as short as the unsplit search's`, statesNote, stuck],
        ...(v.counterexample ? { counterexample: v.counterexample } : {}), split };
      exit = rank(Exit.violated) > rank(exit) ? Exit.violated : exit;
    } else if (shards.every((s) => s.value.verdict === 'holds')) {
      merged = { ...common, verdict: 'holds', property: null, message: null, notes: [`holds: each of the ${n} shards holds for its part (${where})`, statesNote, stuck], split };
    } else {
      const open = shards.filter((s) => s.value.verdict !== 'holds');
      merged = { ...common, verdict: 'inconclusive', property: null, message: null,
        reason: open.map((s) => `shard ${s.value.split.index}: ${s.value.reason ?? s.value.verdict}`).join('; '),
        notes: [`${open.length} of ${n} shards did not finish their part (${where}); the others hold for theirs`, statesNote, stuck], split };
      exit = rank(Exit.inconclusive) > rank(exit) ? Exit.inconclusive : exit;
    }
    results.push(merged);
  }
  return { report: { results }, exit };
}

/** The text `ddicheck merge` prints for split shards. */
export function splitSummary(m: MergedSplit): string {
  const lines: string[] = [];
  for (const r of m.report.results) {
    const head = r.verdict === 'violated' ? `VIOLATED ${r.property}: ${r.message}` : r.verdict === 'holds' ? 'HOLDS' : `INCONCLUSIVE: ${r.reason}`;
    lines.push(`${r.file ?? r.model}  scenario ${r.scenario}  merged from ${r.split.count} split shards`);
    lines.push(`  ${head}`);
    lines.push(`  within ${r.bounds}${r.counterexample ? `; counterexample of ${r.counterexample.length} steps` : ''}`);
    lines.push(`  ${num(r.stats.distinctStates)} states over all shards, ${num(r.stats.transitions)} transitions, max depth ${r.stats.maxDepth}, slowest shard ${secs(r.stats.seconds)} s`);
    for (const n of r.notes ?? []) lines.push(`  note: ${n}`);
    for (const s of r.split.shards) lines.push(`    shard ${s.index}/${r.split.count}: ${s.verdict}, ${num(s.distinctStates)} states, ${num(s.ownStates)} boundary states its own (${s.file})`);
  }
  return lines.join('\n');
}
