/**
 * What a failing schedule says: the violation, the bounds and strategy it was
 * found under, the steps (context and action, numbered), and where its trace
 * file is. fast-check puts this after its own lines, which give the seed and
 * path to replay the run: `fc.assert(prop, { seed, path })`.
 */
import type { System } from '../engine/system.js';
import type { Found } from '../explore/explorer.js';

/** The numbered steps of a schedule, the failing one marked with `!`. */
export function scheduleLines(sys: System, found: Found): string[] {
  const ids = found.choices;
  const name = (id: number): string => { const a = sys.actions[id]; return a.ctx >= 0 ? sys.contexts[a.ctx].info.name : '(adapter)'; };
  const w = Math.max(7, ...ids.map((id) => name(id).length));
  const nw = String(ids.length).length;
  const lines = ids.map((id, i) => `${found.kind === 'step' && i === ids.length - 1 ? '!' : ' '}${String(i + 1).padStart(nw)}  ${name(id).padEnd(w)}  ${sys.actions[id].name}`);
  if (found.kind === 'state') lines.push(`-- ${ids.length === 0 ? 'in the initial state' : `after step ${ids.length}`}: ${found.message}`);
  if (found.kind === 'deadlock') lines.push(`-- deadlock: ${found.message}`);
  if (found.kind === 'race' && found.race) lines.push(`-- now both ${sys.actions[found.race.actions[0]].name} and ${sys.actions[found.race.actions[1]].name} can run, and they conflict on ${found.race.location}`);
  return lines;
}

/** The whole message of a failing schedule. */
export function violationMessage(sys: System, how: string, found: Found, trace: { path: string | null; hint?: string }): string {
  const n = found.choices.length;
  const lines = [
    `VIOLATED ${found.property}: ${found.message}`,
    `  model ${sys.model.name}, scenario ${sys.scenarioName} (${sys.bounds}); ${how}`,
    `  schedule of ${n} step${n === 1 ? '' : 's'}:`,
    ...scheduleLines(sys, found).map((l) => `    ${l}`),
  ];
  if (trace.path) lines.push(`  trace: ${trace.path}  (ddicheck show FILE, ddicheck replay FILE)${trace.hint ? `\n  ${trace.hint}` : ''}`);
  return lines.join('\n');
}
