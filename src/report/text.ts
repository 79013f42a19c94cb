/**
 * The text report of a check: the verdict with its bounds, the statistics, and
 * for a violation the property, its message and the numbered steps. A pure
 * function of the result; every verdict states its bounds.
 */
import type { CheckResult } from '../check.js';
import type { TraceStep } from '../explore/steps.js';
import { num, secs, sci, pad, clip } from './format.js';

/** The verdict line: what was proven, and within which bounds. */
export function verdictLine(r: CheckResult): string {
  switch (r.verdict) {
    case 'holds':
      // A split shard saw its part of the space only (see its note).
      if (r.split) return `HOLDS (split ${r.split.index}/${r.split.count}: for this shard's part only) for ${r.bounds}: all ${num(r.stats.distinctStates)} states of its part checked`;
      return `HOLDS for ${r.bounds}: all ${num(r.stats.distinctStates)} reachable states checked`;
    case 'violated':
      return `VIOLATED ${r.property}: ${r.message}`;
    case 'inconclusive':
      return `INCONCLUSIVE for ${r.bounds}: ${r.reason}; no violation in the ${num(r.stats.distinctStates)} states explored, the rest unchecked`;
  }
}

export function statsLine(r: CheckResult): string {
  const s = r.stats;
  const parts = [`${num(s.distinctStates)} distinct states`, `${num(s.transitions)} transitions`, `max depth ${s.maxDepth}`, `${secs(s.seconds)} s`, `${num(s.statesPerSecond)} states/s`];
  if ((r.workers ?? 1) > 1) parts.push(`${r.workers} worker threads`);
  if (r.exact) parts.push(`exact store: ${s.collisions} fingerprint collision${s.collisions === 1 ? '' : 's'}`);
  else parts.push(`P(fingerprint collision hid a state) ~ ${sci(s.collisionProbability)}`);
  return parts.join(', ');
}

/** Who moved in a step: its context, or the adapter or a timer for moves of their own. */
export function actor(s: TraceStep): string {
  return s.context?.name ?? (s.kind === 'timer' ? 'timer' : 'GPU');
}

/** The numbered steps of a counterexample, with their state changes (also used by `ddicheck random`). */
export function stepLines(steps: readonly TraceStep[], width: number): string[] {
  const ctxW = Math.min(12, Math.max(7, ...steps.map((s) => actor(s).length)));
  const numW = String(steps.length).length;
  const out: string[] = [];
  for (const st of steps) {
    const mark = st.violation ? '!' : ' ';
    const head = `${mark}${String(st.index).padStart(numW)}  ${pad(actor(st), ctxW)}  ${st.step}${st.context ? `  [${st.context.irql}]` : ''}`;
    out.push(clip(head, width));
    const indent = ' '.repeat(numW + 3 + ctxW + 2);
    for (const c of st.changes) {
      if (c.path.endsWith('.pc') || c.path.endsWith('.irql')) continue;
      out.push(clip(`${indent}${c.path}: ${String(c.old)} -> ${String(c.new)}`, width));
    }
    // Never clipped: the violation is the line the reader came for.
    if (st.violation) out.push(`${indent}!! ${st.violation.property}: ${st.violation.message}`);
  }
  return out;
}

/** The whole report of one result. */
import type { Expectation } from '../model/define.js';

/** How a result stands against the model's manifest entry, if it has one. */
export function expectationNote(r: CheckResult, e: Expectation | undefined): string {
  if (!e) return '';
  const met = e.verdict === r.verdict && (e.property === undefined || e.property === r.property);
  return met ? '  (as the manifest expects)' : `  (NOT as the manifest expects: ${e.verdict}${e.property ? ` ${e.property}` : ''})`;
}

export function textReport(r: CheckResult, opts: { file?: string; width?: number; expected?: Expectation } = {}): string {
  const width = opts.width ?? 100;
  const lines = [`${opts.file ?? r.model}  scenario ${r.scenario}${r.backend !== 'fast' ? `  (${r.backend} backend)` : ''}${r.order === 'dfs' ? '  (depth-first)' : ''}`];
  lines.push(`  ${verdictLine(r)}${expectationNote(r, opts.expected)}`);
  if (r.verdict === 'violated') {
    const ce = r.counterexample!;
    const n = ce.steps.length;
    lines.push(`  within ${r.bounds}; counterexample of ${n} step${n === 1 ? '' : 's'}${r.order === 'bfs' && !r.por ? ' (a shortest one: breadth-first search)' : ''}`);
  }
  lines.push(`  ${statsLine(r)}`);
  for (const n of r.notes ?? []) lines.push(`  note: ${n}`);
  if (r.verdict === 'violated') {
    const ce = r.counterexample!;
    lines.push('', '  Counterexample:');
    for (const l of stepLines(ce.steps, width - 4)) lines.push(`    ${l}`);
    if (ce.kind === 'deadlock') lines.push(`    -- deadlock: ${r.message}`);
    if (ce.kind === 'race' && ce.race) lines.push(`    -- now both ${ce.race.steps[0]} and ${ce.race.steps[1]} can run, and they conflict on ${ce.race.location}`);
    if (ce.kind === 'state') lines.push(`    -- in this state: ${r.message}`);
  }
  return lines.join('\n');
}
