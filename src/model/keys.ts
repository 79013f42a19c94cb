/**
 * The keys each object of the model language may have, in one table, and the
 * run-time check that holds a model to it. TypeScript catches a misspelt key
 * only when the model is type-checked; at run time an unknown key would be
 * ignored and a scenario with `worker:` for `workers:` would check nothing and
 * hold. So every object the user writes is checked against this table, and an
 * unknown key is bad input naming it and the nearest known key.
 *
 * Adding a key to the language means adding it here too (the tests of this file
 * compare the table with define.ts's interfaces through the type-checker).
 */
import { InputError } from '../errors.js';

/** Known keys, by the kind of object that carries them. Extend a list when the language grows. */
export const KNOWN_KEYS = {
  model: ['name', 'description', 'global', 'session', 'local', 'ddis', 'threads', 'isr', 'dpcs', 'timers', 'init', 'invariants',
    'scenarios', 'defaultScenario', 'races', 'adapter', 'expect', 'contract'],
  scenario: ['description', 'processes', 'threadsPerProcess', 'sessions', 'calls', 'callsPerThread', 'processCalls', 'clients', 'dispatcher',
    'tdrs', 'pdevs', 'outputs', 'pdevStart', 'policy', 'workers', 'adapters', 'interrupts', 'pointerIndependent', 'lifecycle', 'bugcheck', 'budget'],
  /** `interrupts` given as an object rather than a count. */
  interrupts: ['count', 'kind', 'messages', 'spurious'],
  budget: ['maxStates', 'maxDepth', 'seconds'],
  lifecycle: ['start', 'stop', 'surpriseRemoval'],
  bugcheck: ['writes'],
  procedure: ['irql', 'steps'],
  isr: ['irql', 'steps', 'when'],
  step: ['name', 'guard', 'do', 'next', 'end', 'timeout'],
  timer: ['dpc'],
  expectation: ['verdict', 'property'],
  contract: ['extend', 'ignore'],
  adapter: ['queues', 'sources', 'allocations', 'power', 'fences', 'components', 'maxFState'],
  queue: ['depth', 'order', 'tokens', 'component', 'device'],
} as const satisfies Record<string, readonly string[]>;

export type KeyedKind = keyof typeof KNOWN_KEYS;

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** The known key nearest to `key` (case-insensitively), for the message. */
export function nearest(key: string, known: readonly string[]): string {
  let best = known[0];
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) { best = k; bestD = d; }
  }
  return best;
}

/** Throws InputError when `obj` has a key that `kind` does not know. */
export function checkKeys(obj: unknown, kind: KeyedKind, where: string): void {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return;
  const known: readonly string[] = KNOWN_KEYS[kind];
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      throw new InputError(where, `has unknown key "${key}" (did you mean "${nearest(key, known)}"?)`, `known keys: ${known.join(', ')}`);
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkProcedures(group: unknown, where: string): void {
  if (!isObject(group)) return;
  for (const [name, proc] of Object.entries(group)) checkProcedure(proc, 'procedure', `${where}.${name}`);
}

function checkProcedure(proc: unknown, kind: 'procedure' | 'isr', where: string): void {
  checkKeys(proc, kind, where);
  if (!isObject(proc) || !isObject(proc.steps)) return;
  for (const [label, spec] of Object.entries(proc.steps)) {
    const alts = Array.isArray(spec) ? spec : [spec];
    alts.forEach((alt, i) => checkKeys(alt, 'step', `${where}.steps.${label}${Array.isArray(spec) ? `[${i}]` : ''}`));
  }
}

const TYPE_KINDS = ['int', 'bool', 'enum', 'record', 'array'];

/**
 * Checks that every field of a state schema is a type from `t` (or a pool):
 * without the type-checker a plain number or string could stand there, and the
 * engine would fail on it deep inside with a bare TypeError.
 */
export function checkFields(fields: unknown, where: string): void {
  if (fields === undefined) return;
  if (!isObject(fields)) throw new InputError(where, `must be an object of fields, got ${JSON.stringify(fields)}`, 'write: { count: t.int(0, 3), busy: t.bool() }');
  for (const [k, f] of Object.entries(fields)) checkType(f, `${where}.${k}`);
}

function checkType(type: unknown, where: string): void {
  const kind = isObject(type) ? type.kind : undefined;
  if (!isObject(type) || typeof kind !== 'string' || !TYPE_KINDS.includes(kind)) {
    throw new InputError(where, `is ${typeof type === 'function' ? 'a function' : JSON.stringify(type) ?? String(type)}, not a state type`,
      'declare it with t.int(min, max), t.bool(), t.enum(...), t.record({ ... }), t.array(length, type) or pool(name, size, { ... })');
  }
  if (kind === 'record') checkFields(type.fields, where);
  if (kind === 'array') checkType(type.of, `${where}[]`);
}

/**
 * Checks every object of a model against KNOWN_KEYS: the model, its procedures
 * and steps, timers, scenarios, their budgets and interrupts, and expectations.
 * `where` names the model in messages ("model lostUpdate").
 */
export function checkModelKeys(model: unknown, where: string): void {
  checkKeys(model, 'model', where);
  if (!isObject(model)) return;
  for (const space of ['global', 'session', 'local'] as const) checkFields(model[space], `${where}: ${space}`);
  for (const group of ['ddis', 'threads', 'dpcs'] as const) checkProcedures(model[group], `${where}: ${group}`);
  if (model.isr !== undefined) checkProcedure(model.isr, 'isr', `${where}: isr`);
  if (isObject(model.timers)) for (const [n, tm] of Object.entries(model.timers)) checkKeys(tm, 'timer', `${where}: timers.${n}`);
  if (isObject(model.expect)) for (const [n, e] of Object.entries(model.expect)) checkKeys(e, 'expectation', `${where}: expect.${n}`);
  checkKeys(model.contract, 'contract', `${where}: contract`);
  checkKeys(model.adapter, 'adapter', `${where}: adapter`);
  if (isObject(model.adapter) && isObject(model.adapter.queues)) {
    for (const [q, qc] of Object.entries(model.adapter.queues)) {
      checkKeys(qc, 'queue', `${where}: adapter queue ${q}`);
      if (isObject(qc) && qc.device !== undefined) checkProcedure(qc.device, 'procedure', `${where}: adapter queue ${q}: device`);
    }
  }
  if (isObject(model.scenarios)) {
    for (const [n, sc] of Object.entries(model.scenarios)) {
      const at = `${where}: scenario ${n}`;
      checkKeys(sc, 'scenario', at);
      if (!isObject(sc)) continue;
      checkKeys(sc.budget, 'budget', `${at}: budget`);
      checkKeys(sc.interrupts, 'interrupts', `${at}: interrupts`);
      checkKeys(sc.lifecycle, 'lifecycle', `${at}: lifecycle`);
      checkKeys(sc.bugcheck, 'bugcheck', `${at}: bugcheck`);
    }
  }
}
