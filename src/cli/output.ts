/**
 * Files the commands write (traces, HTML pages, reports): checked before a long
 * search starts, and written so that a path that cannot take a file (a folder,
 * a read-only place) is bad input naming the option, not an internal error.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Throws InputError when `path` (given with `flag`) cannot be written as a file; call before the work that produces it. */
export function checkOutput(flag: string, path: string | undefined): void {
  if (path === undefined) return;
  if (path === '') throw new InputError(flag, 'needs a file path');
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new InputError(`${flag} ${path}`, 'is a folder, not a file', `give a file path, e.g. ${path.replace(/\/+$/, '')}/out.${flag === '--html' ? 'html' : flag === '--junit' ? 'xml' : flag === '--sarif' ? 'sarif' : 'json'}`);
  // A parent that exists as a file cannot hold one.
  for (let d = dirname(abs); d !== dirname(d); d = dirname(d)) {
    if (existsSync(d)) {
      if (!statSync(d).isDirectory()) throw new InputError(`${flag} ${path}`, `cannot be written: ${d} is a file, not a folder`);
      break;
    }
  }
}

/** Writes `text` to `path`, making its folder; a failure is InputError naming the option. */
export function writeOutput(flag: string, path: string, text: string): void {
  checkOutput(flag, path);
  const abs = resolve(path);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${flag} ${path}`, `cannot be written: ${err.code ?? ''}${err.code ? ' ' : ''}${err.message.replace(/^\w+: /, '')}`, 'give a path ddicheck may write to');
  }
}
