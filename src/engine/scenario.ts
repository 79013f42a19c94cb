/**
 * The bounds of one check, read and validated: which scenario, how many
 * processes, threads, sessions, interrupts, TDRs and PDEVs, and that every
 * procedure the scenario names exists. Every error names the model, the
 * scenario and the field.
 */
import type { AnyModel, Scenario } from '../model/define.js';
import { InputError } from '../errors.js';
import { count } from './call-plan.js';
import { planInterrupts, type InterruptPlan } from './interrupts.js';
import { PDEV_STATES, type PdevState } from '../os/pdev.js';
import type { LifecycleSpec } from '../os/lifecycle.js';
import type { BugcheckSpec } from '../os/bugcheck.js';

export interface ScenarioPlan {
  readonly name: string;
  readonly sc: Scenario;
  /** "model m, scenario s": the prefix of every message about it. */
  readonly where: string;
  readonly processes: number;
  readonly threadsPerProcess: number;
  readonly sessions: number;
  readonly interrupts: InterruptPlan;
  readonly tdrs: number;
  readonly pdevs: number;
  readonly outputs: number;
  readonly pdevStart: readonly PdevState[];
  /** Worker procedures and how many of each. */
  readonly workers: readonly (readonly [string, number])[];
  /** The lifecycle events the OS's PnP thread makes, or null. */
  readonly lifecycle: LifecycleSpec | null;
  /** The bugcheck path, or null. */
  readonly bugcheck: BugcheckSpec | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the `lifecycle` key: an object of booleans naming at least one event. */
function readLifecycle(v: unknown, where: string): LifecycleSpec | null {
  if (v === undefined) return null;
  const at = `${where}: lifecycle`;
  const example = 'write lifecycle: { start: true, stop: true } (and surpriseRemoval: true for DxgkDdiNotifySurpriseRemoval)';
  if (!isObject(v)) throw new InputError(at, `must be an object of events, got ${JSON.stringify(v)}`, example);
  for (const f of ['start', 'stop', 'surpriseRemoval']) {
    if (v[f] !== undefined && typeof v[f] !== 'boolean') throw new InputError(`${at}.${f}`, `must be true or false, got ${JSON.stringify(v[f])}`, example);
  }
  const spec = { start: v.start === true, stop: v.stop === true, surpriseRemoval: v.surpriseRemoval === true };
  if (!spec.start && !spec.stop && !spec.surpriseRemoval) throw new InputError(at, 'names no event', example);
  return spec;
}

/** Reads the `bugcheck` key: true, or { writes } with 1 to 4 image blocks. */
function readBugcheck(v: unknown, where: string): BugcheckSpec | null {
  if (v === undefined) return null;
  if (v === true) return { writes: 1 };
  const at = `${where}: bugcheck`;
  if (!isObject(v)) throw new InputError(at, `must be true or { writes: n }, got ${JSON.stringify(v)}`, 'write bugcheck: true (one DxgkDdiSystemDisplayWrite) or bugcheck: { writes: 2 }');
  return { writes: count(v.writes ?? 1, `${at}.writes`, 1, 4) };
}

const known = (kind: string, names: object): string => `declared ${kind}: ${Object.keys(names).join(', ') || 'none'}`;

/** Picks and validates scenario `scenarioName` of `model` (default: `defaultScenario`, `default`, or the first). */
export function planScenario(model: AnyModel, scenarioName?: string): ScenarioPlan {
  const m = model.name ?? '(unnamed model)';
  const scenarios = model.scenarios ?? {};
  const names = Object.keys(scenarios);
  if (names.length === 0) throw new InputError(`model ${m}`, 'declares no scenarios', 'add scenarios: { default: { ... } }');
  const name = scenarioName ?? model.defaultScenario ?? (names.includes('default') ? 'default' : names[0]);
  const sc = scenarios[name];
  if (!sc) throw new InputError(`model ${m}`, `has no scenario "${name}"`, `known scenarios: ${names.join(', ')}`);
  const where = `model ${m}, scenario ${name}`;

  const processes = count(sc.processes, `${where}: processes`, 1);
  const threadsPerProcess = count(sc.threadsPerProcess, `${where}: threadsPerProcess`, 1);
  const sessions = count(sc.sessions, `${where}: sessions`, 1);
  const interrupts = planInterrupts(sc, where, model.adapter !== undefined);
  const tdrs = count(sc.tdrs, `${where}: tdrs`, 0, 8);
  const pdevs = count(sc.pdevs, `${where}: pdevs`, 0, 8);
  const outputs = count(sc.outputs, `${where}: outputs`, 1, 8);
  const threadDefs = model.threads ?? {};
  for (const [f, v] of [['clients', sc.clients], ['dispatcher', sc.dispatcher]] as const) {
    if (v !== undefined && !(v in threadDefs)) throw new InputError(`${where}: ${f}`, `names thread procedure "${v}", which the model does not declare`, known('threads', threadDefs));
  }
  if (sc.clients !== undefined && sc.dispatcher !== undefined) throw new InputError(where, 'has both clients and dispatcher', 'clients run one fixed procedure; a dispatcher runs once per call: pick one');
  const workers = Object.entries(sc.workers ?? {}).map(([w, n]) => {
    if (!(w in threadDefs)) throw new InputError(`${where}: workers`, `names thread procedure "${w}", which the model does not declare`, known('threads', threadDefs));
    return [w, count(n, `${where}: workers.${w}`)] as const;
  });
  if (interrupts.count > 0 && !model.isr) throw new InputError(`${where}: interrupts`, 'is set but the model has no isr', 'declare isr: { steps: { ... } } or drop interrupts');
  if (tdrs > 0 && !model.adapter) throw new InputError(`${where}: tdrs`, 'is set but the model has no adapter to hang', 'declare adapter: { queues: { ... } }');
  for (const [tn, td] of Object.entries(model.timers ?? {})) if (!(td.dpc in (model.dpcs ?? {}))) throw new InputError(`model ${m}: timer ${tn}`, `names DPC "${td.dpc}", which the model does not declare`);
  if (sc.pointerIndependent !== undefined && typeof sc.pointerIndependent !== 'boolean') throw new InputError(`${where}: pointerIndependent`, `must be true or false, got ${JSON.stringify(sc.pointerIndependent)}`);
  const pdevStart = sc.pdevStart ?? [];
  if (pdevs > 0 && (!Array.isArray(pdevStart) || pdevStart.length > pdevs || pdevStart.some((x) => !PDEV_STATES.includes(x)))) {
    throw new InputError(`${where}: pdevStart`, `must list at most ${pdevs} states from ${PDEV_STATES.join(', ')}`);
  }
  const lifecycle = readLifecycle(sc.lifecycle, where);
  const bugcheck = readBugcheck(sc.bugcheck, where);
  return { name, sc, where, processes, threadsPerProcess, sessions, interrupts, tdrs, pdevs, outputs, pdevStart, workers, lifecycle, bugcheck };
}
