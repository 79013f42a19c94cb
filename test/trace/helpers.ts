/**
 * Shared by the trace tests: the real command line in a fresh process (as a user
 * or CI runs it), a scratch folder, and traces made in-process from a model file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type CheckOptions } from '../../src/check.js';
import { loadModel } from '../../src/load/model-files.js';
import { sha256File, traceFromResult } from '../../src/trace/build.js';
import type { Trace } from '../../src/trace/format.js';
import type { AnyModel } from '../../src/model/define.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

/** `ddicheck ...args` from the project root. */
export function ddicheck(...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    execFile(process.execPath, [join(root, 'bin', 'ddicheck.js'), ...args], { cwd: root, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') { fail(err); return; }
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

/** A new scratch folder under the system's temporary folder. */
export const scratch = (): string => mkdtempSync(join(tmpdir(), 'ddicheck-trace-'));

/** A test fixture of this folder, as a path relative to the project root. */
export const fixture = (name: string): string => `test/trace/fixtures/${name}`;

/** How a JavaScript stack frame starts: never in a message for the user. */
export const STACK_FRAME = '    at ';

/** Loads a model file (relative to the project root). */
export async function model(file: string): Promise<AnyModel> {
  return (await loadModel(join(root, file))).model;
}

/** Checks a model file's scenario and makes the trace of its violation (throws if it holds). */
export async function traceOf(file: string, opts: CheckOptions = {}): Promise<{ trace: Trace; model: AnyModel }> {
  const m = await model(file);
  const r = check(m, opts);
  if (r.verdict !== 'violated') throw new Error(`${file} ${opts.scenario ?? ''}: expected a violation, got ${r.verdict}`);
  return { trace: traceFromResult(m, r, { file, sha256: sha256File(join(root, file)) }), model: m };
}

/** Every `.ts` fixture in test/fixtures/violated, relative to the root. */
export function violatedFixtures(): string[] {
  const dir = join(root, 'test', 'fixtures', 'violated');
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => relative(root, join(dir, f)));
}
