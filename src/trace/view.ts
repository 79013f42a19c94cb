/**
 * What the three views of a trace (terminal lanes, Mermaid, HTML) share: one lane
 * per context that moves, and per step the lane, a short label, whether a
 * procedure span opens or closes there (┌ call ... └ return), the locks it takes
 * and lets go, and its data changes without the bookkeeping (pc, IRQL, call).
 * Derived from the trace alone, so a trace can be shown without its model.
 */
import type { Change, Trace, TraceStep } from './format.js';

/** The lane of steps with no context: the adapter, timers, TDR detection. */
export const ENV_LANE = '(env)';

export interface Lane {
  readonly name: string;
  /** `thread` (an OS thread), `worker`, `isr`, `dpc`, or `env`. */
  readonly kind: string;
  /** A short description: `P0 T0 S0` (an OS thread), `worker`, `interrupt`, `DPC`, `adapter, timers`. */
  readonly role: string;
}

export interface Row {
  readonly step: TraceStep;
  readonly lane: number;
  /** The step without its procedure prefix: `lock` for `DxgkDdiPresent/lock`. */
  readonly label: string;
  /** A span opens here; `span` names it (`DxgkDdiPresent #2`, `worker`, `ISR`). */
  readonly open: boolean;
  readonly span: string | null;
  /** The procedure returns (or the worker exits) at this step. */
  readonly close: boolean;
  /** The step runs inside a span (false for the environment and for moves like TDR detection). */
  readonly inside: boolean;
  readonly acquired: readonly string[];
  readonly released: readonly string[];
  /** Changes other than program counters, IRQLs, call slots and lock owners. */
  readonly data: readonly Change[];
  /** The IRQL after the step, when the step changed it. */
  readonly irqlTo: string | null;
}

export interface View { readonly lanes: readonly Lane[]; readonly rows: readonly Row[] }

function role(c: { kind: string; process: number; thread: number; session: number; name: string }): string {
  // The OS's own threads: TDR, PnP (lifecycle), and the display path after a halt.
  if (c.kind === 'thread') return c.process >= 0 ? `P${c.process} T${c.thread} S${c.session}` : c.name === 'BUGCHECK' ? 'halted system' : `${c.name} thread`;
  if (c.kind === 'isr') return 'interrupt';
  if (c.kind === 'dpc') return 'DPC';
  return c.kind;
}

const IDLE = new Set(['(idle)', '(done)']);

/** Lanes and rows of a trace. */
export function viewOf(trace: Trace): View {
  // Lanes in context order (OS threads, TDR, workers, ISR, DPCs), the environment last.
  const order = new Map(trace.contexts.map((c, i) => [c.name, i]));
  const moving = [...new Map(trace.steps.map((st) => [st.context ? st.context.name : ENV_LANE, st])).values()]
    .sort((a, b) => (a.context ? order.get(a.context.name) ?? 1e9 : 2e9) - (b.context ? order.get(b.context.name) ?? 1e9 : 2e9));
  const lanes: Lane[] = moving.map((st) => (st.context ? { name: st.context.name, kind: st.context.kind, role: role(st.context) } : { name: ENV_LANE, kind: 'env', role: 'adapter, timers' }));
  const laneOf = new Map(lanes.map((l, i) => [l.name, i]));
  const lane = (st: TraceStep): number => laneOf.get(st.context ? st.context.name : ENV_LANE)!;
  const owners = new Map(trace.locks.map((l) => [l.owner, l.path]));
  const inSpan = new Set<string>();
  const rows: Row[] = trace.steps.map((st) => {
    const l = lane(st);
    const name = st.context?.name ?? null;
    const pcPath = name !== null ? `ctx.${name}.pc` : null;
    // The context's own bookkeeping: shown by the lane itself, not as data.
    const book = new Set(name === null ? [] : ['pc', 'irql', 'call', 'made', 'queued', 'inDriver'].map((f) => `ctx.${name}.${f}`));
    const acquired: string[] = [];
    const released: string[] = [];
    const data: Change[] = [];
    let close = false;
    let irqlTo: string | null = null;
    for (const c of st.changes) {
      const lock = owners.get(c.path);
      if (lock !== undefined) { if (c.new !== 0 && c.old === 0) acquired.push(lock); else if (c.new === 0) released.push(lock); continue; }
      if (c.path === pcPath) { if (IDLE.has(String(c.new))) close = true; continue; }
      if (name !== null && c.path === `ctx.${name}.irql`) { irqlTo = String(c.new); continue; }
      if (book.has(c.path) || (name !== null && c.path.startsWith(`ctx.${name}.left.`))) continue;
      data.push(c);
    }
    const slash = st.step.indexOf('/');
    const proc = slash > 0 ? st.step.slice(0, slash) : st.step;
    let label = slash > 0 ? st.step.slice(slash + 1) : st.step;
    let open = false;
    let span: string | null = null;
    const entering = st.kind === 'call' || st.kind === 'irq' || st.kind === 'dpc' || st.kind === 'take';
    if (name !== null && entering) {
      open = true;
      span = st.kind === 'call' && st.call ? `${st.call.ddi} #${st.call.id}` : st.kind === 'irq' ? 'ISR' : st.kind === 'take' ? st.step.replace(/^device takes /, 'entry of ') : st.step.replace(/^run DPC /, 'DPC ');
      label = span;
      inSpan.add(name);
    } else if (name !== null && !inSpan.has(name) && st.kind === 'step') {
      // A context that starts inside its procedure (a worker): its span opens at its first step.
      open = true;
      span = proc;
      inSpan.add(name);
    }
    const inside = name !== null && inSpan.has(name);
    if (close && name !== null) inSpan.delete(name);
    return { step: st, lane: l, label, open, span, close, inside, acquired, released, data, irqlTo };
  });
  return { lanes, rows };
}

/** The violation in words, with where it is. */
export function violationText(trace: Trace): string {
  const v = trace.violation;
  const where = v.step === 0 ? 'in the initial state' : v.kind === 'step' ? `at step ${v.step}` : `after step ${v.step}`;
  return `${v.property} ${where}: ${v.message}`;
}
