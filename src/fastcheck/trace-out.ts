/**
 * Writes the trace file of a schedule that failed, through the trace module
 * (src/trace): the choices are run again with every check replay makes, so the
 * file holds what `ddicheck replay` and `ddicheck show` will read and confirm.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { buildTrace, engineFor, sha256File, writeTrace } from '../trace/build.js';
import { executeIds } from '../trace/run.js';
import type { Found } from '../explore/explorer.js';
import type { Trace } from '../trace/format.js';
import type { ScheduleRunner } from './runner.js';

/** Where a trace goes when the caller names no file: the system temp folder. */
export function defaultTracePath(runner: ScheduleRunner): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return join(tmpdir(), 'ddicheck', `${safe(runner.model.name)}.${safe(runner.sys.scenarioName)}.${runner.strategy.name}.trace.json`);
}

/**
 * The trace of a failing schedule, or null if its choices do not replay to a
 * violation (which would be a bug: the walk and replay check the same things).
 * `modelFile` is recorded so `ddicheck replay` can load the model.
 */
export function scheduleTrace(runner: ScheduleRunner, found: Found, modelFile?: string): Trace | null {
  const run = executeIds(engineFor(runner.sys, runner.backend), found.choices);
  if (!run.violation) return null;
  const abs = modelFile ? resolve(modelFile) : '';
  const sha256 = abs && existsSync(abs) ? sha256File(abs) : '';
  // As check --trace records it: relative to the working directory when inside it.
  const rel = abs ? relative(process.cwd(), abs) : '';
  const file = !abs ? '' : rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return buildTrace(runner.sys, { file, sha256, backend: runner.backend, order: 'random', budget: {} }, { ...run, violation: run.violation });
}

/** Builds and writes the trace; returns the path, or null when it could not be made. */
export function writeScheduleTrace(runner: ScheduleRunner, found: Found, path: string, modelFile?: string): string | null {
  const trace = scheduleTrace(runner, found, modelFile);
  if (!trace) return null;
  writeTrace(path, trace);
  return path;
}
