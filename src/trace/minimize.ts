/**
 * Shrinks a counterexample to a locally minimal one that violates the same
 * property: fewer steps first, then fewer contexts, then fewer context switches.
 * Breadth-first traces are already shortest; depth-first and random ones rarely
 * are. Every candidate is checked by running it (leniently: steps that no longer
 * apply after a removal drop out), and what ran is kept only if it still ends
 * in the property and is strictly smaller, so the search always terminates.
 *
 * Moves, cheapest first: drop every step of one context; drop one procedure
 * instance (a call from its start to its return); drop chunks, halving their
 * size down to single steps (delta debugging); merge a run of one context's steps
 * into its previous or next run (fewer switches).
 */
import type { Engine } from '../engine/semantics.js';
import { compile, type System } from '../engine/system.js';
import type { AnyModel } from '../model/define.js';
import type { CheckResult, Counterexample } from '../check.js';
import { executeIds, type ExecuteOptions } from './run.js';
import { replay } from '../explore/steps.js';
import { engineFor, scoreOf } from './build.js';
import type { Score, TraceViolation } from './format.js';
import { Property } from '../model/violation.js';

export interface Minimized {
  readonly choices: readonly number[];
  readonly violation: TraceViolation;
  readonly before: Score;
  readonly after: Score;
  /** Candidate schedules run. */
  readonly runs: number;
}

export interface MinimizeOptions {
  /** Stop after this many candidate runs (default 20,000): the result is then smaller, though maybe not locally minimal. */
  readonly maxRuns?: number;
}

/** a is strictly better than b. */
export function better(a: Score, b: Score): boolean {
  if (a.steps !== b.steps) return a.steps < b.steps;
  if (a.contexts !== b.contexts) return a.contexts < b.contexts;
  return a.switches < b.switches;
}

/**
 * Minimizes `choices` (action ids), which must violate `property` when run.
 * Returns null if they do not.
 */
export function minimize<S>(engine: Engine<S>, choices: readonly number[], property: string, opts: MinimizeOptions = {}): Minimized | null {
  const sys = engine.sys;
  const maxRuns = opts.maxRuns ?? 20_000;
  let runs = 0;
  // A deadlock where some contexts are stuck while others cycle forever shows
  // only by exploring from the last state: that is done only when the
  // counterexample is such a deadlock, and for candidates within a bound.
  let execOpts: ExecuteOptions = {};
  let first = executeIds(engine, choices, 'lenient');
  runs++;
  if (property === Property.deadlock && !first.violation) {
    execOpts = { stuck: true, stuckMaxStates: 100_000 };
    first = executeIds(engine, choices, 'lenient', { stuck: true });
    runs++;
  }
  if (!first.violation || first.violation.property !== property) return null;
  let best = [...first.applied];
  let bestV = first.violation;
  let bestScore = scoreOf(sys, best);
  const before = scoreOf(sys, choices);

  /** Runs a candidate; keeps it if it is a smaller counterexample for the property. */
  const attempt = (cand: readonly number[]): boolean => {
    if (runs >= maxRuns) return false;
    runs++;
    const r = executeIds(engine, cand, 'lenient', execOpts);
    if (!r.violation || r.violation.property !== property) return false;
    const s = scoreOf(sys, r.applied);
    if (!better(s, bestScore)) return false;
    best = [...r.applied]; bestV = r.violation; bestScore = s;
    return true;
  };

  let improved = true;
  while (improved && runs < maxRuns) {
    improved = false;
    // Whole contexts, fewest steps first.
    for (const ctx of contextsBySize(sys, best)) {
      if (attempt(best.filter((id) => sys.actions[id].ctx !== ctx))) improved = true;
    }
    // Procedure instances.
    for (let k = instances(sys, best).length - 1; k >= 0; k--) {
      const inst = instances(sys, best)[k];
      if (inst && attempt(best.filter((_, i) => !inst.has(i)))) improved = true;
    }
    // Chunks (delta debugging), halving down to single steps.
    for (let size = Math.max(1, best.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let at = 0; at < best.length;) {
        if (attempt([...best.slice(0, at), ...best.slice(at + size)])) improved = true;
        else at += size;
      }
    }
    // Context switches: merge each run into a neighbouring run of the same context.
    for (let r = 1; r < runsOf(sys, best).length; r++) {
      const rs = runsOf(sys, best);
      if (r >= rs.length) break;
      const cur = rs[r];
      const prev = findRun(rs, r, -1);
      const next = findRun(rs, r, +1);
      if (prev >= 0 && attempt(move(best, cur.start, cur.end, rs[prev].end))) { improved = true; continue; }
      if (next >= 0 && attempt(move(best, cur.start, cur.end, rs[next].start))) improved = true;
    }
  }
  return { choices: best, violation: bestV, before, after: bestScore, runs };
}

function contextsBySize(sys: System, ids: readonly number[]): number[] {
  const n = new Map<number, number>();
  for (const id of ids) { const c = sys.actions[id].ctx; n.set(c, (n.get(c) ?? 0) + 1); }
  return [...n.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
}

/** Each procedure instance as the set of its positions: from the step that enters (call, interrupt, DPC) to the next entry of that context. */
function instances(sys: System, ids: readonly number[]): Set<number>[] {
  const open = new Map<number, Set<number>>();
  const out: Set<number>[] = [];
  ids.forEach((id, i) => {
    const a = sys.actions[id];
    if (a.ctx < 0) return;
    let cur = open.get(a.ctx);
    if (!cur || a.kind === 'call' || a.kind === 'irq' || a.kind === 'dpc' || a.kind === 'detect') {
      cur = new Set();
      open.set(a.ctx, cur);
      out.push(cur);
    }
    cur.add(i);
  });
  return out;
}

interface Run { readonly ctx: number; readonly start: number; readonly end: number }

/** Maximal blocks of consecutive steps of one context: [start, end). */
function runsOf(sys: System, ids: readonly number[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < ids.length;) {
    const ctx = sys.actions[ids[i]].ctx;
    let j = i + 1;
    while (j < ids.length && sys.actions[ids[j]].ctx === ctx) j++;
    out.push({ ctx, start: i, end: j });
    i = j;
  }
  return out;
}

function findRun(rs: readonly Run[], r: number, dir: 1 | -1): number {
  for (let k = r + dir; k >= 0 && k < rs.length; k += dir) if (rs[k].ctx === rs[r].ctx) return k;
  return -1;
}

/** Moves ids[start, end) so it begins at position `to` of the original list. */
function move(ids: readonly number[], start: number, end: number, to: number): number[] {
  const block = ids.slice(start, end);
  const rest = [...ids.slice(0, start), ...ids.slice(end)];
  const at = to > start ? to - (end - start) : to;
  return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

/**
 * A violated check result with its counterexample minimized (`check --minimize`).
 * The result's other fields (stats, bounds, order) are the search's.
 */
export function minimizeResult(model: AnyModel, r: CheckResult, opts: MinimizeOptions = {}): { readonly result: CheckResult; readonly before: Score; readonly after: Score } {
  if (r.verdict !== 'violated' || !r.counterexample || !r.property) throw new Error('internal: only a violated result can be minimized');
  const sys = compile(model, r.scenario);
  const engine = engineFor(sys, r.backend);
  const m = minimize(engine, r.counterexample.choices, r.property, opts);
  if (!m) throw new Error(`internal: the counterexample for ${r.property} does not replay to it; this is a bug in ddicheck`);
  const { steps } = replay(engineFor(sys, r.backend), m.choices);
  const v = m.violation;
  const counterexample: Counterexample = {
    kind: v.kind, choices: m.choices, steps,
    ...(v.race ? { race: { location: v.race.location, steps: v.race.steps } } : {}),
  };
  return { result: { ...r, message: v.message, counterexample }, before: m.before, after: m.after };
}
