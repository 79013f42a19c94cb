/**
 * `ddicheck show FILE`: the trace as swim lanes in the terminal. One column per
 * context that moves, one row per step; a call is a bracketed span from ┌ (the
 * call starts) to └ (it returns), with │ while it is in progress in the other
 * rows; lock acquisitions and releases, IRQL changes and the violating step are
 * marked; data changes go in a last column when there is room. Lanes share the
 * width they are given and are clipped before a line would wrap; the violation is
 * never clipped (it wraps).
 */
import type { Trace } from './format.js';
import { viewOf, violationText, type Row } from './view.js';

const MIN_LANE = 8;
const MAX_LANE = 48;
const MIN_CHANGES = 16;
const GAP = '  ';

const shortIrql = (s: string): string => s.replace(/_LEVEL$/, '');

function clip(s: string, w: number): string { return s.length <= w ? s : w <= 1 ? s.slice(0, w) : `${s.slice(0, w - 1)}…`; }
function pad(s: string, w: number): string { return s.length >= w ? s : s + ' '.repeat(w - s.length); }

/** Wraps `text` to `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const room = width - (out.length === 0 ? 0 : indent.length);
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= room) line += ` ${word}`;
    else { out.push(line); line = word; }
    while (line.length > room && room > 0) { out.push(line.slice(0, room)); line = line.slice(room); }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out.map((l, i) => (i === 0 ? l : indent + l));
}

/** The text of a step in its own lane. */
export function cellText(r: Row): string {
  let s: string;
  if (r.open && r.close) s = `╶ ${r.span}: ${r.label} (returns)`;
  else if (r.open) s = r.span === r.label ? `┌ ${r.span}` : `┌ ${r.span}: ${r.label}`;
  else if (r.close) s = `└ ${r.label} (returns)`;
  else if (!r.inside) s = `• ${r.label}`;
  else s = `│ ${r.label}`;
  for (const l of r.acquired) s += ` +${l}`;
  for (const l of r.released) s += ` -${l}`;
  if (r.irqlTo !== null && !r.close) s += ` @${shortIrql(r.irqlTo)}`;
  if (r.step.violation) s += ' ✗';
  return s;
}

/** The data changes of a row, paths of the moving context's locals shortened. */
export function changesText(r: Row): string {
  const own = r.step.context ? `ctx.${r.step.context.name}.` : null;
  return r.data.map((c) => `${own && c.path.startsWith(own) ? c.path.slice(own.length) : c.path} ${String(c.old)}→${String(c.new)}`).join(', ');
}

/** Shrinks the widest lanes until the lanes fit in `room` (never below MIN_LANE). */
function fit(widths: number[], room: number): number[] {
  const w = [...widths];
  const total = (): number => w.reduce((a, b) => a + b, 0) + GAP.length * w.length;
  while (total() > room) {
    const max = Math.max(...w);
    if (max <= MIN_LANE) break;
    w[w.indexOf(max)]--;
  }
  return w;
}

/** The swim lanes of a trace, fitted to `width` columns. */
export function lanesText(trace: Trace, opts: { width?: number } = {}): string {
  const width = Math.max(40, opts.width ?? 100);
  const { lanes, rows } = viewOf(trace);
  const numW = Math.max(2, String(trace.steps.length).length) + 1;
  const cells = rows.map(cellText);
  const changes = rows.map(changesText);
  const natural = lanes.map((l, i) => Math.min(MAX_LANE, Math.max(l.name.length, l.role.length, ...cells.filter((_, j) => rows[j].lane === i).map((c) => c.length))));
  const lead = numW + GAP.length;
  // Changes get a column when the lanes fit at their natural width beside a
  // useful one; otherwise they go on a line of their own under the step.
  const wantChanges = changes.some((c) => c.length > 0);
  const naturalUsed = lead + natural.reduce((a, b) => a + b + GAP.length, 0);
  const longest = Math.max(0, ...changes.map((c) => c.length)) + GAP.length;
  const changesW = wantChanges && width - naturalUsed >= Math.max(MIN_CHANGES, longest) ? width - naturalUsed : 0;
  const laneW = changesW > 0 ? natural : fit(natural, width - lead);
  const laneStart = (i: number): number => lead + laneW.slice(0, i).reduce((a, b) => a + b + GAP.length, 0);

  const out: string[] = [];
  const n = trace.steps.length;
  out.push(...wrap(`${trace.model.name} · scenario ${trace.scenario.name} · ${n} step${n === 1 ? '' : 's'}${trace.minimized ? ` (minimized from ${trace.minimized.steps})` : trace.options.order === 'bfs' ? ' (a shortest trace)' : ''}`, width, '  '));
  out.push(...wrap(`within ${trace.scenario.bounds}`, width, '  '));
  out.push(...wrap(`VIOLATED ${violationText(trace)}`, width, '  '));
  out.push('');
  const line = (num: string, lane: (i: number) => string, ch: string): string =>
    `${num.padStart(numW)}${GAP}${laneW.map((w, i) => pad(clip(lane(i), w), w)).join(GAP)}${changesW > 0 && ch ? GAP + clip(ch, changesW - GAP.length) : ''}`.trimEnd();
  out.push(line('#', (i) => lanes[i].name, changesW > 0 ? 'changes' : ''));
  out.push(line('', (i) => lanes[i].role, ''));
  const open = lanes.map(() => false);
  rows.forEach((r, j) => {
    const num = `${r.step.violation ? '!' : ''}${r.step.index}`;
    if (r.open) open[r.lane] = true;
    out.push(line(num, (i) => (i === r.lane ? cells[j] : open[i] ? '│' : ''), changes[j]));
    if (r.close) open[r.lane] = false;
    if (changesW === 0 && changes[j]) {
      const at = laneStart(r.lane) + 2;
      const bars = pad(line('', (i) => (i <= r.lane && open[i] ? '│' : ''), ''), at);
      for (const l of wrap(changes[j], Math.max(20, width - at))) out.push(bars + l);
    }
  });
  const v = trace.violation;
  out.push('');
  out.push(...wrap(`✗ ${violationText(trace)}`, width, '  '));
  if (v.race) out.push(...wrap(`  racing on ${v.race.location}: ${v.race.steps[0]} and ${v.race.steps[1]}`, width, '    '));
  out.push(...wrap('┌ call starts · └ returns · │ in progress · +L/-L lock L taken/released · @IRQL raised/lowered · ✗ violation', width, '  '));
  return out.join('\n');
}
