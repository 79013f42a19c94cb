/**
 * The list of checks `ddicheck ci` runs: from a config file, or, without one,
 * from the bundled library's manifest (every model's `expect` entries). A config
 * is JSON; every entry is validated before anything runs, so a typo fails fast
 * with one message naming the file and the entry.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import type { Expectation } from '../model/define.js';
import { InputError } from '../errors.js';
import { Property } from '../model/violation.js';
import { Rule } from '../os/rules.js';
import { nearest } from '../model/keys.js';
import { projectModels, displayPath, loadModel, type LoadedModel } from '../load/model-files.js';

export interface CiBudget {
  /** Distinct states per check. */
  readonly maxStates?: number;
  /** Seconds per check (in a check entry) or for the whole run (at the top). */
  readonly seconds?: number;
  /** Resident memory in MiB; a check that grows past it stops, inconclusive. */
  readonly memoryMB?: number;
}

export interface CiCheck {
  readonly file: string;
  readonly scenario: string;
  readonly expect: Expectation;
  readonly budget: CiBudget;
  /** "models/kmdod/kmdod.ts#default": names the check in reports and baselines. */
  readonly id: string;
  /** Set when the check cannot run: its model did not load (the message). The other checks still run. */
  readonly error?: string;
}

export interface CiPlan {
  readonly source: string;
  readonly checks: readonly CiCheck[];
  readonly budget: CiBudget;
  readonly inconclusive?: 'fail' | 'pass';
  readonly models: ReadonlyMap<string, LoadedModel>;
}

const VERDICTS = ['holds', 'violated', 'inconclusive'];

function budgetOf(v: unknown, where: string): CiBudget {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(where, 'budget must be an object like { "maxStates": 1000000, "seconds": 60, "memoryMB": 2048 }');
  const b = v as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!['maxStates', 'seconds', 'memoryMB'].includes(k)) throw new InputError(where, `budget has unknown field "${k}"`, 'known fields: maxStates, seconds, memoryMB');
  for (const k of ['maxStates', 'seconds', 'memoryMB']) {
    const x = b[k];
    if (x !== undefined && (typeof x !== 'number' || !(x > 0))) throw new InputError(where, `budget.${k} must be a positive number, got ${JSON.stringify(x)}`);
  }
  return b as CiBudget;
}

function expectationOf(v: unknown, where: string): Expectation {
  const e = typeof v === 'string' ? { verdict: v } : v;
  if (typeof e !== 'object' || e === null) throw new InputError(where, 'expect must be "holds", "violated" or { "verdict": ..., "property": ... }');
  const { verdict, property } = e as Record<string, unknown>;
  if (typeof verdict !== 'string' || !VERDICTS.includes(verdict)) throw new InputError(where, `expect.verdict must be one of ${VERDICTS.join(', ')}, got ${JSON.stringify(verdict)}`);
  if (property !== undefined && (typeof property !== 'string' || verdict !== 'violated')) throw new InputError(where, 'expect.property is a string, and only with verdict "violated"');
  return { verdict: verdict as Expectation['verdict'], ...(property !== undefined ? { property: property as string } : {}) };
}

/** What a model file that does not load becomes: a check that reports the error instead of aborting the run. */
const NOT_LOADED = '(load)';

/**
 * The property names a model can report: the built-in ones, the contract's
 * rules, its invariants, and any name its source spells as a string literal
 * (a property of its own, from k.assert(cond, message, 'name')).
 */
function knownProperty(m: LoadedModel, property: string): boolean {
  const builtIn: string[] = [...Object.values(Property), ...Object.values(Rule), ...Object.keys(m.model.invariants ?? {})];
  if (builtIn.includes(property)) return true;
  let source = '';
  try { source = readFileSync(m.file, 'utf8'); } catch { /* judged on the names above */ }
  return [`'${property}'`, `"${property}"`, `\`${property}\``].some((q) => source.includes(q));
}

function checkProperty(m: LoadedModel, e: Expectation, where: string): void {
  if (e.property === undefined || knownProperty(m, e.property)) return;
  const names = [...Object.values(Property), ...Object.values(Rule), ...Object.keys(m.model.invariants ?? {})];
  throw new InputError(where, `expects property "${e.property}", which model ${m.model.name} cannot report (did you mean "${nearest(e.property, names)}"?)`,
    `properties: the built-in ones (${Object.values(Property).join(', ')}), the contract's rules, and the model's invariants`);
}

async function load(models: Map<string, LoadedModel>, file: string): Promise<LoadedModel> {
  let m = models.get(file);
  if (!m) { m = await loadModel(file); models.set(file, m); }
  return m;
}

function scenarioOf(m: LoadedModel, scenario: unknown, where: string): string {
  const names = Object.keys(m.model.scenarios);
  const s = scenario === undefined ? (m.model.defaultScenario ?? (names.includes('default') ? 'default' : names[0])) : scenario;
  if (typeof s !== 'string' || !names.includes(s)) throw new InputError(where, `model ${m.model.name} has no scenario ${JSON.stringify(s)}`, `known scenarios: ${names.join(', ')}`);
  return s;
}

/** The checks of a config file. */
export async function planFromFile(path: string): Promise<CiPlan> {
  const file = resolve(path);
  const shown = displayPath(file);
  if (!existsSync(file)) throw new InputError(shown, 'no such config file');
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new InputError(shown, `is not valid JSON: ${(e as Error).message}`); }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(shown, 'must be a JSON object with a "checks" array');
  const cfg = raw as Record<string, unknown>;
  for (const k of Object.keys(cfg)) if (!['checks', 'budget', 'inconclusive', '$schema'].includes(k)) throw new InputError(shown, `has unknown field "${k}"`, 'known fields: checks, budget, inconclusive');
  if (!Array.isArray(cfg.checks) || cfg.checks.length === 0) throw new InputError(shown, '"checks" must be a non-empty array');
  if (cfg.inconclusive !== undefined && cfg.inconclusive !== 'fail' && cfg.inconclusive !== 'pass') throw new InputError(`${shown}: inconclusive`, 'must be "fail" or "pass"');
  const models = new Map<string, LoadedModel>();
  const checks: CiCheck[] = [];
  for (const [i, entry] of (cfg.checks as unknown[]).entries()) {
    const where = `${shown}: checks[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new InputError(where, 'must be an object with "model", and optionally "scenario", "expect", "budget"');
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!['model', 'scenario', 'expect', 'budget'].includes(k)) throw new InputError(where, `has unknown field "${k}"`, 'known fields: model, scenario, expect, budget');
    if (typeof e.model !== 'string') throw new InputError(where, '"model" must be a path to a model file');
    const modelFile = resolve(dirname(file), e.model);
    const budget = budgetOf(e.budget, `${where}: budget`);
    // A path that names nothing is a mistake in the config; a model that fails to load is that check's error.
    if (!existsSync(modelFile)) throw new InputError(`${where} (${e.model})`, 'no such model file', 'the path is relative to the config file');
    let m: LoadedModel;
    try { m = await load(models, modelFile); } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const scenario = typeof e.scenario === 'string' ? e.scenario : NOT_LOADED;
      const expect = e.expect === undefined ? { verdict: 'holds' as const } : expectationOf(e.expect, `${where}: expect`);
      checks.push({ file: modelFile, scenario, expect, budget, id: `${displayPath(modelFile)}#${scenario}`, error: err.message.split('\n')[0] });
      continue;
    }
    const scenario = scenarioOf(m, e.scenario, where);
    const expect = e.expect === undefined ? (m.model.expect?.[scenario] ?? { verdict: 'holds' as const }) : expectationOf(e.expect, `${where}: expect`);
    checkProperty(m, expect, `${where}: expect`);
    const id = `${displayPath(m.file)}#${scenario}`;
    const twice = checks.findIndex((c) => c.id === id);
    if (twice >= 0) throw new InputError(where, `checks ${id} again (checks[${twice}] already does)`, 'list each model and scenario once');
    checks.push({ file: m.file, scenario, expect, budget, id });
  }
  return { source: shown, checks, budget: budgetOf(cfg.budget, `${shown}: budget`), inconclusive: cfg.inconclusive as CiPlan['inconclusive'], models };
}

/** Without a config: the manifest entries of the project's models (or each one's default scenario, expected to hold). */
export async function planFromManifest(found = projectModels()): Promise<CiPlan> {
  const files = found.files;
  const models = new Map<string, LoadedModel>();
  const checks: CiCheck[] = [];
  for (const f of files) {
    let m: LoadedModel;
    try { m = await load(models, f); } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const file = resolve(f);
      checks.push({ file, scenario: NOT_LOADED, expect: { verdict: 'holds' }, budget: {}, id: `${displayPath(file)}#${NOT_LOADED}`, error: err.message.split('\n')[0] });
      continue;
    }
    const shown = displayPath(m.file);
    const expect = m.model.expect;
    if (expect && Object.keys(expect).length > 0) {
      for (const [scenario, e] of Object.entries(expect)) {
        const sc = scenarioOf(m, scenario, `${shown}: expect`);
        const ex = expectationOf(e, `${shown}: expect.${scenario}`);
        checkProperty(m, ex, `${shown}: expect.${scenario}`);
        checks.push({ file: m.file, scenario: sc, expect: ex, budget: {}, id: `${shown}#${sc}` });
      }
    } else {
      const sc = scenarioOf(m, undefined, shown);
      checks.push({ file: m.file, scenario: sc, expect: { verdict: 'holds' }, budget: {}, id: `${shown}#${sc}` });
    }
  }
  return { source: `the manifest of ${found.source}`, checks, budget: {}, models };
}
