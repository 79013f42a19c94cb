/**
 * Finds and loads model files. A model file default-exports the value of
 * `defineModel(...)` (or exports it as `model`). Loading type-checks the file
 * first, so a model that does not type-check is reported as such, naming the
 * file, line and message, rather than failing later in a confusing way.
 */
import { readdirSync, existsSync, statSync, readFileSync } from 'node:fs';
import { resolve, relative, join, dirname, sep, isAbsolute } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AnyModel } from '../model/define.js';
import { InputError } from '../errors.js';
import { checkModelKeys } from '../model/keys.js';

export interface LoadedModel { readonly file: string; readonly model: AnyModel }

/** The project root (where package.json and models/ are). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Model files bundled under models/: every .ts file there, not tests. */
export function bundledModelFiles(root = projectRoot): string[] {
  return modelFilesUnder(join(root, 'models'));
}

/** Every model file under a folder: .ts files, not tests, declarations or _helpers. */
function modelFilesUnder(dir: string): string[] {
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

/** The models a command checks when it is given none, and where they came from (said to the user). */
export interface ProjectModels { readonly files: string[]; readonly source: string }

/** The file that lists a project's models: `{ "models": ["models/", "drivers/my-driver.ts"] }`. */
export const CONFIG_FILE = 'ddicheck.config.json';

/**
 * The project's own models, found from the working directory: the files and
 * folders ddicheck.config.json lists, else every model under models/. Never
 * ddicheck's bundled library when run in another project (that is only the
 * answer inside ddicheck's own checkout, whose models/ it is).
 */
export function projectModels(cwd = process.cwd()): ProjectModels {
  const config = join(cwd, CONFIG_FILE);
  if (existsSync(config)) {
    let raw: unknown;
    try { raw = JSON.parse(readFileSync(config, 'utf8')); } catch (e) { throw new InputError(CONFIG_FILE, `is not valid JSON: ${(e as Error).message}`); }
    const entries = (raw as { models?: unknown } | null)?.models;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Array.isArray(entries) || entries.some((m) => typeof m !== 'string')) {
      throw new InputError(CONFIG_FILE, 'must be a JSON object with "models": a list of model files and folders', 'write: { "models": ["models/"] }');
    }
    for (const k of Object.keys(raw)) if (k !== 'models' && k !== '$schema') throw new InputError(CONFIG_FILE, `has unknown field "${k}"`, 'known fields: models');
    const files: string[] = [];
    for (const m of entries as string[]) {
      const p = resolve(cwd, m);
      if (!existsSync(p)) throw new InputError(`${CONFIG_FILE}: models`, `names ${m}, which does not exist`);
      if (statSync(p).isDirectory()) files.push(...modelFilesUnder(p)); else files.push(p);
    }
    if (files.length === 0) throw new InputError(`${CONFIG_FILE}: models`, 'names no model files');
    return { files, source: `the models ${CONFIG_FILE} lists` };
  }
  const files = bundledModelFiles(cwd);
  if (files.length === 0) {
    throw new InputError(displayPath(cwd), `has no ${CONFIG_FILE} and no model files under models/`,
      `give model files on the command line, put them under models/, or list them in ${CONFIG_FILE} as { "models": ["path", ...] }`);
  }
  return { files, source: 'the models under models/' };
}

/** A path as the user should see it: relative to the working directory when shorter. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length < file.length && !rel.startsWith('..') ? rel : file;
}

/** Where the TypeScript compiler's entry script is (ddicheck's own install of it), or null when it is not installed. */
function tscPath(): string | null {
  // typescript's package.json "exports" hides bin/tsc from require.resolve, so go through package.json.
  try {
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    return existsSync(tsc) ? tsc : null;
  } catch { return null; }
}

/**
 * Where ddicheck's own install finds @types/node, or null. The user's project may
 * have none: the check must not depend on it, so types come from ddicheck's side
 * or not at all (a model that uses Node's API then reports it, which is right:
 * a model should not).
 */
function nodeTypeRoot(): string | null {
  try { return dirname(dirname(createRequire(import.meta.url).resolve('@types/node/package.json'))); } catch { return null; }
}

/** One compiler diagnostic: `file(line,col): error TSnnnn: message`. */
const DIAGNOSTIC = /^(.*?)\((\d+),(\d+)\): error TS(\d+): (.*)$/;
/** A diagnostic with no file: a bad option, a missing type library. */
const GLOBAL_DIAGNOSTIC = /^error TS(\d+): (.*)$/;

const CANNOT = 'pass --no-typecheck to run the model without type-checking it';

/**
 * Type-checks model files with the TypeScript compiler; throws InputError naming
 * file:line:column of the first error in a model (or a file it imports). Errors
 * inside ddicheck's own sources are not the model's fault and are left to
 * `npm run typecheck`. The options are ddicheck's, not the project's: the model
 * is an ES module whatever its package.json says (that is how it is loaded), and
 * types resolve from ddicheck's own install. When the compiler cannot run or
 * reports an error that names no file, the model cannot be type-checked: that is
 * bad input too, never a silent pass.
 */
export function typecheck(files: readonly string[]): void {
  if (files.length === 0) return;
  for (const f of files) if (!existsSync(resolve(f))) throw noSuchModel(displayPath(resolve(f)));
  const tsc = tscPath();
  if (tsc === null) throw new InputError(displayPath(resolve(files[0])), 'cannot be type-checked: the TypeScript compiler is not installed beside ddicheck', CANNOT);
  const root = nodeTypeRoot();
  const types = root !== null ? ['--typeRoots', root, '--types', 'node'] : ['--types', ''];
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--ignoreConfig', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--allowImportingTsExtensions', '--allowJs', '--checkJs',
    '--target', 'es2022', ...types, '--skipLibCheck', '--pretty', 'false', ...files], { encoding: 'utf8', cwd: process.cwd() });
  if (r.status === 0) return;
  const own = join(projectRoot, 'src') + sep;
  const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').map((l) => l.trim());
  const global = lines.map((l) => GLOBAL_DIAGNOSTIC.exec(l)).find((m) => m !== null);
  if (global) throw new InputError(displayPath(resolve(files[0])), `cannot be type-checked: TS${global[1]}: ${global[2]}`, CANNOT);
  const all = lines.map((l) => DIAGNOSTIC.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const errors = all.filter((m) => !resolve(m[1]).startsWith(own));
  if (errors.length === 0) {
    if (all.length > 0) return;
    const why = r.error ? r.error.message : lines.find((l) => l) ?? `the compiler exited with ${r.status ?? r.signal}`;
    throw new InputError(displayPath(resolve(files[0])), `cannot be type-checked: ${why}`, CANNOT);
  }
  const [, file, line, col, code, message] = errors[0];
  const syntax = code.startsWith('1') && code.length === 4;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  throw new InputError(`${displayPath(resolve(file))}:${line}:${col}`, `${syntax ? 'has a syntax error' : 'does not type-check'}: ${message}${more}`,
    syntax ? 'fix the syntax; the file must export default defineModel({ ... })' : 'fix the model, or pass --no-typecheck to run it anyway');
}

/**
 * Type-checks `files` and says which fail, for a run that goes on without them
 * (the CI gate): file -> the one-line message. One compiler run when all pass;
 * when some fail, one per file, so each error lands on the model that has it.
 */
export function typecheckEach(files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  try { typecheck(files); return out; } catch (e) { if (!(e instanceof InputError)) throw e; }
  for (const f of files) {
    try { typecheck([f]); } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.set(f, e.message.split('\n')[0]);
    }
  }
  return out;
}

function noSuchModel(shown: string): InputError {
  return new InputError(shown, 'no such model file', 'give a path to a .ts file that exports a model, or no path to check the bundled models');
}

/** Imports a model file and checks that it exports a model. */
export async function loadModel(file: string): Promise<LoadedModel> {
  const abs = resolve(file);
  const shown = displayPath(abs);
  if (!existsSync(abs)) throw noSuchModel(shown);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(abs).href);
  } catch (e) {
    throw loadError(shown, e);
  }
  const model = (mod.default ?? mod.model) as AnyModel | undefined;
  if (!model || typeof model !== 'object' || typeof model.name !== 'string' || typeof model.scenarios !== 'object') {
    throw new InputError(shown, 'does not export a model', 'write: export default defineModel({ name, ..., scenarios: { default: { ... } } })');
  }
  checkModelKeys(model, shown);
  return { file: abs, model };
}

/** The one-line reason a model file failed to import: a syntax error (from esbuild) located, or what it threw and where. */
function loadError(shown: string, e: unknown): InputError {
  const text = e instanceof Error ? e.message : String(e);
  // esbuild (through tsx): "Transform failed with 1 error:\n/abs/file.ts:7:2: ERROR: Expected ..."
  const syntax = /^(.*?):(\d+):(\d+): ERROR: (.*)$/m.exec(text);
  if (syntax) {
    return new InputError(`${displayPath(resolve(syntax[1]))}:${syntax[2]}:${syntax[3]}`, `has a syntax error: ${syntax[4]}`, 'fix the syntax; the file must export default defineModel({ ... })');
  }
  const first = text.split('\n').map((l) => l.trim()).filter((l) => l)[0] ?? '';
  const what = e instanceof Error && e.name !== 'Error' ? `${e.name}: ${first}` : first;
  const at = e instanceof Error && e.stack ? userFrame(e.stack) : null;
  return new InputError(shown, `does not load: ${what}${at ? ` (at ${at})` : ''}`,
    'fix the error; the file must import from ddicheck and export default defineModel({ ... })');
}

/** The first stack frame outside ddicheck's sources and node_modules, as file:line:column. */
function userFrame(stack: string): string | null {
  const own = join(projectRoot, 'src') + sep;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?(\S+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (!isAbsolute(file) || file.includes(`${sep}node_modules${sep}`) || file.startsWith(own)) continue;
    return `${displayPath(file)}:${m[2]}:${m[3]}`;
  }
  return null;
}
