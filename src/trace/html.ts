/**
 * `ddicheck show FILE --html OUT`: one self-contained page (inline CSS and
 * script, no network, no other files) with the lanes, the step list, the state
 * at the selected step rebuilt from the changes, and the violation.
 *
 * Every string from a model or a trace is untrusted. What the page's own markup
 * contains goes through `escapeHtml`; the trace itself travels as JSON in a
 * `<script type="application/json">` block with `<`, `>` and `&` escaped, and the
 * script renders it with textContent only. A Content-Security-Policy allows
 * exactly the page's own script and style (by hash), so even markup that slipped
 * through could neither run handlers nor load anything.
 */
import { createHash } from 'node:crypto';
import type { Trace } from './format.js';
import { viewOf } from './view.js';
import { cellText, changesText, lanesText } from './lanes.js';
import { whereText } from './confirm.js';
import { PAGE_CSS, PAGE_JS } from './html-assets.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** JSON that is safe inside a `<script>` element: nothing in it can close the element or open a comment. */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const cspHash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The page's data: the trace, and the lanes and rows the views share. */
function pageData(trace: Trace): unknown {
  const { lanes, rows } = viewOf(trace);
  return {
    trace,
    where: whereText(trace.violation),
    lanes,
    rows: rows.map((r) => ({
      lane: r.lane, label: r.label, open: r.open, span: r.span, close: r.close,
      acquired: r.acquired, released: r.released, irqlTo: r.irqlTo, changes: changesText(r), text: cellText(r),
    })),
  };
}

/** The whole page. */
export function htmlPage(trace: Trace): string {
  const v = trace.violation;
  const csp = `default-src 'none'; script-src ${cspHash(PAGE_JS)}; style-src ${cspHash(PAGE_CSS)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${trace.model.name} · ${v.property} · ddicheck trace`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="top">
  <div class="kicker">ddicheck counterexample</div>
  <h1 id="model">${escapeHtml(trace.model.name)}</h1>
  <div class="meta" id="meta"><span>scenario ${escapeHtml(trace.scenario.name)}</span></div>
  <div class="banner" id="banner"><b>VIOLATED ${escapeHtml(v.property)}</b> ${escapeHtml(`${whereText(v)}: ${v.message}`)}</div>
</header>
<main>
  <section class="pane">
    <h2>Swim lanes: one column per context, one row per step (click a step, or use ↑ ↓)</h2>
    <div class="lanes-wrap"><table class="lanes" id="lanes"></table></div>
    <div class="legend"><span><span class="tag">call</span> a DDI call starts; its bar runs until it <span class="tag ret">returns</span></span><span><span class="tag path acq">+ lock</span> lock taken</span><span><span class="tag path rel">− lock</span> released</span><span><span class="tag irql">→ IRQL</span> IRQL changed</span><span><span class="tag bad">✗</span> the violation</span></div>
    <noscript><pre>${escapeHtml(lanesText(trace, { width: 120 }))}</pre></noscript>
  </section>
  <aside class="pane detail" id="detail"></aside>
</main>
<script type="application/json" id="trace-data">${jsonForScript(pageData(trace))}</script>
<script>${PAGE_JS}</script>
</body>
</html>
`;
}
