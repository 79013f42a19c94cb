/**
 * `npm run bench:random`: how fast random schedules find the library's bugs.
 * For every bundled model scenario whose manifest (`expect`) says 'violated', and
 * for each strategy (random walk, PCT), the number of runs until the first
 * violation with seeds 1..N, and the median over the seeds. Not a test: it
 * measures and prints a table (runs are deterministic given the seed, so the
 * table is too).
 *
 *   npm run bench:random                      # every buggy library model, 20 seeds
 *   npm run bench:random -- --seeds 5         # fewer seeds
 *   npm run bench:random -- --cap 2000        # give up after this many runs per seed
 *   npm run bench:random -- --only kmdod      # models whose file or scenario contains the text
 *   npm run bench:random -- --fixtures        # also the test fixtures under test/fixtures/violated
 *   npm run bench:random -- --json            # JSON on stdout
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyModel, Expectation } from '../src/index.js';
import { bundledModelFiles, projectRoot } from '../src/load/model-files.js';
import { ScheduleRunner } from '../src/fastcheck/runner.js';
import { firstViolation } from '../src/fastcheck/random-check.js';
import { STRATEGY_NAMES, type StrategyName } from '../src/fastcheck/strategy.js';

interface Row {
  file: string; scenario: string; expected: string;
  results: Record<string, { median: number | null; runs: (number | null)[]; found: string[]; seconds: number }>;
  error?: string;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SEEDS = Number(flag('seeds') ?? 20);
const CAP = Number(flag('cap') ?? 5000);
const DEPTH = Number(flag('depth') ?? 3);
const ONLY = flag('only');
const JSON_OUT = process.argv.includes('--json');

/** Median of runs to first violation; a seed that found nothing counts as more than the cap. */
function median(xs: (number | null)[]): number | null {
  const v = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return Number.isFinite(m) ? m : null;
}

async function main(): Promise<void> {
  const files = bundledModelFiles();
  if (process.argv.includes('--fixtures')) {
    const dir = join(projectRoot, 'test', 'fixtures', 'violated');
    files.push(...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)));
  }
  const rows: Row[] = [];
  for (const abs of files) {
    const file = relative(projectRoot, abs);
    let model: AnyModel;
    try { model = ((await import(pathToFileURL(abs).href)) as { default: AnyModel }).default; } catch (e) {
      rows.push({ file, scenario: '-', expected: '-', results: {}, error: `does not load: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const fixtures = file.startsWith('test/');
    const wanted = fixtures ? [[model.defaultScenario ?? Object.keys(model.scenarios)[0], { verdict: 'violated' } as Expectation] as const]
      : Object.entries(model.expect ?? {}).filter(([, e]) => e.verdict === 'violated');
    for (const [scenario, exp] of wanted) {
      if (ONLY && !`${file}/${scenario}`.includes(ONLY)) continue;
      const row: Row = { file, scenario, expected: exp.property ?? '(any)', results: {} };
      try {
        for (const strategy of STRATEGY_NAMES as StrategyName[]) {
          const runner = new ScheduleRunner(model, { scenario, strategy, depth: DEPTH });
          const t0 = performance.now();
          const runs: (number | null)[] = [];
          const found = new Set<string>();
          for (let seed = 1; seed <= SEEDS; seed++) {
            const r = firstViolation(runner, seed, CAP);
            runs.push(r ? r.run : null);
            if (r) found.add(r.found.property);
          }
          row.results[strategy] = { median: median(runs), runs, found: [...found], seconds: (performance.now() - t0) / 1000 };
        }
      } catch (e) {
        row.error = (e as Error).message.split('\n')[0];
      }
      rows.push(row);
      if (!JSON_OUT) process.stderr.write(`  ${file} ${scenario} done\n`);
    }
  }
  if (JSON_OUT) { process.stdout.write(`${JSON.stringify({ seeds: SEEDS, cap: CAP, depth: DEPTH, rows }, null, 2)}\n`); return; }
  const show = (m: number | null): string => (m === null ? `>${CAP}` : String(m));
  const spread = (xs: (number | null)[]): string => { const f = xs.filter((x): x is number => x !== null); const miss = xs.length - f.length; return f.length ? `${Math.min(...f)}-${Math.max(...f)}${miss ? `, ${miss} miss` : ''}` : 'none'; };
  const header = ['model / scenario', 'expected property', 'random: median', '(range)', 'PCT: median', '(range)', 'found'];
  const table = rows.map((r) => r.error ? [`${r.file} ${r.scenario}`, r.expected, 'error', r.error, '', '', ''] : [
    `${r.file} ${r.scenario}`, r.expected,
    show(r.results.random.median), spread(r.results.random.runs), show(r.results.pct.median), spread(r.results.pct.runs),
    [...new Set([...r.results.random.found, ...r.results.pct.found])].join(', '),
  ]);
  const w = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd();
  console.log(`Runs to the first violation, median over seeds 1..${SEEDS} (PCT depth ${DEPTH}; a seed that finds nothing in ${CAP} runs counts as more)\n`);
  console.log(line(header));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const t of table) console.log(line(t));
}

await main();
