/**
 * Makes trace files: from a check result (the explorer's choices, replayed
 * through `execute` so the file records exactly what replay will see), and
 * writes them. The steps come from `replay`, the one place that turns choices
 * into readable steps.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { AnyModel } from '../model/define.js';
import { compile, type System } from '../engine/system.js';
import { Engine } from '../engine/semantics.js';
import { makeBackend, type BackendName, type CheckResult } from '../check.js';
import { replay, showSlot } from '../explore/steps.js';
import { executeIds, type RunResult } from './run.js';
import { choiceOf } from './resolve.js';
import { TRACE_FORMAT, TRACE_VERSION, type Score, type Trace, type TraceBudget, type TraceStep, type TraceViolation } from './format.js';

/** What a trace records about where it came from, beside the system. */
export interface TraceOrigin {
  /** The model file as the user named it (relative to the working directory when inside it). */
  readonly file: string;
  readonly sha256: string;
  readonly backend: BackendName;
  readonly order: 'bfs' | 'dfs' | 'random';
  readonly exact?: boolean;
  readonly budget?: TraceBudget;
}

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** sha256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** An engine over `sys` on the named backend. */
export function engineFor(sys: System, backend: BackendName): Engine<unknown> {
  return new Engine(sys, makeBackend(sys, backend));
}

/** Size of a schedule: steps, contexts that move, context switches. */
export function scoreOf(sys: System, ids: readonly number[]): Score {
  const ctx = ids.map((id) => sys.actions[id].ctx);
  let switches = 0;
  for (let i = 1; i < ctx.length; i++) if (ctx[i] !== ctx[i - 1]) switches++;
  return { steps: ids.length, contexts: new Set(ctx).size, switches };
}

/** The trace of a run that ended in a violation. */
export function buildTrace(sys: System, origin: TraceOrigin, run: RunResult & { readonly violation: TraceViolation }, minimized?: Score): Trace {
  const engine = engineFor(sys, origin.backend);
  const replayed = replay(engine, run.applied).steps;
  const v = run.violation;
  const steps: TraceStep[] = replayed.map((st) => {
    const violation = st.violation ?? (st.index === v.step ? { property: v.property, message: v.message } : undefined);
    return { index: st.index, kind: st.kind as TraceStep['kind'], context: st.context, call: st.call, step: st.step, changes: st.changes, ...(violation ? { violation } : {}) };
  });
  const init = engine.backend.vector(engine.initial());
  const initial: Record<string, string | number | boolean> = {};
  sys.layout.slots.forEach((s, i) => { initial[s.path] = showSlot(sys, i, init[i]); });
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    tool: `ddicheck ${pkg.version}`,
    model: { name: sys.model.name, file: origin.file, sha256: origin.sha256 },
    scenario: { name: sys.scenarioName, bounds: sys.bounds },
    contract: { version: sys.catalog.contractVersion },
    options: { backend: origin.backend, order: origin.order, exact: !!origin.exact, budget: origin.budget ?? {} },
    contexts: sys.contexts.map(({ info }) => ({ name: info.name, kind: info.kind, process: info.process, thread: info.thread, session: info.session })),
    locks: sys.locks.map((l) => ({ path: l.path, object: l.object, owner: sys.layout.slots[l.slot].path })),
    initial,
    choices: run.applied.map((id) => choiceOf(sys, id)),
    steps,
    violation: v,
    ...(minimized ? { minimized } : {}),
  };
}

/**
 * The trace of a violated check result. The explorer's choices are run again with
 * every check replay makes, so the file holds what `ddicheck replay` will confirm.
 */
export function traceFromResult(model: AnyModel, r: CheckResult, origin: Omit<TraceOrigin, 'backend' | 'order'>): Trace {
  if (r.verdict !== 'violated' || !r.counterexample) throw new Error('internal: a trace needs a violated result');
  const sys = compile(model, r.scenario);
  const run = executeIds(engineFor(sys, r.backend), r.counterexample.choices, 'strict', { stuck: r.counterexample.kind === 'deadlock' });
  if (!run.violation || run.violation.property !== r.property) {
    throw new Error(`internal: the counterexample for ${r.property} replays to ${run.violation ? run.violation.property : 'no violation'}; this is a bug in ddicheck`);
  }
  return buildTrace(sys, { ...origin, backend: r.backend, order: r.order }, { ...run, violation: run.violation });
}

/** Writes a trace as pretty JSON, making its folder. */
export function writeTrace(path: string, trace: Trace): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(trace, null, 2)}\n`);
}
