/** Finds where a step label is written in a model's source, for reports that point at code. */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string[] | null>();

function lines(file: string): string[] | null {
  if (!cache.has(file)) {
    try { cache.set(file, readFileSync(file, 'utf8').split('\n')); } catch { cache.set(file, null); }
  }
  return cache.get(file)!;
}

/**
 * The 1-based line where step `stepName` (`proc/label` or `proc/label#2`) is
 * defined as a key in `file`, or undefined when it cannot be found.
 */
export function stepLine(file: string, stepName: string): number | undefined {
  const ls = lines(file);
  if (!ls) return undefined;
  const [proc, rawLabel] = stepName.includes('/') ? stepName.split('/') : ['', stepName];
  const label = rawLabel.replace(/#\d+$/, '');
  if (!/^[\w$]+$/.test(label)) return undefined;
  const keyOf = (name: string): RegExp => new RegExp(`(^|[\\s{,])['"]?${name}['"]?\\s*:`);
  // Start at the procedure's own key, so a label reused by another procedure is not taken.
  const from = /^[\w$]+$/.test(proc) ? Math.max(0, ls.findIndex((l) => keyOf(proc).test(l))) : 0;
  const key = keyOf(label);
  for (let i = from; i < ls.length; i++) {
    const l = ls[i];
    // On the procedure's own line, look only after its name.
    const text = i === from && proc ? l.slice(l.search(keyOf(proc)) + proc.length + 1) : l;
    if (key.test(text)) return i + 1;
  }
  return undefined;
}
