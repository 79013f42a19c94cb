/**
 * The terminal lanes and the Mermaid diagram, as pure functions of a trace: one
 * column per context that moves, calls as ┌ ... └ spans, lock and IRQL marks,
 * the violating step marked, every line within the width asked for.
 */
import { describe, expect, it } from 'vitest';
import { lanesText, wrap } from '../../src/trace/lanes.js';
import { mermaid, mermaidText } from '../../src/trace/mermaid.js';
import { viewOf } from '../../src/trace/view.js';
import { fixture, traceOf } from './helpers.js';

const lines = (s: string): string[] => s.split('\n');

describe('terminal swim lanes', () => {
  it('one column per moving context, a call as a bracketed span, locks and IRQL marked, the failing step marked', async () => {
    const { trace } = await traceOf(fixture('locked-ddi.ts'));
    const text = lanesText(trace, { width: 100 });
    const ls = lines(text);
    const header = ls.find((l) => l.trimStart().startsWith('#'))!;
    expect(header).toMatch(/^\s+#\s+P0T0\s+P1T0\s+changes$/);
    const row = (n: number): string => ls.find((l) => new RegExp(`^\\s*!?${n}  `).test(l))!;
    expect(row(1)).toContain('┌ DxgkDdiCreateAllocation #1');
    expect(row(2)).toContain('│ lock +g.lock @DISPATCH');
    expect(row(3)).toMatch(/│ count\s+g\.calls 0→1$/);
    expect(row(5)).toContain('└ unlock (returns) -g.lock');
    // P0T0's lane is empty once its call returned; P1T0's span is open from row 6 on.
    expect(row(6)).toMatch(/^\s+6\s{2}\s{28,}┌ DxgkDdiCreateAllocation #2/);
    expect(row(7)).toMatch(/^\s+7\s+│ lock/);
    expect(row(9)).toMatch(/^\s+!9\s+│ check ✗$/);
    expect(text).toContain('VIOLATED only-one at step 9: P1T0 sees 2 calls');
    expect(text).toContain('✗ only-one at step 9: P1T0 sees 2 calls');
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('fits narrow terminals: lanes clip, changes move under the step, the violation wraps whole', async () => {
    const { trace } = await traceOf('test/fixtures/violated/lost-update.ts');
    for (const width of [40, 60, 80, 120]) {
      const text = lanesText(trace, { width });
      for (const l of lines(text)) expect(l.length).toBeLessThanOrEqual(width);
      expect(text.replace(/\s+/g, ' ')).toContain('lostUpdate after step 4: both workers finished but count is 1, not 2');
      expect(text).toContain('g.count 0→1');
    }
    const narrow = lines(lanesText(trace, { width: 40 }));
    const i = narrow.findIndex((l) => /^\s+3\s/.test(l));
    expect(narrow[i + 1]).toMatch(/^\s+│?\s+g\.count 0→1$/);
  });

  it('lanes in context order, each call a span named by its DDI and call id', async () => {
    const { trace } = await traceOf('test/fixtures/violated/reentrant-ddi.ts');
    const v = viewOf(trace);
    expect(v.lanes.map((l) => l.name)).toEqual(['P0T0', 'P1T0']);
    expect(v.lanes.map((l) => l.role)).toEqual(['P0 T0 S0', 'P1 T0 S0']);
    expect(v.rows.filter((r) => r.open).map((r) => r.span)).toEqual(['DxgkDdiCreateAllocation #1', 'DxgkDdiCreateAllocation #2']);
  });

  it('a move of no context (a timer expiring) goes in the (env) lane, last', async () => {
    const { trace } = await traceOf(fixture('timer.ts'));
    const v = viewOf(trace);
    expect(v.lanes.map((l) => l.name)).toEqual(['arm0', 'DPC_tick', '(env)']);
    const text = lanesText(trace, { width: 90 });
    expect(text).toMatch(/^\s+2\s+• timer watchdog expires$/m);
    expect(text).toMatch(/^\s+3\s+┌ DPC tick @DISPATCH$/m);
    expect(text).toMatch(/^\s+!4\s+└ fire \(returns\) ✗$/m);
  });

  it('wrap never loses a word', () => {
    const text = 'a violation message that is much longer than the width it has to fit in, with averyveryverylongwordinside';
    const w = wrap(text, 20, '  ');
    for (const l of w) expect(l.length).toBeLessThanOrEqual(20);
    expect(w.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});

describe('Mermaid sequence diagram', () => {
  it('participants per context, calls activate and return, notes for locks, changes and the violation', async () => {
    const { trace } = await traceOf(fixture('locked-ddi.ts'));
    const m = lines(mermaid(trace));
    expect(m[0]).toBe('sequenceDiagram');
    expect(m).toContain('  participant OS as OS (kernel)');
    expect(m).toContain('  participant c0 as P0T0');
    expect(m).toContain('  participant c1 as P1T0');
    expect(m).toContain('  OS->>c0: 1. DxgkDdiCreateAllocation #35;1');
    expect(m).toContain('  Note over c0: acquires g.lock');
    expect(m).toContain('  Note right of c0: g.calls 0→1');
    expect(m).toContain('  c0-->>OS: DxgkDdiCreateAllocation returns');
    expect(m).toContain('  c1->>c1: 9. check ✗');
    expect(m).toContain('  Note over c0,c1: VIOLATED only-one at step 9: P1T0 sees 2 calls');
    expect(m.filter((l) => l.includes('activate c1') && !l.includes('deactivate')).length).toBe(m.filter((l) => l.includes('deactivate c1')).length);
  });

  it('text from a trace cannot break out of its line or start Mermaid syntax', async () => {
    expect(mermaidText('a;b#c<d>\ne%%f')).toBe('a#59;b#35;c#60;d#62; e#37;#37;f');
    const { trace } = await traceOf(fixture('markup.ts'));
    const m = mermaid(trace);
    expect(m.replace(/-->>|->>/g, '')).not.toMatch(/[<>]/);
    for (const l of lines(m).slice(1)) expect(l.startsWith('  ')).toBe(true);
  });
});
