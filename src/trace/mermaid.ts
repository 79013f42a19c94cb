/**
 * `ddicheck show FILE --mermaid`: the trace as a Mermaid sequence diagram. Each
 * context that moves is a participant (by a generated id, its name as the alias);
 * the OS calls into a DDI and the call returns (activation bars are the spans),
 * steps are self-messages, data changes and locks are notes, the violation a note
 * over every lane. Text from the trace is reduced to Mermaid entity codes for the
 * characters Mermaid reads as syntax.
 */
import type { Trace } from './format.js';
import { viewOf, violationText } from './view.js';
import { changesText } from './lanes.js';

/** Text safe inside a Mermaid message, note or alias: one line, syntax characters as entity codes. */
export function mermaidText(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[#;<>&"%{}`|\\]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** The Mermaid source of a trace's sequence diagram. */
export function mermaid(trace: Trace): string {
  const { lanes, rows } = viewOf(trace);
  const id = (i: number): string => `c${i}`;
  const out = ['sequenceDiagram', `  title ${mermaidText(`${trace.model.name}, scenario ${trace.scenario.name}: ${trace.violation.property}`)}`];
  const hasOs = rows.some((r) => r.step.kind === 'call' || r.step.kind === 'dpc');
  const hasHw = rows.some((r) => r.step.kind === 'irq');
  if (hasOs) out.push('  participant OS as OS (kernel)');
  lanes.forEach((l, i) => out.push(`  participant ${id(i)} as ${mermaidText(l.name)}`));
  if (hasHw) out.push('  participant HW as device');
  const active = lanes.map(() => false);
  for (const r of rows) {
    const me = id(r.lane);
    const k = r.step.kind;
    const bad = r.step.violation ? ' ✗' : '';
    if (r.open && (k === 'call' || k === 'dpc')) out.push(`  OS->>${me}: ${mermaidText(`${r.step.index}. ${r.span ?? r.label}${bad}`)}`);
    else if (r.open && k === 'irq') out.push(`  HW->>${me}: ${r.step.index}. interrupt${bad}`);
    if (r.open) { out.push(`  activate ${me}`); active[r.lane] = true; }
    if (!(r.open && (k === 'call' || k === 'irq' || k === 'dpc'))) out.push(`  ${me}->>${me}: ${mermaidText(`${r.step.index}. ${r.open && r.span !== r.label ? `${r.span}: ` : ''}${r.label}${bad}`)}`);
    for (const l of r.acquired) out.push(`  Note over ${me}: ${mermaidText(`acquires ${l}`)}`);
    for (const l of r.released) out.push(`  Note over ${me}: ${mermaidText(`releases ${l}`)}`);
    const ch = changesText(r);
    if (ch) out.push(`  Note right of ${me}: ${mermaidText(ch)}`);
    if (r.close) {
      if (r.step.call && hasOs) out.push(`  ${me}-->>OS: ${mermaidText(`${r.step.call.ddi} returns`)}`);
      if (active[r.lane]) { out.push(`  deactivate ${me}`); active[r.lane] = false; }
    }
  }
  const over = lanes.length > 1 ? `${id(0)},${id(lanes.length - 1)}` : id(0);
  if (lanes.length > 0) out.push(`  Note over ${over}: ${mermaidText(`VIOLATED ${violationText(trace)}`)}`);
  lanes.forEach((_, i) => { if (active[i]) out.push(`  deactivate ${id(i)}`); });
  return out.join('\n');
}
