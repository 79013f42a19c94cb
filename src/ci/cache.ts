/**
 * The verdict cache of `ddicheck ci --cache DIR`: a check whose inputs have not
 * changed since a run that reached a verdict is not searched again. The key is
 * a hash of everything the verdict depends on: the model file and every file
 * it imports inside the project (by content, so touching a file without
 * changing it keeps the key, and editing a helper changes it), the scenario, the
 * search options and budgets, the contract version and the ddicheck version.
 * Only verdicts are kept (holds, violated); an inconclusive result depends on
 * the machine's speed and memory and is always run again. The expectation and
 * the baseline are not in the key: a cached result is judged afresh each run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CheckResult } from '../check.js';
import { CONTRACT_VERSION } from '../contract/catalog.js';
import { InputError } from '../errors.js';
import type { CiCheck } from './config.js';

const ENTRY_FORMAT = 'ddicheck-verdict';

/** `import ... from '...'`, `export ... from '...'`, `import '...'` and `import('...')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\n]+)['"]/g;

/** The file a relative specifier names: TypeScript's `.js` spelling of a `.ts` file, or the path with .ts or /index.ts added. */
function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const tries = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, join(base, 'index.ts')];
  return tries.find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

/**
 * The model file and the files it imports by relative path, transitively, each
 * with the hash of its content, named relative to `root` (the project) so the
 * key does not depend on where the checkout is. Packages (bare specifiers, and
 * anything under node_modules) are left out: ddicheck's own version is in the
 * key, and other packages are the project's lock file's business.
 */
export function sourceClosure(file: string, root: string, hashOf: (f: string) => string): [string, string][] {
  const seen = new Set<string>();
  const todo = [resolve(file)];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1];
      if (!spec.startsWith('.')) continue;
      const target = resolveImport(f, spec);
      if (target && !target.split(/[\\/]/).includes('node_modules')) todo.push(target);
    }
  }
  return [...seen].map((f) => [relative(root, f).split('\\').join('/'), hashOf(f)] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** What a cached entry holds. */
interface Entry { readonly format: typeof ENTRY_FORMAT; readonly key: string; readonly check: string; readonly written: string; readonly result: CheckResult }

/** The search options a cached verdict depends on, beside the sources. */
export interface CacheOptions { readonly maxStates?: number; readonly maxDepth?: number; readonly [k: string]: unknown }

export class VerdictCache {
  private readonly hashes = new Map<string, string>();

  /** `root`: the project, whose files count as the model's sources. `version`: ddicheck's. */
  constructor(readonly dir: string, private readonly version: string, private readonly root = process.cwd()) {
    try { mkdirSync(dir, { recursive: true }); } catch (e) {
      throw new InputError(`--cache ${dir}`, `cannot be made: ${(e as Error).message}`, 'give a folder ddicheck may write to');
    }
  }

  private hashFile(f: string): string {
    let h = this.hashes.get(f);
    if (h === undefined) {
      h = createHash('sha256').update(readFileSync(f)).digest('hex');
      this.hashes.set(f, h);
    }
    return h;
  }

  /** The key of a check under these options. */
  key(check: CiCheck, options: CacheOptions): string {
    const body = JSON.stringify({
      ddicheck: this.version, contract: CONTRACT_VERSION, scenario: check.scenario,
      options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))),
      sources: sourceClosure(check.file, this.root, (f) => this.hashFile(f)),
    });
    return createHash('sha256').update(body).digest('hex');
  }

  private path(key: string): string { return join(this.dir, `${key}.json`); }

  /** The cached result under `key`, or null (absent, or an entry that does not read back: it is run again and rewritten). */
  get(key: string): CheckResult | null {
    const p = this.path(key);
    if (!existsSync(p)) return null;
    try {
      const e = JSON.parse(readFileSync(p, 'utf8')) as Entry;
      return e.format === ENTRY_FORMAT && e.key === key && e.result && (e.result.verdict === 'holds' || e.result.verdict === 'violated') ? e.result : null;
    } catch { return null; }
  }

  /** Keeps a verdict (an inconclusive result is not kept). Written whole or not at all. */
  put(key: string, check: CiCheck, result: CheckResult): void {
    if (result.verdict === 'inconclusive') return;
    const entry: Entry = { format: ENTRY_FORMAT, key, check: check.id, written: new Date().toISOString(), result };
    const p = this.path(key);
    const tmp = `${p}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, p);
    } catch (e) {
      throw new InputError(`--cache ${this.dir}`, `cannot be written: ${(e as Error).message}`, 'give a folder ddicheck may write to, or --no-cache');
    }
  }
}
