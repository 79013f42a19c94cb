/**
 * Reports of `ddicheck random`: text for people, JSON for machines. Pure
 * functions of the result. Every report says what random runs are: a search
 * that proves nothing beyond the runs made.
 */
import { num, pad, secs } from '../report/format.js';
import { stepLines } from '../report/text.js';
import type { RandomResult } from './random-check.js';
import type { CoverageRow } from './coverage.js';

const RANDOM_CAVEAT = 'random testing proves nothing beyond these runs';

function how(r: RandomResult): string {
  return `${r.strategy === 'pct' ? `PCT depth ${r.depth}` : 'random walk'}, up to ${r.maxSteps} steps per run, seed ${r.seed}`;
}

/** The coverage table: pairs active at once, with what the contract says of two calls. */
export function coverageLines(rows: readonly CoverageRow[]): string[] {
  if (rows.length === 0) return ['  Overlap coverage: no two contexts here can be active at once'];
  const note = (c: CoverageRow): string => {
    if (c.excludedBy) return c.states > 0 ? `contract excludes (${c.excludedBy})` : `excluded (${c.excludedBy})`;
    if (c.states > 0) return '';
    return c.excludedBy === null ? 'NOT REACHED' : 'not reached';
  };
  const nW = Math.max(6, ...rows.map((c) => num(c.states).length));
  const noteW = Math.max(...rows.map((c) => note(c).length));
  const out = [
    '  Overlap coverage: pairs active at once on two contexts (calls in the driver, driver threads, ISR, DPCs)',
    `    ${'states'.padStart(nW)}  ${pad('', noteW)}  pair`,
  ];
  // Never clipped: the pair is what the reader came for, and it comes last.
  for (const c of rows) out.push(`    ${num(c.states).padStart(nW)}  ${pad(note(c), noteW)}  ${c.a} + ${c.b}`.trimEnd());
  const gaps = rows.filter((c) => c.states === 0 && c.excludedBy === null).length;
  if (gaps > 0) out.push(`  NOT REACHED: ${gaps} pair${gaps === 1 ? '' : 's'} of calls the contract lets overlap never ran at once: more runs, more steps or the other strategy may reach ${gaps === 1 ? 'it' : 'them'}`);
  return out;
}

export function randomTextReport(r: RandomResult, opts: { file?: string; width?: number } = {}): string {
  const width = opts.width ?? 100;
  const lines = [`${opts.file ?? r.model}  scenario ${r.scenario}  random schedules: ${how(r)}`];
  const covered = `${num(r.stats.distinctStates)} distinct states visited, ${num(r.stats.steps)} steps (longest run ${r.stats.longestRun}), ${secs(r.stats.seconds)} s`;
  const f = r.failure;
  if (!f) {
    lines.push(`  NO VIOLATION in ${num(r.runs)} run${r.runs === 1 ? '' : 's'} within ${r.bounds}: ${RANDOM_CAVEAT}`);
    if (r.stoppedBy) lines.push(`  stopped early: ${r.stoppedBy}`);
    lines.push(`  (ddicheck check gives a verdict over every reachable state within the bounds)`);
    lines.push(`  ${covered}`);
  } else {
    const n = f.counterexample.steps.length;
    lines.push(`  VIOLATED ${f.property}: ${f.message}`);
    lines.push(`  found in run ${num(f.run)} of ${num(r.runsRequested)} within ${r.bounds}; shrunk ${f.shrinks} time${f.shrinks === 1 ? '' : 's'} to ${n} step${n === 1 ? '' : 's'}`);
    lines.push(`  before it: ${covered}`);
  }
  lines.push('', ...coverageLines(r.coverage));
  if (f) {
    const ce = f.counterexample;
    lines.push('', `  Counterexample ${f.plan}:`);
    for (const l of stepLines(ce.steps, width - 4)) lines.push(`    ${l}`);
    if (ce.kind === 'deadlock') lines.push(`    -- deadlock: ${f.message}`);
    if (ce.kind === 'race' && ce.race) lines.push(`    -- now both ${ce.race.steps[0]} and ${ce.race.steps[1]} can run, and they conflict on ${ce.race.location}`);
    if (ce.kind === 'state') lines.push(`    -- in this state: ${f.message}`);
    lines.push('', `  Replay this run: --seed ${r.seed} (fast-check: { seed: ${r.seed}, path: "${f.path}" })`);
    if (f.trace) lines.push(`  Trace written to ${f.trace} (ddicheck show, ddicheck replay)`);
  }
  return lines.join('\n');
}

export interface JsonRandomResult {
  model: string; file?: string; scenario: string; bounds: string;
  mode: 'random'; strategy: string; depth: number; maxSteps: number; seed: number;
  verdict: 'no-violation' | 'violated';
  runs: number; runsRequested: number; note: string; stoppedBy?: string;
  stats: RandomResult['stats'];
  coverage: readonly CoverageRow[];
  property: string | null; message: string | null;
  counterexample?: {
    kind: string; run: number; path: string; shrinks: number; plan: string; length: number; choices: readonly number[]; trace: string | null;
    steps: readonly { index: number; context: string | null; step: string; changes: readonly { path: string; old: unknown; new: unknown }[]; violation?: { property: string; message: string } }[];
  };
}

export function jsonRandomResult(r: RandomResult, file?: string): JsonRandomResult {
  const f = r.failure;
  return {
    model: r.model, ...(file ? { file } : {}), scenario: r.scenario, bounds: r.bounds,
    mode: 'random', strategy: r.strategy, depth: r.depth, maxSteps: r.maxSteps, seed: r.seed,
    verdict: r.verdict, runs: r.runs, runsRequested: r.runsRequested, note: RANDOM_CAVEAT, ...(r.stoppedBy ? { stoppedBy: r.stoppedBy } : {}),
    stats: { ...r.stats, seconds: Number(r.stats.seconds.toFixed(4)) },
    coverage: r.coverage,
    property: f?.property ?? null, message: f?.message ?? null,
    ...(f ? {
      counterexample: {
        kind: f.found.kind, run: f.run, path: f.path, shrinks: f.shrinks, plan: f.plan, length: f.found.choices.length, choices: f.found.choices, trace: f.trace ?? null,
        steps: f.counterexample.steps.map((st) => ({ index: st.index, context: st.context?.name ?? null, step: st.step, changes: st.changes, ...(st.violation ? { violation: st.violation } : {}) })),
      },
    } : {}),
  };
}
