/**
 * The parallel search's part of `npm run bench`: the dispatcher's contention
 * scenario (2,527,120 states, the largest that finishes within a minute on one
 * thread) on 1 (the one-thread search), 2 and 4 worker threads, each in a
 * child process of its own, and the speedup over one. Each child first runs a
 * small check to start its workers (they stay in a pool), so the times are of
 * the search alone; the start-up is shown beside them.
 *
 *   npm run bench -- --parallel-only   # only this table
 *   npm run bench -- --no-parallel     # the table without it
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnyModel } from '../src/index.js';
import { check } from '../src/index.js';

const FILE = 'models/dispatcher.ts';
const SCENARIO = 'contention';
const EXPECT = { states: 2_527_120, transitions: 9_494_802 };
export const PARALLEL_WORKERS = [1, 2, 4] as const;

/** What one child measured. */
export interface ParallelRow {
  readonly workers: number;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Seconds the warm-up check took: starting the workers, loading the model in each. */
  readonly startSeconds: number;
  readonly peakRssMiB: number;
  speedup?: number;
  mismatch?: string;
}

const root = new URL('../', import.meta.url);

/** In a child: one measurement with `workers` threads. `quick`: the first tenth of the states. */
export async function parallelCase(workers: number, quick: boolean): Promise<ParallelRow> {
  const file = fileURLToPath(new URL(FILE, root));
  const model = (await import(new URL(FILE, root).href)).default as AnyModel;
  const t0 = performance.now();
  check(model, { scenario: 'default', maxStates: 100, workers, file });
  const startSeconds = (performance.now() - t0) / 1000;
  const maxStates = quick ? EXPECT.states / 10 : undefined;
  // Unreduced (no symmetry): the speed-up over the whole 2.5 M-state space.
  const r = check(model, { scenario: SCENARIO, workers, file, maxStates, stuckCheck: false, symmetry: false });
  const s = r.stats;
  const mismatch = !quick && (s.distinctStates !== EXPECT.states || s.transitions !== EXPECT.transitions)
    ? `expected ${EXPECT.states} states and ${EXPECT.transitions} transitions, got ${s.distinctStates} and ${s.transitions}` : undefined;
  return {
    workers, verdict: r.verdict, states: s.distinctStates, transitions: s.transitions, seconds: s.seconds, statesPerSecond: s.statesPerSecond,
    startSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, ...(mismatch ? { mismatch } : {}),
  };
}

function child(workers: number, quick: boolean): Promise<ParallelRow> {
  const bin = fileURLToPath(new URL('bin/ddicheck-bench.js', root));
  return new Promise((resolve, reject) => {
    const p = fork(bin, ['--parallel-case', String(workers), ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let row: ParallelRow | undefined;
    p.on('message', (m) => { row = m as ParallelRow; });
    p.on('error', reject);
    p.on('exit', (code, sig) => (row ? resolve(row) : reject(new Error(`parallel bench case (${workers} workers) exited with ${sig ?? code} and no result`))));
  });
}

/** Runs every worker count and returns the rows, speedups filled in (over the one-thread row). */
export async function parallelRows(quick: boolean): Promise<ParallelRow[]> {
  const rows: ParallelRow[] = [];
  for (const w of PARALLEL_WORKERS) {
    process.stderr.write(`bench: ${FILE.replace(/^models\/|\.ts$/g, '')} / ${SCENARIO} / ${w} worker${w === 1 ? '' : 's'}${quick ? ', first tenth of the states' : ', every state'} ...`);
    const row = await child(w, quick);
    process.stderr.write(` ${row.seconds.toFixed(1)} s\n`);
    rows.push(row);
  }
  const one = rows.find((r) => r.workers === 1);
  for (const r of rows) if (one && r.seconds > 0) r.speedup = one.seconds / r.seconds;
  return rows;
}

/** The table, for the text report. */
export function parallelTable(rows: readonly ParallelRow[], cores: number): string {
  const int = (n: number): string => Math.round(n).toLocaleString('en-US');
  const head = ['workers', 'verdict', 'states', 'transitions', 'seconds', 'states/s', 'speedup', 'start-up s', 'peak RSS MiB'];
  const body = rows.map((r) => [String(r.workers), r.mismatch ? `${r.verdict} (!)` : r.verdict, int(r.states), int(r.transitions), r.seconds.toFixed(2), int(r.statesPerSecond),
    r.speedup !== undefined ? `${r.speedup.toFixed(2)}x` : '', r.startSeconds.toFixed(2), int(r.peakRssMiB)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i === 1 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (i === 1 ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`;
  return [
    `parallel search: ${FILE} / ${SCENARIO} on this machine's ${cores} cores (1 worker: the one-thread search)`,
    line(head), rule, ...body.map(line),
    'speedup: seconds on one thread over seconds on N workers, the search alone (start-up: the first small check, which starts the workers);',
    '  every run without the stuck-context check, whose graph the workers would log and the coordinator lay out (docs/parallel.md).',
  ].join('\n');
}
