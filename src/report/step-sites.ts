/**
 * Where a counterexample's steps are defined in source: file and line, for
 * reports that point at code (SARIF). A step's function may live in a helper
 * module the model file calls (most bundled models build their procedures that
 * way), so the model file's text is not enough: the site comes from the
 * function itself. V8 knows where every function starts ([[FunctionLocation]],
 * read through an in-process inspector session), and the source map tsx
 * attaches to the module maps that back to the TypeScript line.
 */
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AnyModel } from '../model/define.js';
import type { CheckResult } from '../check.js';
import { compile, type Action, type System } from '../engine/system.js';

export interface Site { readonly file: string; readonly line: number }

const PROBE = Symbol.for('ddicheck.site-probe');
const cache = new WeakMap<object, Site | null>();

function toPath(url: string): string { return url.startsWith('file:') ? fileURLToPath(url) : url; }

/** Where each function is defined (undefined where the runtime cannot say). */
export function functionSites(fns: readonly (((...a: never[]) => unknown) | undefined)[]): (Site | undefined)[] {
  const todo = fns.filter((f): f is (...a: never[]) => unknown => f !== undefined && !cache.has(f));
  if (todo.length > 0) {
    const session = new Session();
    session.connect();
    const scripts = new Map<string, string>();
    session.on('Debugger.scriptParsed', (m) => { scripts.set(m.params.scriptId, m.params.url); });
    try {
      // In-process sessions answer synchronously: each callback has run when post returns.
      session.post('Debugger.enable');
      for (const fn of todo) {
        cache.set(fn, null);
        (globalThis as Record<symbol, unknown>)[PROBE] = fn;
        session.post('Runtime.evaluate', { expression: `globalThis[Symbol.for('ddicheck.site-probe')]` }, (err, r) => {
          const id = r?.result?.objectId;
          if (err || !id) return;
          session.post('Runtime.getProperties', { objectId: id, ownProperties: true }, (err2, p) => {
            const loc = p?.internalProperties?.find((x) => x.name === '[[FunctionLocation]]')?.value?.value as { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
            const url = loc ? scripts.get(loc.scriptId) : undefined;
            if (err2 || !loc || !url) return;
            const file = toPath(url);
            const entry = (findSourceMap(file) ?? findSourceMap(url))?.findEntry(loc.lineNumber, loc.columnNumber);
            const mapped = entry && 'originalSource' in entry && entry.originalSource ? { file: toPath(entry.originalSource), line: entry.originalLine + 1 } : null;
            // Without a map, V8's line is the source's only for JavaScript that ran as written;
            // a TypeScript file compiled by a loader that registered no map gives no site.
            cache.set(fn, mapped ?? (/\.[mc]?js$/.test(file) ? { file, line: loc.lineNumber + 1 } : null));
          });
        });
      }
    } finally {
      delete (globalThis as Record<symbol, unknown>)[PROBE];
      session.post('Debugger.disable');
      session.disconnect();
    }
  }
  return fns.map((f) => (f === undefined ? undefined : cache.get(f) ?? undefined));
}

/** The function that stands for an action in source: a step's body (or guard); for a call, interrupt or DPC start, its procedure's entry step. */
function bodyOf(sys: System, a: Action): ((...x: never[]) => unknown) | undefined {
  const step = a.kind === 'step' ? a.step
    : a.proc !== undefined ? sys.actions.find((x) => x.ctx === a.ctx && x.kind === 'step' && x.proc === a.proc)?.step : undefined;
  return (step?.do ?? step?.guard) as ((...x: never[]) => unknown) | undefined;
}

/** The definition site of each step of a result's counterexample (undefined for the adapter's and timers' moves). */
export function counterexampleSites(model: AnyModel, r: CheckResult): (Site | undefined)[] {
  const steps = r.counterexample?.steps ?? [];
  if (steps.length === 0) return [];
  const sys = compile(model, r.scenario);
  return functionSites(steps.map((s) => { const a = sys.actions[s.action]; return a ? bodyOf(sys, a) : undefined; }));
}
