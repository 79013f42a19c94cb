/**
 * The call plan of a scenario: which calls OS threads may make (the list or
 * per-DDI count form of `calls`, and `processCalls` per process), bound to the
 * contract catalog; the mode that follows (driver, conformance, free); and the
 * TDR calls the OS makes when the GPU may hang. compile() builds contexts and
 * actions from it.
 */
import type { AnyModel, Scenario } from '../model/define.js';
import type { LevelPolicy } from '../contract/index.js';
import { defaultCatalog, extendCatalog, ContractError, type Catalog } from '../contract/index.js';
import { bindCalls, callKey, type CallKind, type CallSpec } from '../os/calls.js';
import { compileAdapter, type Adapter } from '../adapter/adapter.js';
import { tracksTdr } from '../os/environment.js';
import { InputError } from '../errors.js';
import type { TdrScript } from '../os/tdr.js';
import { LIFECYCLE_DDIS, REMOVAL_DDI, START_DDI, STOP_DDI, type LifecycleScript, type LifecycleSpec } from '../os/lifecycle.js';
import { ENABLE_DDI, WRITE_DDI, type BugcheckScript, type BugcheckSpec } from '../os/bugcheck.js';

export type { TdrScript } from '../os/tdr.js';
export type { LifecycleScript } from '../os/lifecycle.js';
export type { BugcheckScript } from '../os/bugcheck.js';
/** Driver mode (the built-in OS calls the driver), conformance (the model dispatches), or free (no calls). */
export type Mode = 'driver' | 'conformance' | 'free';

/** Reads a scenario count, naming the field when it is not an integer in range. */
export function count(v: unknown, what: string, min = 0, max = 64): number {
  if (v === undefined) return min;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new InputError(what, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

function catalogOf(model: AnyModel, where: string): Catalog {
  const ext = model.contract?.extend;
  if (!ext) return defaultCatalog();
  try { return extendCatalog(defaultCatalog(), ext); } catch (e) {
    if (e instanceof ContractError) throw new InputError(`${where}: contract.extend`, e.message);
    throw e;
  }
}

export interface CallPlan {
  readonly catalog: Catalog;
  /** The `calls` list (or the DDI names of its count form). */
  readonly specs: readonly CallSpec[];
  /** Per-DDI counts when `calls` is a record, else null. */
  readonly perCall: readonly number[] | null;
  readonly callsPerThread: number;
  /** `processCalls[p]`, where given. */
  readonly procSpecs: readonly (readonly CallSpec[] | undefined)[];
  /** Every scenario call, over all lists. */
  readonly allSpecs: readonly CallSpec[];
  readonly mode: Mode;
  readonly policy: LevelPolicy;
  /** Call kinds: the scenario's first, then any TDR calls not among them. */
  readonly calls: CallKind[];
  /** Call kinds the threads of process p may start. */
  readonly kindsOf: (p: number) => number[];
  readonly adapter: Adapter | null;
  /** TDR call kinds: preamble, reset, cleanup calls..., restart (empty without TDR). */
  readonly tdrKinds: readonly number[];
  /** The OS's TDR script, from the catalog's TDR roles; null when the system does not track TDR. */
  readonly tdr: TdrScript | null;
  /** The PnP thread's script (lifecycle.ts); null without a `lifecycle` key. */
  readonly lifecycle: LifecycleScript | null;
  /** The BUGCHECK context's script (bugcheck.ts); null without a `bugcheck` key. */
  readonly bugcheck: BugcheckScript | null;
  /** Call kinds the PnP thread makes, and those the BUGCHECK context makes (empty without them). */
  readonly pnpKinds: readonly number[];
  readonly bugcheckKinds: readonly number[];
}

/** The call kind of `ddi` among `calls`, added when it is not there: a call the OS itself makes. */
function osCall(catalog: Catalog, policy: LevelPolicy, calls: CallKind[], where: string, ddi: string): number {
  const existing = calls.find((c) => c.key === ddi);
  if (existing) return existing.index;
  const [k] = bindCalls([ddi], catalog, policy, where);
  calls.push({ ...k, index: calls.length });
  return calls.length - 1;
}

/** Scenario calls that only the OS's own contexts make here: a scenario that lists one is bad input. */
function reserved(allSpecs: readonly CallSpec[], ddis: readonly string[], where: string, key: string, who: string): void {
  for (const s of allSpecs) {
    const d = typeof s === 'string' ? s : s.ddi;
    if (ddis.includes(d)) throw new InputError(`${where}: calls`, `names ${d}, which the ${who} makes in a scenario with ${key}`, `drop ${d} from the scenario's calls (the ${who} calls it)`);
  }
}

function planTdr(catalog: Catalog, allocations: readonly ('memory' | 'aperture')[], policy: LevelPolicy, calls: CallKind[], where: string): TdrScript {
  const withRole = (role: string) => catalog.ddis.filter((d) => d.tdr?.role === role);
  const one = (role: string): string => {
    const rows = withRole(role);
    if (rows.length !== 1) throw new Error(`internal: the catalog has ${rows.length} rows with TDR role ${role}`);
    return rows[0].name;
  };
  const kindOf = (spec: CallSpec): number => {
    const [k] = bindCalls([spec], catalog, policy, `${where}: TDR`);
    const existing = calls.find((c) => c.key === k.key);
    if (existing) return existing.index;
    calls.push({ ...k, index: calls.length });
    return calls.length - 1;
  };
  const preamble = withRole('preamble')
    .sort((a, b) => (a.tdr!.order ?? 0) - (b.tdr!.order ?? 0))
    .map((d) => ({ kind: kindOf(d.tdr!.flags ? { ddi: d.name, flags: d.tdr!.flags } : d.name), optional: d.tdr!.optional === true }));
  const reset = kindOf(one('reset'));
  const cleanup: number[] = [];
  for (const d of withRole('cleanup')) {
    // A row with per-allocation operations (BuildPagingBuffer) is called once per allocation, with the flag of its segment kind.
    if (d.tdr!.operations) allocations.forEach((seg, i) => cleanup.push(kindOf({ ddi: d.name, instance: i, flags: { [seg === 'memory' ? 'TransferSizeZero' : 'UnmapApertureSegment']: true } })));
    else cleanup.push(kindOf(d.name));
  }
  const restart = kindOf(one('restart'));
  return { preamble, reset, cleanup, restart };
}

/** Binds a scenario's calls; throws InputError naming the field at fault. */
export function planCalls(model: AnyModel, sc: Scenario, bounds: {
  readonly where: string; readonly processes: number; readonly tdrs: number;
  readonly lifecycle?: LifecycleSpec | null; readonly bugcheck?: BugcheckSpec | null;
}): CallPlan {
  const { where, processes, tdrs } = bounds;
  const m = model.name ?? '(unnamed model)';
  const ddiDefs = model.ddis ?? {};
  const known = (kind: string, names: object) => `declared ${kind}: ${Object.keys(names).join(', ') || 'none'}`;
  const catalog = catalogOf(model, `model ${m}`);
  let specs: CallSpec[] = [];
  let perCall: number[] | null = null;
  let callsPerThread = 0;
  if (Array.isArray(sc.calls)) { specs = [...sc.calls]; callsPerThread = count(sc.callsPerThread ?? 1, `${where}: callsPerThread`, 1); }
  else if (sc.calls !== undefined) {
    const rec = sc.calls as Record<string, number>;
    specs = Object.keys(rec);
    perCall = Object.values(rec).map((n, i) => count(n, `${where}: calls.${specs[i] as string}`, 1));
    callsPerThread = perCall.reduce((a, b) => a + b, 0);
  }
  // Per-process lists (processCalls[p] replaces the list form of calls for process p).
  const procSpecs: (readonly CallSpec[] | undefined)[] = [];
  if (sc.processCalls !== undefined) {
    const pc: unknown = sc.processCalls;
    if (!Array.isArray(pc)) throw new InputError(`${where}: processCalls`, `must be a list with one entry (a list of calls, or undefined) per process, got ${JSON.stringify(pc)}`);
    if (pc.length > processes) throw new InputError(`${where}: processCalls`, `has ${pc.length} entries but the scenario has ${processes} process${processes === 1 ? '' : 'es'}`, `give at most ${processes}, or raise processes`);
    if (perCall) throw new InputError(`${where}: processCalls`, 'needs calls in list form (or no calls): the per-DDI count form of calls is global', 'write calls: [...] with callsPerThread');
    if (sc.clients !== undefined) throw new InputError(`${where}: processCalls`, 'is set but the scenario runs clients, which make no calls', 'drop clients or processCalls');
    for (let p = 0; p < processes; p++) {
      const l: unknown = pc[p];
      if (l !== undefined && !Array.isArray(l)) throw new InputError(`${where}: processCalls[${p}]`, `must be a list of calls (or undefined: process ${p} uses calls), got ${JSON.stringify(l)}`);
      procSpecs.push(l as readonly CallSpec[] | undefined);
    }
    if (callsPerThread === 0) callsPerThread = count(sc.callsPerThread ?? 1, `${where}: callsPerThread`, 1);
  }
  // Each process's list, and the union of all lists (deduplicated by key, as bindCalls does).
  const listOf = (p: number): readonly CallSpec[] => procSpecs[p] ?? specs;
  const allSpecs: CallSpec[] = [...specs];
  for (let p = 0; p < procSpecs.length; p++) if (procSpecs[p] !== undefined) allSpecs.push(...procSpecs[p]!);
  if (bounds.lifecycle) reserved(allSpecs, LIFECYCLE_DDIS, where, 'lifecycle', 'PnP thread');
  if (bounds.bugcheck) reserved(allSpecs, [ENABLE_DDI, WRITE_DDI], where, 'bugcheck', 'BUGCHECK context');
  // The PnP thread and the BUGCHECK context call the driver too: driver mode, even with no thread's calls.
  const osCalls = bounds.lifecycle != null || bounds.bugcheck != null;
  const mode: Mode = sc.dispatcher !== undefined ? 'conformance' : allSpecs.length > 0 || osCalls ? 'driver' : 'free';
  const policy = sc.policy ?? (mode === 'conformance' ? 'dispatcher' : 'driver');
  const fields: [string, readonly CallSpec[]][] = [['calls', specs]];
  procSpecs.forEach((l, p) => { if (l !== undefined) fields.push([`processCalls[${p}]`, l]); });
  for (const [field, list] of fields) {
    const bound = bindCalls(list, catalog, policy, where, field);
    if (mode === 'driver') for (const k of bound) if (!(k.ddi in ddiDefs)) throw new InputError(`${where}: ${field}`, `names ${k.ddi}, which the model does not handle`, `add ddis: { ${k.ddi}: { steps: { ... } } }; ${known('ddis', ddiDefs)}`);
  }
  const calls = bindCalls(allSpecs, catalog, policy, where);
  const kindOfKey = new Map(calls.map((k) => [k.key, k.index]));
  /** Call kinds the threads of process p may start. */
  const kindsOf = (p: number): number[] => [...new Set(listOf(p).map((s) => kindOfKey.get(callKey(s))!))];
  for (const d of Object.keys(ddiDefs)) if (!catalog.ddis.some((e) => e.name === d)) throw new InputError(`model ${m}: ddis.${d}`, 'is not in the contract catalog', 'check the spelling (ddicheck catalog lists every DDI), or add it with contract: { extend: { ddis: [...] } }');
  const adapter = model.adapter ? compileAdapter(model.adapter, tdrs, `model ${m}`) : null;
  // The script also tells a system that only tracks the TDR phase (a dispatcher making the TDR calls) which cleanup calls there are.
  const tdr = tracksTdr(calls, tdrs) ? planTdr(catalog, adapter?.allocations ?? ['memory'], policy, calls, where) : null;
  const tdrKinds = tdr && tdrs > 0 ? [...tdr.preamble.map((p) => p.kind), tdr.reset, ...tdr.cleanup, tdr.restart] : [];
  // The PnP thread's lifecycle calls and the bugcheck display path: calls the OS makes itself, like the TDR's.
  const life = bounds.lifecycle ?? null;
  let lifecycle: LifecycleScript | null = null;
  const pnpKinds: number[] = [];
  if (life) {
    const kind = (on: boolean, ddi: string): number => { if (!on) return -1; const k = osCall(catalog, policy, calls, where, ddi); pnpKinds.push(k); return k; };
    lifecycle = { start: kind(life.start, START_DDI), removal: kind(life.surpriseRemoval, REMOVAL_DDI), stop: kind(life.stop, STOP_DDI) };
  }
  const bug = bounds.bugcheck ?? null;
  let bugcheck: BugcheckScript | null = null;
  const bugcheckKinds: number[] = [];
  if (bug) {
    bugcheck = { enable: osCall(catalog, policy, calls, where, ENABLE_DDI), write: osCall(catalog, policy, calls, where, WRITE_DDI), writes: bug.writes };
    bugcheckKinds.push(bugcheck.enable, bugcheck.write);
  }
  return { catalog, specs, perCall, callsPerThread, procSpecs, allSpecs, mode, policy, calls, kindsOf, adapter, tdrKinds, tdr, lifecycle, bugcheck, pnpKinds, bugcheckKinds };
}
