/**
 * The stylesheet and script of the HTML trace page, inlined into it. The script
 * reads the trace from the page's JSON data block and builds every element with
 * createElement and textContent: no string from a model or a trace is ever
 * parsed as HTML. It is plain ES2017 with no dependencies, so the page works
 * offline from a file:// URL.
 */

export const PAGE_CSS = `
:root {
  --bg: #f5f6f8; --panel: #fff; --line: #dde1e7; --text: #1d2430; --muted: #667085;
  --bad: #c4291c; --bad-bg: #fdecea; --sel: #e8f0fe; --sel-line: #4c7cf0; --hit: #fff4c2;
  --mono: ui-monospace, "Cascadia Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
header.top { padding: 14px 20px 12px; background: var(--panel); border-bottom: 1px solid var(--line); }
.top .kicker { font-size: 12px; color: var(--muted); letter-spacing: .04em; text-transform: uppercase; }
.top h1 { margin: 2px 0 2px; font-size: 20px; font-weight: 650; word-break: break-word; }
.top .meta { color: var(--muted); font-size: 12.5px; }
.top .meta span + span::before { content: "·"; margin: 0 7px; color: #b4bac4; }
.banner { margin-top: 10px; padding: 8px 12px; border-radius: 6px; background: var(--bad-bg); border: 1px solid #f3b8b2; color: #7a1a12; word-break: break-word; }
.banner b { color: var(--bad); }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(320px, 400px); gap: 16px; padding: 16px 20px 20px; align-items: start; }
@media (min-width: 1001px) {
  body { height: 100vh; display: flex; flex-direction: column; }
  main { flex: 1; min-height: 0; align-items: stretch; }
  main > .pane { min-height: 0; display: flex; flex-direction: column; }
  .lanes-wrap { flex: 1; min-height: 0; overflow: auto; }
}
@media (max-width: 1000px) { main { grid-template-columns: 1fr; } }
.pane { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.pane h2 { margin: 0; padding: 9px 14px; font-size: 13px; font-weight: 600; border-bottom: 1px solid var(--line); background: #fafbfc; }
.lanes-wrap { overflow-x: auto; }
table.lanes { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; }
table.lanes col.num { width: 52px; } table.lanes col.lane { width: auto; } table.lanes col.changes { width: 21%; }
table.lanes th { position: sticky; top: 0; z-index: 2; background: #fafbfc; text-align: left; padding: 7px 10px 6px; border-bottom: 1px solid var(--line); font-weight: 600; vertical-align: bottom; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.lanes th .role { display: block; font-weight: 400; font-size: 11.5px; color: var(--muted); }
table.lanes th.lane { border-top: 3px solid var(--c); }
table.lanes td { padding: 3px 8px; height: 32px; border-bottom: 1px solid #f0f2f5; vertical-align: middle; }
table.lanes tr.step { cursor: pointer; }
table.lanes tr.step:hover td { background: #f7f9fc; }
table.lanes tr.selected td { background: var(--sel) !important; }
table.lanes tr.selected td.num { box-shadow: inset 3px 0 0 var(--sel-line); }
table.lanes tr.bad td { background: #fff7f6; }
td.num { width: 1%; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.bad td.num { color: var(--bad); font-weight: 700; }
table.lanes td.cell { position: relative; padding-left: 24px; padding-right: 4px; min-width: 110px; }
td.cell::before, td.cell::after { content: ""; position: absolute; display: none; border-color: var(--c); }
td.cell::before { left: 9px; width: 0; border-left: 3px solid var(--c); }
td.cell::after { left: 9px; width: 10px; height: 0; border-top: 3px solid var(--c); top: calc(50% - 1px); }
td.cell.bar-full::before { display: block; top: 0; bottom: 0; }
td.cell.bar-down::before { display: block; top: calc(50% - 1px); bottom: 0; }
td.cell.bar-down::after, td.cell.bar-up::after, td.cell.tick::after { display: block; }
td.cell.bar-up::before { display: block; top: 0; bottom: calc(50% - 2px); }
.chip { position: relative; z-index: 1; display: inline-flex; flex-wrap: wrap; align-items: center; gap: 3px 5px; max-width: 100%; padding: 2px 7px; border-radius: 5px; background: var(--panel); border: 1px solid var(--line); font-family: var(--mono); font-size: 12.5px; line-height: 1.35; }
.chip .lbl { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; word-break: break-word; max-width: 100%; }
.chip.call { font-weight: 650; }
.chip.bad { border-color: var(--bad); background: var(--bad-bg); color: #7a1a12; }
.tag { font-family: system-ui, sans-serif; font-size: 11px; font-weight: 600; padding: 0 5px; border-radius: 3px; background: #eef1f5; color: var(--muted); white-space: nowrap; }
.tag.path { font-family: var(--mono); font-weight: 500; }
.tag.acq { background: #def5e6; color: #17613a; }
.tag.rel { background: #eef1f5; color: #4a5565; }
.tag.irql { background: #efe7fb; color: #5b2ea6; }
.tag.ret { background: #e7eefc; color: #2b4f9e; }
.tag.bad { background: var(--bad); color: #fff; }
td.changes { font-family: var(--mono); font-size: 11.5px; color: #3d4757; word-break: break-word; }
tr.init td { color: var(--muted); font-style: italic; }
tr.verdict td { background: var(--bad-bg); color: #7a1a12; padding: 8px 12px; height: auto; white-space: normal; word-break: break-word; }
.legend { padding: 8px 14px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.detail { display: flex; flex-direction: column; }
.detail .body { overflow: auto; flex: 1; min-height: 0; padding: 12px 14px 16px; }
.navrow { display: flex; align-items: center; gap: 8px; }
.navrow h2 { flex: 1; border: 0; background: none; padding: 0; font-size: 15px; }
.navrow button { font: inherit; font-size: 12.5px; padding: 3px 10px; border: 1px solid var(--line); background: var(--panel); border-radius: 5px; cursor: pointer; }
.navrow button:disabled { opacity: .4; cursor: default; }
.detail .head { padding: 10px 14px; border-bottom: 1px solid var(--line); background: #fafbfc; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 12px; margin: 0 0 12px; font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-family: var(--mono); font-size: 12.5px; word-break: break-word; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 14px 0 6px; font-weight: 600; }
.vbox { border: 1px solid #f3b8b2; background: var(--bad-bg); color: #7a1a12; border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; word-break: break-word; }
.vbox b { color: var(--bad); }
table.kv { width: 100%; border-collapse: collapse; font-family: var(--mono); font-size: 12px; }
table.kv td { padding: 2px 6px; border-bottom: 1px solid #f0f2f5; vertical-align: top; word-break: break-word; }
table.kv td.k { color: #3d4757; width: 44%; }
table.kv tr.hit td { background: var(--hit); }
table.kv .old { color: var(--muted); text-decoration: line-through; margin-right: 4px; }
.empty { color: var(--muted); font-style: italic; font-size: 12.5px; }
details.grp { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 6px; }
details.grp > summary { cursor: pointer; padding: 4px 8px; font-size: 12.5px; font-weight: 600; background: #fafbfc; border-radius: 6px; }
details.grp > summary .n { color: var(--muted); font-weight: 400; margin-left: 6px; }
input.filter { width: 100%; font: inherit; font-size: 12.5px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 5px; margin-bottom: 8px; }
.l0 { --c: #3b6fd8; } .l1 { --c: #d9822b; } .l2 { --c: #2e9d68; } .l3 { --c: #9b51c9; }
.l4 { --c: #c94f7c; } .l5 { --c: #1f9bb0; } .l6 { --c: #8a7a2a; } .l7 { --c: #6b7280; }
`;

export const PAGE_JS = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var T = data.trace, lanes = data.lanes, rows = data.rows;
  var selected = -1;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) { for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]); return parent; }
  function show(v) { return typeof v === 'string' ? v : JSON.stringify(v); }
  function laneClass(i) { return 'l' + (i % 8); }
  var owners = {};
  T.locks.forEach(function (l) { owners[l.owner] = l.path; });
  function valueText(path, v) {
    if (Object.prototype.hasOwnProperty.call(owners, path) && typeof v === 'number') {
      if (v === 0) return '0 (free)';
      var c = T.contexts[v - 1];
      return v + ' (held by ' + (c ? c.name : '?') + ')';
    }
    return show(v);
  }

  // The state after step i (0: initial), rebuilt from the initial values and the changes.
  function stateAt(i) {
    var m = new Map();
    Object.keys(T.initial).forEach(function (p) { m.set(p, T.initial[p]); });
    for (var s = 0; s < i && s < T.steps.length; s++) T.steps[s].changes.forEach(function (c) { m.set(c.path, c.new); });
    return m;
  }

  // Header.
  document.getElementById('model').textContent = T.model.name;
  var meta = document.getElementById('meta');
  meta.textContent = '';
  [ 'scenario ' + T.scenario.name, 'within ' + T.scenario.bounds, T.steps.length + ' step' + (T.steps.length === 1 ? '' : 's') +
      (T.minimized ? ' (minimized from ' + T.minimized.steps + ')' : T.options.order === 'bfs' ? ' (a shortest trace)' : ''),
    'search ' + T.options.order + ', ' + T.options.backend + ' backend', 'contract ' + T.contract.version, T.model.file + ' @ ' + T.model.sha256.slice(0, 12)
  ].forEach(function (t) { meta.appendChild(el('span', null, t)); });
  var banner = document.getElementById('banner');
  banner.textContent = '';
  add(banner, el('b', null, 'VIOLATED ' + T.violation.property), document.createTextNode(' ' + data.where + ': ' + T.violation.message));
  if (T.violation.race) add(banner, el('div', null, 'racing on ' + T.violation.race.location + ': ' + T.violation.race.steps[0] + ' and ' + T.violation.race.steps[1]));

  // Lanes.
  var table = document.getElementById('lanes');
  var cols = el('colgroup');
  cols.appendChild(el('col', 'num'));
  lanes.forEach(function () { cols.appendChild(el('col', 'lane')); });
  cols.appendChild(el('col', 'changes'));
  table.appendChild(cols);
  var thead = add(el('thead'), el('tr'));
  var hr = thead.firstChild;
  add(hr, el('th', 'num', '#'));
  lanes.forEach(function (l, i) {
    var th = el('th', 'lane ' + laneClass(i), l.name);
    th.appendChild(el('span', 'role', l.role));
    hr.appendChild(th);
  });
  add(hr, el('th', null, 'changes'));
  table.appendChild(thead);
  var tbody = el('tbody');
  table.appendChild(tbody);
  var trs = [];

  var init = el('tr', 'step init');
  init.dataset.step = '0';
  add(init, el('td', 'num', '0'));
  var initCell = el('td', null, 'initial state');
  initCell.colSpan = lanes.length + 1;
  init.appendChild(initCell);
  init.addEventListener('click', function () { select(0); });
  tbody.appendChild(init);
  trs.push(init);

  var open = lanes.map(function () { return false; });
  rows.forEach(function (r, j) {
    var st = T.steps[j];
    var tr = el('tr', 'step' + (st.violation ? ' bad' : ''));
    tr.dataset.step = String(st.index);
    add(tr, el('td', 'num', (st.violation ? '✗ ' : '') + st.index));
    if (r.open) open[r.lane] = true;
    lanes.forEach(function (_, i) {
      var td = el('td', 'cell ' + laneClass(i));
      if (i === r.lane) {
        if (r.open && !r.close) td.classList.add('bar-down');
        else if (r.close && !r.open) td.classList.add('bar-up');
        else if (!r.open && !r.close && open[i]) td.classList.add('bar-full');
        td.appendChild(chip(r, st));
      } else if (open[i]) td.classList.add('bar-full');
      tr.appendChild(td);
    });
    var ch = el('td', 'changes', r.changes);
    ch.title = r.changes;
    tr.appendChild(ch);
    if (r.close) open[r.lane] = false;
    tr.addEventListener('click', function () { select(st.index); });
    tbody.appendChild(tr);
    trs.push(tr);
  });
  var vr = el('tr', 'verdict');
  var vc = el('td', null, '✗ ' + T.violation.property + ' ' + data.where + ': ' + T.violation.message);
  vc.colSpan = lanes.length + 2;
  tbody.appendChild(add(vr, vc));

  function chip(r, st) {
    var c = el('span', 'chip' + (r.open && st.kind !== 'step' ? ' call' : '') + (st.violation ? ' bad' : ''));
    var text = r.open && r.span !== r.label ? r.span + ': ' + r.label : r.label;
    if (r.open && st.kind === 'call') c.appendChild(el('span', 'tag', 'call'));
    c.appendChild(el('span', 'lbl', text));
    r.acquired.forEach(function (l) { c.appendChild(el('span', 'tag path acq', '+ ' + l)); });
    r.released.forEach(function (l) { c.appendChild(el('span', 'tag path rel', '− ' + l)); });
    if (r.irqlTo && !r.close) c.appendChild(el('span', 'tag irql', '→ ' + r.irqlTo.replace(/_LEVEL$/, '')));
    if (r.close) c.appendChild(el('span', 'tag ret', 'returns'));
    if (st.violation) c.appendChild(el('span', 'tag bad', '✗ ' + st.violation.property));
    c.title = st.step;
    return c;
  }

  // Detail of the selected step.
  var detail = document.getElementById('detail');
  var filterText = '';
  function select(i) {
    if (i < 0 || i > T.steps.length) return;
    if (selected >= 0) trs[selected].classList.remove('selected');
    selected = i;
    trs[i].classList.add('selected');
    trs[i].scrollIntoView({ block: 'nearest' });
    renderDetail();
  }
  function renderDetail() {
    var i = selected;
    var st = i > 0 ? T.steps[i - 1] : null;
    detail.textContent = '';
    var head = el('div', 'head');
    var nav = el('div', 'navrow');
    var prev = el('button', null, '◀ prev'); prev.disabled = i === 0; prev.addEventListener('click', function () { select(i - 1); });
    var next = el('button', null, 'next ▶'); next.disabled = i === T.steps.length; next.addEventListener('click', function () { select(i + 1); });
    add(nav, el('h2', null, st ? 'Step ' + i + ' of ' + T.steps.length : 'Initial state'), prev, next);
    head.appendChild(nav);
    detail.appendChild(head);
    var body = el('div', 'body');
    detail.appendChild(body);
    body.id = 'detail-body';
    if (st) {
      var dl = el('dl', 'facts');
      function fact(k, v) { add(dl, el('dt', null, k), el('dd', null, v)); }
      fact('step', st.step);
      if (st.context) {
        var c = st.context;
        fact('context', c.name + ' (' + c.kind + ')');
        fact('process', c.process >= 0 ? 'P' + c.process + ', thread ' + c.thread + ', session ' + c.session : 'system (-1)');
        fact('IRQL', c.irql + (rows[i - 1].irqlTo ? ' → ' + rows[i - 1].irqlTo : ''));
      } else fact('context', 'adapter / timers');
      fact('call', st.call ? st.call.ddi + ' #' + st.call.id : '—');
      var r = rows[i - 1];
      if (r.acquired.length) fact('acquires', r.acquired.join(', '));
      if (r.released.length) fact('releases', r.released.join(', '));
      body.appendChild(dl);
    }
    if (T.violation.step === i) {
      var vb = el('div', 'vbox');
      add(vb, el('b', null, T.violation.property), document.createTextNode(' ' + data.where + ': ' + T.violation.message));
      body.appendChild(vb);
    }
    if (st) {
      body.appendChild(el('h3', null, 'Changes'));
      if (st.changes.length === 0) body.appendChild(el('div', 'empty', st.violation ? 'none: the step failed before it could change anything' : 'none'));
      else {
        var ct = el('table', 'kv');
        ct.id = 'changes';
        st.changes.forEach(function (c) {
          var tr = el('tr');
          var v = el('td');
          add(v, el('span', 'old', valueText(c.path, c.old)), document.createTextNode('→ ' + valueText(c.path, c.new)));
          add(tr, el('td', 'k', c.path), v);
          ct.appendChild(tr);
        });
        body.appendChild(ct);
      }
    }
    body.appendChild(el('h3', null, st ? 'State after step ' + i : 'Initial state'));
    var f = el('input', 'filter');
    f.placeholder = 'filter locations…';
    f.value = filterText;
    f.addEventListener('input', function () { filterText = f.value; renderState(holder, i, st); });
    body.appendChild(f);
    var holder = el('div');
    holder.id = 'state';
    body.appendChild(holder);
    renderState(holder, i, st);
  }
  function groupOf(path) {
    if (path.indexOf('ctx.') === 0) {
      var best = null;
      T.contexts.forEach(function (c) { var p = 'ctx.' + c.name + '.'; if (path.indexOf(p) === 0 && (!best || p.length > best.length)) best = p; });
      if (best) return best.slice(0, -1);
    }
    var m = /^[^.[]+(\\[\\d+\\])?/.exec(path);
    return m ? m[0] : path;
  }
  function renderState(holder, i, st) {
    holder.textContent = '';
    var s = stateAt(i);
    var hit = new Map();
    if (st) st.changes.forEach(function (c) { hit.set(c.path, c.old); });
    var groups = new Map();
    s.forEach(function (v, p) {
      if (filterText && p.toLowerCase().indexOf(filterText.toLowerCase()) < 0) return;
      var g = groupOf(p);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(p);
    });
    groups.forEach(function (paths, g) {
      var d = el('details', 'grp');
      d.open = g === 'g' || g.indexOf('sessions') === 0 || g === 'hw' || paths.some(function (p) { return hit.has(p); }) || !!filterText;
      var sum = el('summary', null, g === 'g' ? 'global (g)' : g);
      sum.appendChild(el('span', 'n', String(paths.length)));
      d.appendChild(sum);
      var t = el('table', 'kv');
      paths.forEach(function (p) {
        var tr = el('tr', hit.has(p) ? 'hit' : null);
        tr.dataset.path = p;
        var v = el('td', 'v');
        if (hit.has(p)) v.appendChild(el('span', 'old', valueText(p, hit.get(p))));
        v.appendChild(document.createTextNode(valueText(p, s.get(p))));
        add(tr, el('td', 'k', p.length > g.length && p.indexOf(g) === 0 ? p.slice(g.length).replace(/^\\./, '') : p), v);
        t.appendChild(tr);
      });
      d.appendChild(t);
      holder.appendChild(d);
    });
    if (groups.size === 0) holder.appendChild(el('div', 'empty', 'no location matches'));
  }

  document.addEventListener('keydown', function (e) {
    if (e.target && e.target.tagName === 'INPUT') return;
    if (e.key === 'ArrowDown' || e.key === 'j') { select(Math.min(T.steps.length, selected + 1)); e.preventDefault(); }
    if (e.key === 'ArrowUp' || e.key === 'k') { select(Math.max(0, selected - 1)); e.preventDefault(); }
  });
  select(Math.max(0, Math.min(T.violation.step, T.steps.length)));
  document.body.dataset.ready = 'true';
})();
`;
