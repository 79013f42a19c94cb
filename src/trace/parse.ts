/**
 * Reads a trace file as data: JSON.parse, then every field the reader uses is
 * checked for its type and copied into a fresh object (unknown fields are
 * dropped). Nothing in the file is ever evaluated. A problem is an InputError
 * naming the file and the field (`steps[3].changes[0].old`), exit code 2.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import {
  TRACE_FORMAT, TRACE_VERSION,
  type Change, type Scalar, type Score, type Trace, type TraceBudget, type TraceChoice, type TraceContextInfo, type TraceStep, type TraceStepContext, type TraceViolation, type ViolationKind,
} from './format.js';
import type { ActionKind } from '../engine/system.js';

const ACTION_KINDS: readonly ActionKind[] = ['step', 'call', 'irq', 'dpc', 'timer', 'detect', 'device', 'hang', 'take', 'halt'];
const VIOLATION_KINDS: readonly ViolationKind[] = ['step', 'state', 'race', 'deadlock'];
const REMAKE = 'make it again with: ddicheck check MODEL --trace FILE';

type Obj = Record<string, unknown>;

class Reader {
  constructor(private readonly file: string) {}
  fail(field: string, problem: string, hint = REMAKE): never {
    throw new InputError(this.file, `field "${field}" ${problem}`, hint);
  }
  private got(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
    return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
  }
  obj(v: unknown, field: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, v === undefined ? 'is missing' : `must be an object, got ${this.got(v)}`);
    return v as Obj;
  }
  arr(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) this.fail(field, v === undefined ? 'is missing' : `must be an array, got ${this.got(v)}`);
    return v;
  }
  str(o: Obj, key: string, field: string): string {
    const v = o[key];
    if (typeof v !== 'string') this.fail(`${field}${key}`, v === undefined ? 'is missing' : `must be a string, got ${this.got(v)}`);
    return v;
  }
  int(o: Obj, key: string, field: string, min = -Infinity): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(`${field}${key}`, v === undefined ? 'is missing' : `must be an integer${min > -Infinity ? ` >= ${min}` : ''}, got ${this.got(v)}`);
    return v;
  }
  optNum(o: Obj, key: string, field: string): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) this.fail(`${field}${key}`, `must be a positive number, got ${this.got(v)}`);
    return v;
  }
  bool(o: Obj, key: string, field: string): boolean {
    const v = o[key];
    if (typeof v !== 'boolean') this.fail(`${field}${key}`, v === undefined ? 'is missing' : `must be true or false, got ${this.got(v)}`);
    return v;
  }
  scalar(v: unknown, field: string): Scalar {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
    return this.fail(field, v === undefined ? 'is missing' : `must be a string, number or boolean, got ${this.got(v)}`);
  }
  oneOf<T extends string>(o: Obj, key: string, field: string, values: readonly T[]): T {
    const v = this.str(o, key, field);
    if (!(values as readonly string[]).includes(v)) this.fail(`${field}${key}`, `is ${JSON.stringify(v)}; expected one of ${values.join(', ')}`);
    return v as T;
  }
}

/** Reads and validates a trace file. */
export function readTrace(file: string): Trace {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new InputError(file, `cannot be read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseTrace(text, file);
}

/** Validates the text of a trace file; `file` is only for messages. */
export function parseTrace(text: string, file: string): Trace {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) {
    throw new InputError(file, `is not valid JSON: ${(e as Error).message}`, 'a trace file is the JSON that ddicheck check --trace FILE writes');
  }
  const r = new Reader(file);
  const top = r.obj(raw, '(top level)');
  if (top.format !== TRACE_FORMAT) {
    r.fail('format', top.format === undefined ? 'is missing: this is not a ddicheck trace' : `is ${JSON.stringify(top.format)}, expected "${TRACE_FORMAT}": this is not a ddicheck trace`,
      'a trace file is the JSON that ddicheck check --trace FILE writes');
  }
  if (top.version !== TRACE_VERSION) {
    r.fail('version', `is ${JSON.stringify(top.version)}, but this ddicheck reads trace version ${TRACE_VERSION}`, `${REMAKE} (with this ddicheck)`);
  }
  const tool = typeof top.tool === 'string' ? top.tool : 'unknown';
  const m = r.obj(top.model, 'model');
  const model = { name: r.str(m, 'name', 'model.'), file: r.str(m, 'file', 'model.'), sha256: r.str(m, 'sha256', 'model.') };
  // Empty when the trace was made from a model that was not loaded from a file (a test, a random run in memory).
  if (model.sha256 !== '' && !/^[0-9a-f]{64}$/.test(model.sha256)) r.fail('model.sha256', 'must be 64 lowercase hex digits, or empty when the model had no file');
  const sc = r.obj(top.scenario, 'scenario');
  const scenario = { name: r.str(sc, 'name', 'scenario.'), bounds: r.str(sc, 'bounds', 'scenario.') };
  const contract = { version: r.str(r.obj(top.contract, 'contract'), 'version', 'contract.') };
  const o = r.obj(top.options, 'options');
  const b = o.budget === undefined ? {} : r.obj(o.budget, 'options.budget');
  const budget: TraceBudget = Object.fromEntries((['maxStates', 'maxDepth', 'seconds'] as const)
    .map((k) => [k, r.optNum(b, k, 'options.budget.')]).filter(([, v]) => v !== undefined));
  const options = { backend: r.oneOf(o, 'backend', 'options.', ['fast', 'immer'] as const), order: r.oneOf(o, 'order', 'options.', ['bfs', 'dfs', 'random'] as const), exact: r.bool(o, 'exact', 'options.'), budget };
  const contexts = r.arr(top.contexts, 'contexts').map((c, i) => contextInfo(r, r.obj(c, `contexts[${i}]`), `contexts[${i}].`));
  const locks = r.arr(top.locks, 'locks').map((l, i) => {
    const lo = r.obj(l, `locks[${i}]`);
    const f = `locks[${i}].`;
    return { path: r.str(lo, 'path', f), object: r.str(lo, 'object', f), owner: r.str(lo, 'owner', f) };
  });
  const init = r.obj(top.initial, 'initial');
  const initial: Record<string, Scalar> = Object.fromEntries(Object.entries(init).map(([k, v]) => [k, r.scalar(v, `initial.${k}`)]));
  const choices = r.arr(top.choices, 'choices').map((c, i): TraceChoice => {
    const co = r.obj(c, `choices[${i}]`);
    const f = `choices[${i}].`;
    const context = co.context === null ? null : r.str(co, 'context', f);
    return { context, action: r.str(co, 'action', f), id: r.int(co, 'id', f, 0) };
  });
  const steps = r.arr(top.steps, 'steps').map((s, i) => step(r, r.obj(s, `steps[${i}]`), i));
  if (steps.length !== choices.length) r.fail('steps', `has ${steps.length} entries but "choices" has ${choices.length}: one step per choice`);
  const violation = violationOf(r, r.obj(top.violation, 'violation'));
  if (violation.step > steps.length) r.fail('violation.step', `is ${violation.step}, but the trace has ${steps.length} steps`);
  let minimized: Score | undefined;
  if (top.minimized !== undefined) {
    const mo = r.obj(top.minimized, 'minimized');
    minimized = { steps: r.int(mo, 'steps', 'minimized.', 0), contexts: r.int(mo, 'contexts', 'minimized.', 0), switches: r.int(mo, 'switches', 'minimized.', 0) };
  }
  return {
    format: TRACE_FORMAT, version: TRACE_VERSION, tool, model, scenario, contract, options, contexts, locks, initial, choices, steps, violation,
    ...(minimized ? { minimized } : {}),
  };
}

function contextInfo(r: Reader, c: Obj, f: string): TraceContextInfo {
  return { name: r.str(c, 'name', f), kind: r.str(c, 'kind', f), process: r.int(c, 'process', f), thread: r.int(c, 'thread', f), session: r.int(c, 'session', f) };
}

function step(r: Reader, s: Obj, i: number): TraceStep {
  const f = `steps[${i}].`;
  const index = r.int(s, 'index', f);
  if (index !== i + 1) r.fail(`${f}index`, `is ${index}; steps are numbered 1, 2, ... in order, so it must be ${i + 1}`);
  let context: TraceStepContext | null = null;
  if (s.context !== null) {
    const c = r.obj(s.context, `${f}context`);
    context = { ...contextInfo(r, c, `${f}context.`), irql: r.str(c, 'irql', `${f}context.`) };
  }
  let call: TraceStep['call'] = null;
  if (s.call !== null) {
    const c = r.obj(s.call, `${f}call`);
    call = { ddi: r.str(c, 'ddi', `${f}call.`), id: r.int(c, 'id', `${f}call.`, 1) };
  }
  const changes = r.arr(s.changes, `${f}changes`).map((c, j): Change => {
    const co = r.obj(c, `${f}changes[${j}]`);
    const g = `${f}changes[${j}].`;
    return { path: r.str(co, 'path', g), old: r.scalar(co.old, `${g}old`), new: r.scalar(co.new, `${g}new`) };
  });
  let violation: TraceStep['violation'];
  if (s.violation !== undefined) {
    const v = r.obj(s.violation, `${f}violation`);
    violation = { property: r.str(v, 'property', `${f}violation.`), message: r.str(v, 'message', `${f}violation.`) };
  }
  return { index, kind: r.oneOf(s, 'kind', f, ACTION_KINDS), context, call, step: r.str(s, 'step', f), changes, ...(violation ? { violation } : {}) };
}

function violationOf(r: Reader, v: Obj): TraceViolation {
  const f = 'violation.';
  let race: TraceViolation['race'];
  if (v.race !== undefined) {
    const ro = r.obj(v.race, `${f}race`);
    const st = r.arr(ro.steps, `${f}race.steps`);
    if (st.length !== 2 || typeof st[0] !== 'string' || typeof st[1] !== 'string') r.fail(`${f}race.steps`, 'must be two step names');
    race = { location: r.str(ro, 'location', `${f}race.`), steps: [st[0] as string, st[1] as string] };
  }
  return { property: r.str(v, 'property', f), message: r.str(v, 'message', f), kind: r.oneOf(v, 'kind', f, VIOLATION_KINDS), step: r.int(v, 'step', f, 0), ...(race ? { race } : {}) };
}
