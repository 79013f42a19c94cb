/**
 * Runs the real command line, `node bin/ddicheck.js ...`, from the project root,
 * the way a user or CI does: a fresh process, tsx loading the TypeScript, real
 * exit codes. Results are memoised by arguments, so several tests can assert on
 * one run without paying for another process (each costs about half a second).
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixtures = join(root, 'test', 'fixtures');

export interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

const runs = new Map<string, Promise<Run>>();

/** `ddicheck ...args`, run once per distinct argument list. */
export function ddicheck(...args: string[]): Promise<Run> {
  const key = JSON.stringify(args);
  let r = runs.get(key);
  if (!r) {
    r = new Promise<Run>((done, fail) => {
      const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
      execFile(process.execPath, [join(root, 'bin', 'ddicheck.js'), ...args], { cwd: root, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') { fail(err); return; }
        done({ code: err ? (err.code as number) : 0, stdout, stderr });
      });
    });
    runs.set(key, r);
  }
  return r;
}

/** A fixture's path as given on the command line (relative to the project root). */
export const fixture = (name: string): string => `test/fixtures/${name}`;

/** The fixture files in one outcome folder (`holds`, `violated`, ...), as command-line paths. */
export function fixturesIn(outcome: string): string[] {
  return readdirSync(join(fixtures, outcome)).filter((f) => f.endsWith('.ts')).sort().map((f) => fixture(`${outcome}/${f}`));
}

/** How a JavaScript stack frame starts ("    at f (file:1:2)"): never in a message for the user. */
export const STACK_FRAME = '    at ';

/** The parsed `--json` summary. */
export interface JsonSummary {
  results: {
    model: string; file?: string; scenario: string; verdict: string; property: string | null; message: string | null; bounds: string; reason?: string; notes?: string[];
    stats: { distinctStates: number; transitions: number; maxDepth: number; seconds: number; statesPerSecond: number; collisions: number; collisionProbability: number };
    counterexample?: { kind: string; length: number; choices: number[]; steps: { index: number; context: string | null; step: string; changes: { path: string; old: unknown; new: unknown }[]; violation?: { property: string; message: string } }[] };
  }[];
}
export const json = (r: Run): JsonSummary => JSON.parse(r.stdout) as JsonSummary;
