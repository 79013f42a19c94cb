/**
 * SPIN on the reference dispatcher, for the benchmark's side-by-side table. The
 * Promela model (bench/dispatcher.pml) is rewritten with the case's sizes
 * (NPROC, NTHR, CALLS), compiled by `spin -a` and gcc, and verified for safety,
 * with SPIN's partial-order reduction or without it (-DNOREDUCE). A run that
 * hits its memory limit or its time limit is reported as not finished: its
 * state count is then a partial search, not a verdict.
 *
 * Only used when `spin` and `gcc` are installed (`apt-get install -y spin gcc`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpinSize { readonly processes: number; readonly threads: number; readonly calls: number }

export interface SpinRow {
  readonly reduce: boolean;
  /** True when pan ended its search (a verdict); false on its memory or time limit. */
  readonly finished: boolean;
  readonly states: number;
  readonly transitions: number;
  /** pan's own elapsed search time (compile time not included). */
  readonly seconds: number;
  /** Compiling (spin -a, gcc) took this long, apart from the search. */
  readonly compileSeconds: number;
  readonly peakRssMiB: number;
  /** Why it did not finish, or pan's error line. */
  readonly note?: string;
}

/** Whether spin and gcc can be run here. */
export function spinAvailable(): boolean {
  const ok = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
  return ok('spin', '-V') && ok('gcc', '--version');
}

const PML = fileURLToPath(new URL('./dispatcher.pml', import.meta.url));

/** The Promela source at a size: the three #defines rewritten. */
export function promelaAt(size: SpinSize): string {
  let src = readFileSync(PML, 'utf8');
  const set = (name: string, v: number): void => {
    const re = new RegExp(`#define ${name} \\d+`);
    if (!re.test(src)) throw new Error(`bench: ${PML} has no "#define ${name}"`);
    src = src.replace(re, `#define ${name} ${v}`);
  };
  set('NPROC', size.processes); set('NTHR', size.threads); set('CALLS', size.calls);
  return src;
}

const num = (out: string, re: RegExp): number => { const m = re.exec(out); return m ? Number(m[1]) : NaN; };

/**
 * Verifies the dispatcher at `size` with SPIN. `memoryMB` goes to pan as
 * -DMEMLIM; `seconds` bounds the search's wall time (then it did not finish).
 */
export function runSpin(size: SpinSize, reduce: boolean, memoryMB: number, seconds: number): SpinRow {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddicheck-spin-'));
  try {
    writeFileSync(path.join(dir, 'dispatcher.pml'), promelaAt(size));
    const t0 = performance.now();
    const gen = spawnSync('spin', ['-a', 'dispatcher.pml'], { cwd: dir, encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`bench: spin -a failed: ${gen.stderr || gen.stdout}`);
    const flags = ['-O2', '-DSAFETY', `-DMEMLIM=${memoryMB}`, ...(reduce ? [] : ['-DNOREDUCE']), '-o', 'pan', 'pan.c'];
    const cc = spawnSync('gcc', flags, { cwd: dir, encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`bench: gcc ${flags.join(' ')} failed: ${cc.stderr}`);
    const compileSeconds = (performance.now() - t0) / 1000;
    // -m: a depth bound far past the model's (about 110 steps per thread and call); -w26: a hash table to match.
    const run = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', './pan', '-m10000000', '-w26'], { cwd: dir, encoding: 'utf8', timeout: seconds * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 26 });
    const out = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
    const timedOut = run.error !== undefined || run.signal !== null;
    const outOfMemory = /out of memory|pan: reached -DMEMLIM/i.test(out);
    const errors = num(out, /errors: (\d+)/);
    const finished = !timedOut && !outOfMemory && errors === 0 && /states, stored/.test(out);
    const note = timedOut ? `stopped after ${seconds} s` : outOfMemory ? `out of memory at ${memoryMB} MB` : errors > 0 ? `pan found ${errors} errors` : undefined;
    return {
      reduce, finished,
      states: num(out, /([\d.e+]+) states, stored/), transitions: num(out, /([\d.e+]+) transitions/),
      seconds: timedOut ? seconds : num(out, /elapsed time ([\d.e+]+) seconds/),
      compileSeconds, peakRssMiB: num(out, /maxrss=(\d+)/) / 1024,
      ...(note ? { note } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
