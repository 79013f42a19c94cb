/**
 * Finds and loads model files. A model file default-exports the value of
 * `defineModel(...)` (or exports it as `model`). Loading type-checks the file
 * first, so a model that does not type-check is reported as such, naming the
 * file, line and message, rather than failing later in a confusing way.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { resolve, relative, join, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AnyModel } from '../model/define.js';
import { InputError } from '../errors.js';

export interface LoadedModel { readonly file: string; readonly model: AnyModel }

/** The project root (where package.json and models/ are). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Model files bundled under models/: every .ts file there, not tests. */
export function bundledModelFiles(root = projectRoot): string[] {
  const dir = join(root, 'models');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') && !name.startsWith('_')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A path as the user should see it: relative to the working directory when shorter. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length < file.length && !rel.startsWith('..') ? rel : file;
}

/** Type-checks model files with the TypeScript compiler; throws InputError for the first file with errors. */
export function typecheck(files: readonly string[]): void {
  if (files.length === 0) return;
  let tsc: string;
  try { tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc'); } catch { return; }
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--ignoreConfig', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--skipLibCheck', '--pretty', 'false', ...files], { encoding: 'utf8', cwd: process.cwd() });
  if (r.status === 0) return;
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
  if (lines.length === 0) return;
  const first = /^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(lines[0]);
  const where = first ? `${displayPath(resolve(first[1]))}:${first[2]}:${first[3]}` : 'model';
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more type error${lines.length > 2 ? 's' : ''})` : '';
  throw new InputError(where, `does not type-check: ${first ? first[5] : lines[0]}${more}`, 'fix the model, or pass --no-typecheck to run it anyway');
}

/** Imports a model file and checks that it exports a model. */
export async function loadModel(file: string): Promise<LoadedModel> {
  const abs = resolve(file);
  const shown = displayPath(abs);
  if (!existsSync(abs)) throw new InputError(shown, 'no such model file', 'give a path to a .ts file that exports a model, or no path to check the bundled models');
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(abs).href);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n').filter((l) => l.trim()).slice(0, 3).join(' ') : String(e);
    throw new InputError(shown, `does not load: ${msg}`, 'fix the error above; the file must import from ddicheck and export default defineModel({ ... })');
  }
  const model = (mod.default ?? mod.model) as AnyModel | undefined;
  if (!model || typeof model !== 'object' || typeof model.name !== 'string' || typeof model.scenarios !== 'object') {
    throw new InputError(shown, 'does not export a model', 'write: export default defineModel({ name, ..., scenarios: { default: { ... } } })');
  }
  return { file: abs, model };
}
