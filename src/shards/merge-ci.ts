/**
 * Joining the reports of the shards of one `ddicheck ci` run (--shard i/n)
 * into what one unsharded run writes: the JSON report, the JUnit XML and the
 * SARIF log. The shards' JSON reports are the record: each says which shard it
 * is, of how many, of which check list and ddicheck version, so a missing,
 * duplicated or foreign shard is refused naming its file. JUnit and SARIF
 * files carry no such record: each is matched to the checks the JSON reports
 * name, and refused when its checks are not a shard's.
 */
import { InputError } from '../errors.js';
import { CI_REPORT_FORMAT, type CiJson, type CiJsonCheck } from './ci-json.js';
import type { KnownViolation } from '../ci/baseline.js';

/** A report read from a file, with the file's name for messages. */
export interface Named<T> { readonly file: string; readonly value: T }

/** Whether a parsed JSON value is a `ddicheck ci --json` report. */
export function isCiJson(v: unknown): v is CiJson {
  return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === CI_REPORT_FORMAT;
}

/** Checks that the shards are all of one run and all there; returns them in shard order. */
function shardsInOrder(reports: readonly Named<CiJson>[]): Named<CiJson>[] {
  const first = reports[0];
  for (const r of reports) {
    const v = r.value;
    if (!v.shard) throw new InputError(r.file, 'is the report of a whole run, not of a shard (--shard i/n)', 'merge the reports of the shards of one run');
    if (!Array.isArray(v.checks) || !Array.isArray(v.all)) throw new InputError(r.file, 'is not a complete ddicheck ci report (no "checks" or "all")', 'write it again with ddicheck ci --json');
    const w = first.value;
    if (v.ddicheck !== w.ddicheck) throw new InputError(r.file, `was written by ddicheck ${v.ddicheck}, and ${first.file} by ddicheck ${w.ddicheck}`, 'run every shard with the same ddicheck');
    if (v.contract !== w.contract) throw new InputError(r.file, `checked against contract ${v.contract}, and ${first.file} against ${w.contract}`, 'run every shard with the same ddicheck');
    if (v.plan !== w.plan) throw new InputError(r.file, `ran another list of checks (plan ${v.plan}) than ${first.file} (plan ${w.plan})`, 'run every shard from the same commit and config');
    if (v.shard.count !== w.shard!.count) throw new InputError(r.file, `is shard ${v.shard.index}/${v.shard.count}, and ${first.file} is shard ${w.shard!.index}/${w.shard!.count}`, 'merge the shards of one run: every one with the same n');
    if ((v.shard.by ?? 'id') !== (w.shard!.by ?? 'id')) throw new InputError(r.file, `was split ${v.shard.by === 'costs' ? 'by recorded costs' : 'round-robin by id'}, and ${first.file} ${w.shard!.by === 'costs' ? 'by recorded costs' : 'round-robin by id'}`, 'give every shard the same --costs file, or none');
    if (v.inconclusive !== w.inconclusive) throw new InputError(r.file, `fails inconclusive checks "${v.inconclusive}", and ${first.file} "${w.inconclusive}"`, 'run every shard with the same --inconclusive');
  }
  const n = first.value.shard!.count;
  const byIndex = new Map<number, Named<CiJson>>();
  for (const r of reports) {
    const i = r.value.shard!.index;
    const twice = byIndex.get(i);
    if (twice) throw new InputError(r.file, `is shard ${i}/${n} again (${twice.file} already is)`, 'give each shard\'s report once');
    byIndex.set(i, r);
  }
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new InputError(first.file, `is shard ${first.value.shard!.index} of ${n}, and the report${missing.length === 1 ? '' : 's'} of shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`, 'give every shard\'s --json report (a failed shard still writes one)');
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}

/** The check each report holds, by id, refusing a check two shards ran or one no shard ran. */
function checksByPlan(shards: readonly Named<CiJson>[]): { checks: CiJsonCheck[]; from: Map<string, string> } {
  const from = new Map<string, string>();
  const byId = new Map<string, CiJsonCheck>();
  for (const s of shards) {
    for (const c of s.value.checks) {
      const other = from.get(c.check);
      if (other !== undefined) throw new InputError(s.file, `ran check ${c.check}, which ${other} ran too`, 'give every shard the same --costs file (or none): the split depends on it');
      from.set(c.check, s.file);
      byId.set(c.check, c);
    }
  }
  const all = shards[0].value.all;
  const lost = all.filter((id) => !byId.has(id));
  if (lost.length > 0) throw new InputError(shards[0].file, `lists check ${lost[0]}${lost.length > 1 ? ` (and ${lost.length - 1} more)` : ''}, which no shard ran`, 'give every shard the same --costs file (or none): the split depends on it');
  return { checks: all.map((id) => byId.get(id)!), from };
}

/** The merged JSON report: the checks in the run's order, as one run writes them. */
export function mergeCiJson(reports: readonly Named<CiJson>[]): CiJson {
  if (reports.length === 0) throw new InputError('ddicheck merge', 'was given no ci --json reports');
  const shards = shardsInOrder(reports);
  const { checks } = checksByPlan(shards);
  const w = shards[0].value;
  // A baseline entry is fixed when the shard that ran its check saw nothing of it, and no other shard saw it either.
  const matched = (k: KnownViolation): boolean => checks.some((c) => c.signature === k.signature && c.result?.property === k.property);
  const fixed = new Map<string, KnownViolation>();
  for (const s of shards) for (const k of s.value.fixed) if (!matched(k)) fixed.set(`${k.check}\n${k.property}\n${k.signature}`, k);
  return {
    format: CI_REPORT_FORMAT, ddicheck: w.ddicheck, contract: w.contract, source: w.source, plan: w.plan, all: [...w.all],
    shard: null, mergedFrom: shards.map((s) => s.file), inconclusive: w.inconclusive,
    // The shards ran side by side: the run took as long as the slowest one.
    seconds: Math.max(...shards.map((s) => s.value.seconds)),
    interrupted: shards.some((s) => s.value.interrupted),
    checks,
    fixed: [...fixed.values()].sort((x, y) => x.check.localeCompare(y.check) || x.property.localeCompare(y.property)),
  };
}

const unescapeXml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The testcase elements of a JUnit file ddicheck wrote, each with the check it is. */
function testcases(file: string, xml: string): { id: string; text: string }[] {
  if (!xml.includes('<testsuite name="ddicheck ci"')) throw new InputError(file, 'is not a JUnit report of ddicheck ci', 'give the --junit files the shards wrote');
  // Text inside is escaped, so "</testcase>" only ever closes an element.
  return [...xml.matchAll(/ {4}<testcase classname="([^"]*)" name="([^"]*)"[\s\S]*?\n {4}<\/testcase>/g)]
    .map((m) => ({ id: `${unescapeXml(m[1])}#${unescapeXml(m[2])}`, text: m[0] }));
}

/** The merged JUnit XML: every shard's testcases in the run's order, the counts over all of them. */
export function mergeJunit(files: readonly Named<string>[], merged: CiJson): string {
  const order = new Map(merged.all.map((id, i) => [id, i]));
  const cases = new Map<string, { text: string; file: string }>();
  for (const f of files) {
    const found = testcases(f.file, f.value);
    for (const c of found) {
      if (!order.has(c.id)) throw new InputError(f.file, `has a testcase for ${c.id}, which is not a check of the merged run`, 'give the --junit files of the same shards as the --json reports');
      const other = cases.get(c.id);
      if (other) throw new InputError(f.file, `has a testcase for ${c.id}, which ${other.file} has too`, 'give each shard\'s --junit file once');
      cases.set(c.id, { text: c.text, file: f.file });
    }
  }
  const lost = merged.all.filter((id) => !cases.has(id));
  if (lost.length > 0) throw new InputError(files[0]?.file ?? '--junit', `the JUnit files have no testcase for ${lost[0]}${lost.length > 1 ? ` (and ${lost.length - 1} more)` : ''}`, 'give every shard\'s --junit file');
  const body = merged.all.map((id) => cases.get(id)!.text);
  const n = body.length;
  const count = (tag: string): number => body.filter((t) => t.includes(`\n      <${tag} `)).length;
  const failures = count('failure');
  const errors = count('error');
  const skipped = count('skipped');
  const time = merged.seconds.toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ddicheck" tests="${n}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="ddicheck ci" tests="${n}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

interface SarifResult { ruleId: string; ruleIndex: number; message: { text: string } }
interface SarifRule { id: string }
interface SarifLog { runs: { tool: { driver: { name: string; version: string; rules: SarifRule[] } }; results: SarifResult[] }[] }

/** The merged SARIF log: every shard's results in the run's order, the rules they use once each. */
export function mergeSarif(files: readonly Named<unknown>[], merged: CiJson): object {
  const order = new Map(merged.all.map((id, i) => [id, i]));
  // A result's message starts with its check's id and ": ".
  const byLength = [...merged.all].sort((a, b) => b.length - a.length);
  const checkOf = (r: SarifResult): string | undefined => byLength.find((id) => r.message?.text?.startsWith(`${id}: `));
  const results: { r: SarifResult; at: number; n: number }[] = [];
  const rules = new Map<string, SarifRule>();
  const seen = new Map<string, string>();
  let head: SarifLog | null = null;
  for (const f of files) {
    const log = f.value as SarifLog;
    const run = log?.runs?.[0];
    if (run?.tool?.driver?.name !== 'ddicheck' || !Array.isArray(run.results)) throw new InputError(f.file, 'is not a SARIF log of ddicheck ci', 'give the --sarif files the shards wrote');
    if (run.tool.driver.version !== merged.ddicheck) throw new InputError(f.file, `was written by ddicheck ${run.tool.driver.version}, and the --json reports by ${merged.ddicheck}`, 'run every shard with the same ddicheck');
    head ??= log;
    for (const rule of run.tool.driver.rules ?? []) rules.set(rule.id, rule);
    const ids = new Set<string>();
    for (const r of run.results) {
      const id = checkOf(r);
      if (id === undefined) throw new InputError(f.file, `has a result (${r.message?.text?.slice(0, 60) ?? r.ruleId}) for no check of the merged run`, 'give the --sarif files of the same shards as the --json reports');
      ids.add(id);
      results.push({ r, at: order.get(id)!, n: results.length });
    }
    for (const id of ids) {
      const other = seen.get(id);
      if (other) throw new InputError(f.file, `has results for ${id}, which ${other} has too`, 'give each shard\'s --sarif file once');
      seen.set(id, f.file);
    }
  }
  // Every violated check of the merged report must have its result.
  const lost = merged.checks.filter((c) => c.result?.verdict === 'violated' && !seen.has(c.check));
  if (lost.length > 0) throw new InputError(files[0]?.file ?? '--sarif', `the SARIF files have no result for ${lost[0].check}, which was violated`, 'give every shard\'s --sarif file');
  if (head === null) throw new InputError('--sarif', 'needs the shards\' SARIF files');
  const ruleIds = [...rules.keys()].sort();
  const sorted = results.sort((a, b) => a.at - b.at || a.n - b.n).map(({ r }) => ({ ...r, ruleIndex: ruleIds.indexOf(r.ruleId) }));
  const run = head.runs[0];
  return { ...head, runs: [{ ...run, tool: { ...run.tool, driver: { ...run.tool.driver, rules: ruleIds.map((id) => rules.get(id)!) } }, results: sorted }] };
}
