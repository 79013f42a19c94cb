/**
 * `npm run bench`: the explorer's benchmark. Not a test: it asserts no timing,
 * it measures and prints. For each reference model and scenario it runs both
 * backends (the fast one over the whole state space or a large budget, the
 * immer oracle, about 80x slower, under a small budget) and prints a table of
 * distinct states/s, transitions/s, bytes per stored state, the frontier peak,
 * the peak resident memory and the fast/immer speed ratio.
 *
 * Each case runs in a child process of its own, so one case's JIT feedback and
 * garbage do not slow the next, and the peak memory is that case's alone.
 *
 *   npm run bench                    # the whole table, about 1-2 minutes
 *   npm run -s bench -- --json       # the same as JSON on stdout (-s: without npm's header)
 *   npm run bench -- --quick         # budgets / 10 (immer at most 1e4 states): a smoke run
 *   npm run bench -- --only present  # cases whose "model/scenario/backend" contains the text
 *   npm run bench -- --reductions-only   # only the reduction table (bench/reductions.ts) and SPIN
 *   npm run bench -- --no-reductions     # without it (it takes most of the benchmark's time: 20-40 minutes)
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AnyModel } from '../src/index.js';
import { check, type BackendName } from '../src/index.js';
import { compile } from '../src/engine/system.js';
import { Codec } from '../src/explore/frontier.js';
import { parallelCase, parallelRows, parallelTable } from './parallel.js';
import { reductionBench, runReductionCase, type Mode } from './reductions.js';

interface Case {
  readonly model: string;
  readonly file: string;
  readonly scenario: string;
  readonly backend: BackendName;
  /** State budget; none: explore every reachable state. */
  readonly maxStates?: number;
  /** Store one state per orbit of interchangeable processes and threads (default: off, every state). */
  readonly symmetry?: boolean;
  /** Distinct states and transitions of the whole space, to catch a wrong answer being timed. */
  readonly expect?: { readonly states: number; readonly transitions: number };
}

/** Budgets: the fast backend sees millions of states; immer gets 1e5 (about 10 s each). */
const IMMER_BUDGET = 1e5;
const CASES: readonly Case[] = [
  // The one pair where both backends cover the same whole space: the cleanest fast/immer ratio.
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'default', backend: 'fast', expect: { states: 110_080, transitions: 347_680 } },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'default', backend: 'immer', expect: { states: 110_080, transitions: 347_680 } },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'contention', backend: 'fast', expect: { states: 2_527_120, transitions: 9_494_802 } },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'contention', backend: 'immer', maxStates: IMMER_BUDGET },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'bench', backend: 'fast', maxStates: 5e6 },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'bench', backend: 'immer', maxStates: IMMER_BUDGET },
  // Symmetry reduction: the same scenarios with one state per orbit (the ratio of states is the reduction's gain).
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'default', backend: 'fast', symmetry: true, expect: { states: 55_552, transitions: 175_464 } },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'contention', backend: 'fast', symmetry: true, expect: { states: 451_184, transitions: 1_695_078 } },
  { model: 'dispatcher', file: 'models/dispatcher.ts', scenario: 'bench', backend: 'fast', symmetry: true, maxStates: 5e6 },
  { model: 'present-queue', file: 'models/present-queue.ts', scenario: 'default', backend: 'fast', expect: { states: 306_926, transitions: 1_176_127 } },
  { model: 'present-queue', file: 'models/present-queue.ts', scenario: 'default', backend: 'immer', maxStates: IMMER_BUDGET },
];

/** What one case measured (sent from the child process). */
interface Row {
  readonly model: string;
  readonly scenario: string;
  readonly backend: BackendName;
  readonly budget: number | null;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly transitionsPerSecond: number;
  readonly bytesPerState: number;
  readonly peakFrontier: number;
  /** Bytes of one frontier entry: the bit-packed state vector plus its id and depth. */
  readonly frontierEntryBytes: number;
  /** Peak resident set of the child process, and before the search began (loader, model, compile). */
  readonly peakRssMiB: number;
  readonly startRssMiB: number;
  /** fast/immer in distinct states/s, on the fast row of a (model, scenario). */
  ratio?: number;
  /** Set when a whole-space run did not find the expected numbers. */
  mismatch?: string;
}

const root = new URL('../', import.meta.url);
const MiB = 1024 * 1024;

/** The case's state budget; --quick divides budgets by 10 and caps whole-space immer runs at 1e4 states. */
function budgetOf(c: Case, quick: boolean): number | undefined {
  if (!quick) return c.maxStates;
  return c.maxStates !== undefined ? c.maxStates / 10 : c.backend === 'immer' ? 1e4 : undefined;
}

async function runCase(c: Case, quick: boolean): Promise<Row> {
  const model = (await import(new URL(c.file, root).href)).default as AnyModel;
  const slots = compile(model, c.scenario).layout.slots;
  const startRssMiB = process.memoryUsage().rss / MiB;
  const maxStates = budgetOf(c, quick);
  const r = check(model, { scenario: c.scenario, backend: c.backend, maxStates, symmetry: c.symmetry ?? false });
  const s = r.stats;
  let mismatch: string | undefined;
  if (c.expect && maxStates === undefined && (r.verdict !== 'holds' || s.distinctStates !== c.expect.states || s.transitions !== c.expect.transitions)) {
    mismatch = `expected holds with ${c.expect.states} states / ${c.expect.transitions} transitions, got ${r.verdict} with ${s.distinctStates} / ${s.transitions}`;
  } else if (r.verdict === 'violated') mismatch = `violated: ${r.property}: ${r.message}`;
  return {
    model: c.model, scenario: c.symmetry ? `${c.scenario} +symmetry` : c.scenario, backend: c.backend, budget: maxStates ?? null, verdict: r.verdict,
    states: s.distinctStates, transitions: s.transitions, maxDepth: s.maxDepth, seconds: s.seconds,
    statesPerSecond: s.statesPerSecond, transitionsPerSecond: s.transitionsPerSecond, bytesPerState: s.bytesPerState,
    peakFrontier: s.peakFrontier, frontierEntryBytes: 4 * (new Codec(slots).words + 2),
    peakRssMiB: process.resourceUsage().maxRSS / 1024, startRssMiB, mismatch,
  };
}

function runChild(index: number, args: readonly string[]): Promise<Row> {
  const bin = fileURLToPath(new URL('bin/ddicheck-bench.js', root));
  return new Promise((resolve, reject) => {
    const child = fork(bin, ['--case', String(index), ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let row: Row | undefined;
    child.on('message', (m) => { row = m as Row; });
    child.on('error', reject);
    child.on('exit', (code, sig) => row ? resolve(row) : reject(new Error(`bench case ${index} exited with ${sig ?? code} and no result`)));
  });
}

// ---------------------------------------------------------------- printing

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fix = (n: number, d: number): string => n.toFixed(d);

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version, platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function table(rows: readonly Row[]): string {
  const head = ['model', 'scenario', 'backend', 'budget', 'verdict', 'states', 'transitions', 'seconds', 'states/s', 'transitions/s', 'B/state', 'peak frontier', 'peak RSS MiB', 'fast/immer'];
  const body = rows.map((r) => [
    r.model, r.scenario, r.backend, r.budget === null ? 'all' : int(r.budget), r.mismatch ? `${r.verdict} (!)` : r.verdict,
    int(r.states), int(r.transitions), fix(r.seconds, 2), int(r.statesPerSecond), int(r.transitionsPerSecond),
    fix(r.bytesPerState, 1), int(r.peakFrontier), int(r.peakRssMiB), r.ratio !== undefined ? `${fix(r.ratio, 0)}x` : '',
  ]);
  const right = new Set([3, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (right.has(i) ? c.padStart(w[i]) : c.padEnd(w[i]))).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (right.has(i) ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n))).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------- main

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const caseAt = argv.indexOf('--case');

const parallelAt = argv.indexOf('--parallel-case');
const reductionAt = argv.indexOf('--reduction-case');

if (reductionAt >= 0) {
  // A child of the reduction block (bench/reductions.ts).
  const t0 = Number(argv[argv.indexOf('--t0') + 1]);
  const row = await runReductionCase(Number(argv[reductionAt + 1]), argv[reductionAt + 2] as Mode, t0);
  process.send!(row, () => process.disconnect?.());
} else if (parallelAt >= 0) {
  // A child of the parallel block (bench/parallel.ts).
  const row = await parallelCase(Number(argv[parallelAt + 1]), quick);
  process.send!(row, () => process.disconnect?.());
} else if (caseAt >= 0) {
  // A child: run one case and report it to the parent.
  const row = await runCase(CASES[Number(argv[caseAt + 1])], quick);
  if (!process.send) throw new Error('bench: --case is for the child processes the benchmark starts');
  process.send(row, () => process.disconnect?.());
} else {
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const reductionsOnly = argv.includes('--reductions-only');
  const parallelOnly = argv.includes('--parallel-only');
  const picked = CASES.map((c, i) => [c, i] as const).filter(([c]) => !parallelOnly && !reductionsOnly && (!only || `${c.model}/${c.scenario}/${c.backend}`.includes(only)));
  const rows: Row[] = [];
  for (const [c, i] of picked) {
    const budget = budgetOf(c, quick);
    process.stderr.write(`bench: ${c.model} / ${c.scenario} / ${c.backend}${budget !== undefined ? `, first ${int(budget)} states` : ', every state'} ...`);
    const row = await runChild(i, quick ? ['--quick'] : []);
    process.stderr.write(` ${fix(row.seconds, 1)} s\n`);
    rows.push(row);
  }
  for (const r of rows) {
    if (r.backend !== 'fast') continue;
    const slow = rows.find((o) => o.backend === 'immer' && o.model === r.model && o.scenario === r.scenario);
    if (slow && slow.statesPerSecond > 0) r.ratio = r.statesPerSecond / slow.statesPerSecond;
  }
  const m = machine();
  // ---- the parallel search's block (bench/parallel.ts): its own cases, table and JSON field
  const parallel = parallelOnly || (!reductionsOnly && !argv.includes('--no-parallel') && only === undefined) ? await parallelRows(quick) : [];
  const parallelText = parallel.length > 0 ? `\n${parallelTable(parallel, Number(m.cores))}\n` : '';
  for (const r of parallel) if (r.mismatch) { process.stderr.write(`bench: parallel, ${r.workers} workers: ${r.mismatch}\n`); process.exitCode = 1; }
  // ---- the reduction block (bench/reductions.ts): no reduction, symmetry, POR, both; SPIN beside them
  const reduced = reductionsOnly || (!parallelOnly && !argv.includes('--no-reductions'))
    ? await reductionBench(only, (t) => process.stderr.write(t)) : null;
  if (reduced && reduced.rows.length === 0 && picked.length === 0 && !parallelOnly) throw new Error(`bench: no case matches --only ${only}`);
  const reducedText = reduced && reduced.rows.length > 0 ? `\n${reduced.text}\n` : '';
  // ----
  if (json) {
    process.stdout.write(`${JSON.stringify({ machine: m, quick, rows, ...(parallel.length > 0 ? { parallel } : {}), ...(reduced ? { reductions: reduced.rows, spin: reduced.spin } : {}) }, null, 2)}\n`);
  } else if (parallelOnly) {
    process.stdout.write(parallelText.slice(1));
  } else if (reductionsOnly) {
    process.stdout.write(reducedText.slice(1));
  } else {
    const out = [
      `ddicheck benchmark${quick ? ' (--quick: budgets / 10, immer at most 10,000 states)' : ''}`,
      `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}`,
      '',
      table(rows),
      '',
      'budget: the search stops after that many distinct states (all: the whole reachable space).',
      'B/state: bytes of the visited set and parent links per distinct state; a frontier entry takes',
      `  ${rows.map((r) => `${r.model}/${r.scenario} ${r.frontierEntryBytes} B`).filter((v, i, a) => a.indexOf(v) === i).join(', ')}.`,
      'peak RSS: the whole child process (Node, the tsx loader, the model) at its largest;',
      `  before each search it was ${int(Math.min(...rows.map((r) => r.startRssMiB)))}-${int(Math.max(...rows.map((r) => r.startRssMiB)))} MiB.`,
      'fast/immer: distinct states/s of the fast backend over the immer one, on the same model and scenario',
      '  (under a budget, a run covers only the first states of the breadth-first search).',
      'The machine may be shared and noisy: compare ratios within one run, not absolute figures across runs.',
    ];
    process.stdout.write(`${out.join('\n')}\n${parallelText}${reducedText}`);
  }
  for (const r of reduced?.rows ?? []) if (r.mismatch) { process.stderr.write(`bench: ${r.label}, ${r.mode}: ${r.mismatch}\n`); process.exitCode = 1; }
  const bad = rows.filter((r) => r.mismatch);
  for (const r of bad) process.stderr.write(`bench: ${r.model}/${r.scenario}/${r.backend}: ${r.mismatch}\n`);
  if (bad.length > 0) process.exitCode = 1;
}
