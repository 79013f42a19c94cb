/**
 * `ddicheck merge <reports or folders...>`: joins the reports of the shards of
 * one run into the report one machine would have written. It takes the shards
 * of `ddicheck ci --shard i/n` (their --json reports, and their JUnit and SARIF
 * files), of `ddicheck check --split i/n --json`, or of `ddicheck random
 * --shard i/n --json`, recognised by their content. Exit codes are those of the
 * command the shards ran, applied to the merged report.
 */
import type { Argv } from 'yargs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { checkOutput, writeOutput } from '../output.js';
import { isCiJson, mergeCiJson, mergeJunit, mergeSarif, type Named } from '../../shards/merge-ci.js';
import type { CiJson } from '../../shards/ci-json.js';
import { ciExit } from '../../ci/run.js';
import { ciSummary } from '../../report/ci-text.js';
import { isSplitReport, mergeSplit, splitSummary, type SplitReport } from '../../shards/merge-split.js';
import { isRandomShard, mergeRandom, randomMergeSummary, type RandomShard } from '../../shards/merge-random.js';
import type { ExitCode } from '../../exit.js';
import type { IO } from '../io.js';

export interface MergeArgs { inputs?: string[]; json?: string; junit?: string; sarif?: string }

export const mergeCommand = {
  command: 'merge <inputs..>',
  describe: 'join the reports of the shards of one run (ci --shard, check --split, random --shard) into one',
  builder: (y: Argv) => y
    .positional('inputs', { type: 'string', array: true, describe: 'report files, or folders holding them (*.json, *.xml, *.sarif)' })
    .option('json', { type: 'string', describe: 'write the merged JSON report to this file' })
    .option('junit', { type: 'string', describe: 'write the merged JUnit XML to this file (from the ci shards\' --junit files)' })
    .option('sarif', { type: 'string', describe: 'write the merged SARIF to this file (from the ci shards\' --sarif files)' })
    .example('$0 merge shards/ --json ci.json --junit junit.xml --sarif ddicheck.sarif', 'join the reports of every ci shard in shards/')
    .epilogue('Exit codes: those of the command the shards ran, for the merged report; 2 when a shard is missing, duplicated or of another run.'),
};

const REPORT = /\.(json|xml|sarif)$/;

/** The files named, a folder standing for the reports in it (sorted, so the order is the same everywhere). */
function filesOf(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const i of inputs) {
    const p = resolve(i);
    if (!existsSync(p)) throw new InputError(i, 'no such file or folder', 'give the shards\' report files, or the folder they were downloaded to');
    if (statSync(p).isDirectory()) {
      const inside = readdirSync(p, { recursive: true, encoding: 'utf8' }).filter((f) => REPORT.test(f)).sort().map((f) => join(i, f));
      if (inside.length === 0) throw new InputError(i, 'holds no report files (*.json, *.xml, *.sarif)');
      out.push(...inside);
    } else out.push(i);
  }
  return out;
}

interface Inputs { ci: Named<CiJson>[]; junit: Named<string>[]; sarif: Named<unknown>[]; split: Named<SplitReport>[]; random: Named<RandomShard>[] }

/** Reads and sorts the inputs by kind; one that is none of them is bad input naming it. */
function classify(files: readonly string[]): Inputs {
  const got: Inputs = { ci: [], junit: [], sarif: [], split: [], random: [] };
  for (const file of files) {
    const text = readFileSync(resolve(file), 'utf8');
    if (file.endsWith('.xml')) { got.junit.push({ file, value: text }); continue; }
    let v: unknown;
    try { v = JSON.parse(text); } catch (e) { throw new InputError(file, `is not valid JSON: ${(e as Error).message}`); }
    if (isCiJson(v)) got.ci.push({ file, value: v });
    else if ((v as { version?: unknown } | null)?.version === '2.1.0' && Array.isArray((v as { runs?: unknown }).runs)) got.sarif.push({ file, value: v });
    else if (isSplitReport(v)) got.split.push({ file, value: v });
    else if (isRandomShard(v)) got.random.push({ file, value: v });
    else throw new InputError(file, 'is not a shard\'s report: not the --json of ddicheck ci --shard, check --split or random --shard, nor a JUnit or SARIF file of ci', 'give only the shards\' report files');
  }
  return got;
}

export function runMerge(args: MergeArgs, io: IO): ExitCode {
  for (const [flag, path] of [['--json', args.json], ['--junit', args.junit], ['--sarif', args.sarif]] as const) checkOutput(flag, path);
  const got = classify(filesOf(args.inputs ?? []));
  const kinds = (['ci', 'split', 'random'] as const).filter((k) => got[k].length > 0);
  if (kinds.length > 1) throw new InputError('ddicheck merge', `was given reports of different commands (${kinds.map((k) => ({ ci: 'ci --shard', split: 'check --split', random: 'random --shard' })[k]).join(' and ')})`, 'merge the shards of one run at a time');
  if (kinds.length === 0) throw new InputError(got.junit[0]?.file ?? got.sarif[0]?.file ?? 'ddicheck merge', 'was given no shard\'s --json report: the JSON reports record which shard each is', 'give the shards\' --json reports beside their JUnit and SARIF files');
  if (kinds[0] !== 'ci' && (args.junit || args.sarif)) throw new InputError(args.junit ? '--junit' : '--sarif', 'is written only when merging ci shards');
  if (kinds[0] === 'ci') {
    const merged = mergeCiJson(got.ci);
    if (args.junit && got.junit.length === 0) throw new InputError('--junit', 'needs the shards\' JUnit files among the inputs');
    if (args.sarif && got.sarif.length === 0) throw new InputError('--sarif', 'needs the shards\' SARIF files among the inputs');
    if (args.junit) writeOutput('--junit', args.junit, mergeJunit(got.junit, merged));
    if (args.sarif) writeOutput('--sarif', args.sarif, `${JSON.stringify(mergeSarif(got.sarif, merged), null, 2)}\n`);
    if (args.json) writeOutput('--json', args.json, `${JSON.stringify(merged, null, 2)}\n`);
    const rows = merged.checks.map((c) => ({ check: { id: c.check }, status: c.status, reason: c.reason, ...(c.result ? { result: { stats: c.result.stats } } : {}) }));
    io.out(ciSummary({ outcomes: rows, fixed: merged.fixed, seconds: merged.seconds, interrupted: merged.interrupted }, `${merged.source}, merged from ${got.ci.length} shards`));
    return ciExit(merged.checks.map((c) => c.status), merged.inconclusive);
  }
  if (kinds[0] === 'split') {
    const m = mergeSplit(got.split);
    if (args.json) writeOutput('--json', args.json, `${JSON.stringify(m.report, null, 2)}\n`);
    io.out(splitSummary(m));
    return m.exit;
  }
  const m = mergeRandom(got.random);
  if (args.json) writeOutput('--json', args.json, `${JSON.stringify(m.report, null, 2)}\n`);
  io.out(randomMergeSummary(m));
  return m.exit;
}
