/** The JSON summary of `ddicheck check --json`. */
import type { CheckResult } from '../check.js';
import type { SymmetryStats } from '../explore/search-types.js';
import { properties } from '../../properties/index.js';

export interface JsonResult {
  model: string; file?: string; scenario: string;
  verdict: 'holds' | 'violated' | 'inconclusive' | 'error';
  property: string | null; message: string | null; bounds: string; reason?: string;
  /** A built-in property's summary, from the property table (a model's own invariant has none). */
  propertySummary?: string;
  /** What a holds verdict does not cover ("stuck-context check skipped: ..."). */
  notes?: readonly string[];
  /** Worker threads the search ran on, when more than one (--workers). */
  workers?: number;
  stats: { distinctStates: number; transitions: number; maxDepth: number; seconds: number; statesPerSecond: number; collisionProbability: number; collisions: number; symmetry?: SymmetryStats };
  counterexample?: { kind: string; length: number; choices: readonly number[]; steps: readonly { index: number; context: string | null; step: string; changes: readonly { path: string; old: unknown; new: unknown }[]; violation?: { property: string; message: string } }[] };
}

export function jsonResult(r: CheckResult, file?: string): JsonResult {
  const s = r.stats;
  const out: JsonResult = {
    model: r.model, ...(file ? { file } : {}), scenario: r.scenario, verdict: r.verdict,
    property: r.property ?? null, message: r.message ?? null,
    ...(r.property && properties.has(r.property) ? { propertySummary: properties.get(r.property)!.summary } : {}),
    bounds: r.bounds, ...(r.reason ? { reason: r.reason } : {}), ...(r.notes ? { notes: r.notes } : {}),
    ...(r.workers !== undefined && r.workers > 1 ? { workers: r.workers } : {}),
    stats: { distinctStates: s.distinctStates, transitions: s.transitions, maxDepth: s.maxDepth, seconds: Number(s.seconds.toFixed(4)), statesPerSecond: Math.round(s.statesPerSecond), collisionProbability: s.collisionProbability, collisions: s.collisions, ...(s.symmetry ? { symmetry: s.symmetry } : {}) },
  };
  if (r.counterexample) {
    const ce = r.counterexample;
    out.counterexample = {
      kind: ce.kind, length: ce.steps.length, choices: ce.choices,
      steps: ce.steps.map((st) => ({ index: st.index, context: st.context?.name ?? null, step: st.step, changes: st.changes, ...(st.violation ? { violation: st.violation } : {}) })),
    };
  }
  return out;
}
