/**
 * The reduction table of `npm run bench`: the reference dispatcher at the sizes
 * the benchmark README names (processes x threads x calls: 1x3x2, 2x2x1, 3x1x2
 * and the full 3x2x2) and two library models, each with no reduction, symmetry,
 * partial-order reduction and both; then SPIN on the same dispatcher sizes when
 * it is installed, with and without its partial-order reduction, and the ratio
 * of time to a full verdict.
 *
 * Every case runs in a child process of its own (its peak memory is its own)
 * under a time and state budget: a case that hits one did not finish, and says
 * so; its counts are then a partial search, never a verdict. The stuck-context
 * check is off in every case (partial-order reduction skips it anyway), so
 * bytes per state compare the visited set and parent links alone.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnyModel, CheckOptions } from '../src/index.js';
import { check } from '../src/index.js';
import { dispatcherModel } from '../models/_dispatcher.js';
import { runSpin, spinAvailable, type SpinRow, type SpinSize } from './spin.js';

/** The reductions compared, as check options. */
export const MODES = {
  none: { symmetry: false, por: false },
  symmetry: { symmetry: true, por: false },
  por: { symmetry: false, por: true },
  both: { symmetry: true, por: true },
} as const satisfies Record<string, CheckOptions>;
export type Mode = keyof typeof MODES;

interface Subject {
  /** "dispatcher 3x2x2", "render / tdr". */
  readonly label: string;
  /** The dispatcher's size, for SPIN; absent for library models. */
  readonly size?: SpinSize;
  readonly file?: string;
  readonly scenario: string;
  /** Budgets per case: a case that hits one did not finish. */
  readonly maxStates: number;
  readonly seconds: number;
  /** Modes not run (the unreduced search of a size that cannot finish here, say). */
  readonly skip?: readonly Mode[];
  /** States and transitions of whole searches, to catch a wrong answer being timed. */
  readonly expect?: Partial<Record<Mode, readonly [number, number]>>;
}

const root = new URL('../', import.meta.url);


const SUBJECTS: readonly Subject[] = [
  { label: 'dispatcher 1x3x2', size: { processes: 1, threads: 3, calls: 2 }, scenario: 'contention', maxStates: 5e7, seconds: 300,
    expect: { none: [2_527_120, 9_494_802], symmetry: [451_184, 1_695_078], por: [682_883, 2_074_443], both: [129_267, 394_063] } },
  { label: 'dispatcher 2x2x1', size: { processes: 2, threads: 2, calls: 1 }, scenario: 'square', maxStates: 5e7, seconds: 300,
    expect: { none: [2_905_352, 13_270_441], symmetry: [385_736, 1_757_049], por: [1_145_132, 3_983_485], both: [152_108, 529_891] } },
  { label: 'dispatcher 3x1x2', size: { processes: 3, threads: 1, calls: 2 }, scenario: 'wide', maxStates: 5e7, seconds: 300,
    expect: { symmetry: [3_698_592, 15_340_268], both: [3_435_627, 10_603_915] } },
  // 3x2x2 does not finish on this machine without reductions; FULL_SIZE_SECONDS gives each reduction its time.
  { label: 'dispatcher 3x2x2', size: { processes: 3, threads: 2, calls: 2 }, scenario: 'bench', maxStates: 1e9, seconds: 600 },
  { label: 'render / tdr-2-threads', file: 'models/render/render.ts', scenario: 'tdr-2-threads', maxStates: 2e7, seconds: 300 },
  { label: 'kmdod / pointer', file: 'models/kmdod/kmdod.ts', scenario: 'pointer', maxStates: 2e7, seconds: 300 },
];

/**
 * Time budgets at the full size, by reduction: none of them finishes here (with every reduction on it
 * did not in 10 minutes either), so they measure how far each gets; `--full-size-seconds N` gives every
 * reduction N seconds instead.
 */
const FULL_SIZE_SECONDS: Record<Mode, number> = { none: 30, por: 30, symmetry: 60, both: 180 };
/** SPIN's time limit a run (at the full size it runs out of memory or time either way). */
const SPIN_SECONDS = 180;

export interface ReductionRow {
  readonly label: string;
  readonly mode: Mode;
  readonly verdict: string;
  readonly finished: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  /** Whole child process: start-up, loading, compiling the model, the search. */
  readonly wallSeconds: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly peakRssMiB: number;
  readonly note?: string;
  /** Set when a whole search did not count what `expect` says. */
  readonly mismatch?: string;
}

async function load(s: Subject): Promise<AnyModel> {
  if (s.size) return dispatcherModel(s.size.calls);
  return (await import(new URL(s.file!, root).href)).default as AnyModel;
}

function budgetFor(s: Subject, mode: Mode): { maxStates: number; seconds: number } {
  const at = process.argv.indexOf('--full-size-seconds');
  const full = at >= 0 ? Number(process.argv[at + 1]) : FULL_SIZE_SECONDS[mode];
  return { maxStates: s.maxStates, seconds: s.label === 'dispatcher 3x2x2' ? full : s.seconds };
}

/** In a child: runs one case. */
export async function runReductionCase(subject: number, mode: Mode, t0: number): Promise<ReductionRow> {
  const s = SUBJECTS[subject];
  const model = await load(s);
  const { maxStates, seconds } = budgetFor(s, mode);
  const r = check(model, { scenario: s.scenario, stuckCheck: false, maxStates, seconds, ...MODES[mode] });
  const st = r.stats;
  const finished = r.verdict !== 'inconclusive';
  const want = s.expect?.[mode];
  const mismatch = want && finished && (st.distinctStates !== want[0] || st.transitions !== want[1])
    ? `expected ${want[0]} states / ${want[1]} transitions, got ${st.distinctStates} / ${st.transitions}` : undefined;
  const applied = [st.symmetry && !st.symmetry.applied ? `symmetry not applied: ${st.symmetry.why ?? ''}` : '', ...(r.notes ?? []).filter((n) => /partial-order|symmetry refused/.test(n))].filter(Boolean);
  return {
    label: s.label, mode, verdict: r.verdict, finished, states: st.distinctStates, transitions: st.transitions,
    seconds: st.seconds, wallSeconds: (Date.now() - t0) / 1000, statesPerSecond: st.statesPerSecond, bytesPerState: st.bytesPerState,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    ...(r.verdict === 'inconclusive' ? { note: r.reason } : applied.length > 0 ? { note: applied.join('; ') } : {}),
    ...(mismatch ? { mismatch } : {}),
  };
}

function child(args: readonly string[]): Promise<ReductionRow> {
  const bin = fileURLToPath(new URL('bin/ddicheck-bench.js', root));
  return new Promise((resolve, reject) => {
    const c = fork(bin, [...args, '--t0', String(Date.now())], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let row: ReductionRow | undefined;
    c.on('message', (m) => { row = m as ReductionRow; });
    c.on('error', reject);
    c.on('exit', (code, sig) => row ? resolve(row) : reject(new Error(`bench reduction case ${args.join(' ')} exited with ${sig ?? code} and no result`)));
  });
}

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fix = (n: number, d: number): string => (Number.isFinite(n) ? n.toFixed(d) : '-');

function render(head: readonly string[], body: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (right.has(i) ? c.padStart(w[i]) : c.padEnd(w[i]))).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (right.has(i) ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n))).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

export interface SpinResult { readonly label: string; readonly por: SpinRow; readonly full: SpinRow }

/** The whole reduction benchmark: its table as text, and the rows. */
export async function reductionBench(only: string | undefined, log: (s: string) => void): Promise<{ text: string; rows: ReductionRow[]; spin: SpinResult[] }> {
  const rows: ReductionRow[] = [];
  for (let i = 0; i < SUBJECTS.length; i++) {
    const s = SUBJECTS[i];
    for (const mode of Object.keys(MODES) as Mode[]) {
      if (s.skip?.includes(mode) || (only && !`${s.label}/${mode}`.includes(only))) continue;
      log(`bench: ${s.label}, ${mode} ...`);
      const extra = process.argv.includes('--full-size-seconds') ? ['--full-size-seconds', process.argv[process.argv.indexOf('--full-size-seconds') + 1]] : [];
      let row: ReductionRow;
      try {
        row = await child(['--reduction-case', String(i), mode, ...extra]);
      } catch (e) {
        // One case that cannot run (a model error, say) is a row that says so; the others still run.
        row = { label: s.label, mode, verdict: 'error', finished: false, states: NaN, transitions: NaN, seconds: NaN, wallSeconds: NaN, statesPerSecond: NaN, bytesPerState: NaN, peakRssMiB: NaN, note: String(e), mismatch: String(e) };
      }
      log(` ${fix(row.seconds, 1)} s, ${int(row.states)} states${row.finished ? '' : ' (did not finish)'}\n`);
      rows.push(row);
    }
  }
  const spin: SpinResult[] = [];
  const haveSpin = spinAvailable();
  if (haveSpin) {
    for (const s of SUBJECTS) {
      if (!s.size || (only && !`${s.label}/spin`.includes(only))) continue;
      log(`bench: SPIN ${s.label} ...`);
      // SPIN's memory limit: 16 GB of this machine's 24; at most 5 minutes a run.
      const limit = Math.min(s.seconds, SPIN_SECONDS);
      const por = runSpin(s.size, true, 16384, limit);
      const full = runSpin(s.size, false, 16384, limit);
      log(` ${fix(por.seconds, 1)} s / ${fix(full.seconds, 1)} s\n`);
      spin.push({ label: s.label, por, full });
    }
  }
  const body = rows.map((r) => [
    r.label, r.mode, `${r.finished ? r.verdict : `${r.verdict} (budget)`}${r.mismatch ? ' (!)' : ''}`, int(r.states), int(r.transitions), fix(r.seconds, 2), fix(r.wallSeconds, 2),
    int(r.statesPerSecond), fix(r.bytesPerState, 1), int(r.peakRssMiB),
  ]);
  const out = [
    'Reductions (stuck-context check off in every case; a row marked (budget) did not finish: its counts are a partial search)',
    '',
    render(['subject', 'reduction', 'verdict', 'states stored', 'transitions', 'search s', 'wall s', 'states/s', 'B/state', 'peak RSS MiB'], body, new Set([3, 4, 5, 6, 7, 8, 9])),
  ];
  if (haveSpin && spin.length > 0) {
    const best = (label: string): ReductionRow | undefined => rows.filter((r) => r.label === label && r.finished).sort((a, b) => a.wallSeconds - b.wallSeconds)[0];
    const sbody = spin.map(({ label, por, full }) => {
      const b = best(label);
      const spinWall = por.compileSeconds + por.seconds;
      return [
        label,
        por.finished ? `${int(por.states)} states, ${fix(por.seconds, 2)} s` : `did not finish (${por.note}; ${int(por.states)} states)`,
        full.finished ? `${int(full.states)} states, ${fix(full.seconds, 2)} s` : `did not finish (${full.note}; ${int(full.states)} states)`,
        b ? `${b.mode}: ${int(b.states)} states, ${fix(b.wallSeconds, 2)} s` : 'did not finish',
        b && por.finished ? `${fix(b.wallSeconds / spinWall, 2)}` : b ? 'SPIN gave no verdict' : '-',
      ];
    });
    out.push('', 'SPIN on the same sizes (bench/dispatcher.pml with NPROC, NTHR, CALLS set; gcc -O2 -DSAFETY, -DMEMLIM=16384; search seconds as pan reports them)', '',
      render(['subject', 'SPIN partial-order', 'SPIN -DNOREDUCE', 'ddicheck fastest verdict (whole process)', 'ddicheck / SPIN POR (whole process, SPIN incl. compile)'], sbody, new Set([4])));
  } else if (!haveSpin) {
    out.push('', 'SPIN is not installed (apt-get install -y spin gcc): no side-by-side rows.');
  }
  return { text: out.join('\n'), rows, spin };
}
