/**
 * --minimize on the command line: a depth-first trace shrinks to one no longer
 * than it that still violates the same property and replays; the smaller trace
 * records the size it came from.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeTrace } from '../../src/trace/build.js';
import { readTrace } from '../../src/trace/parse.js';
import { compile } from '../../src/engine/system.js';
import { engineFor, scoreOf } from '../../src/trace/build.js';
import { minimize } from '../../src/trace/minimize.js';
import { check } from '../../src/check.js';
import { ddicheck, fixture, model, scratch, traceOf } from './helpers.js';

const loop = fixture('counter-loop.ts');

describe('minimize', () => {
  it('in-process: a depth-first trace of a model with many interleavings loses context switches', async () => {
    const m = await model(loop);
    const r = check(m, { order: 'dfs' });
    expect(r.verdict).toBe('violated');
    const sys = compile(m, r.scenario);
    const out = minimize(engineFor(sys, 'fast'), r.counterexample!.choices, 'lostUpdate')!;
    expect(out.violation.property).toBe('lostUpdate');
    expect(out.after.steps).toBeLessThanOrEqual(out.before.steps);
    expect(out.after.switches).toBeLessThan(out.before.switches);
    expect(out.before).toEqual(scoreOf(sys, r.counterexample!.choices));
  });

  it('drops steps and contexts the violation does not need: a depth-first detour shrinks to a shortest trace', async () => {
    const m = await model(fixture('noisy.ts'));
    const r = check(m, { order: 'dfs' });
    const sys = compile(m, r.scenario);
    const out = minimize(engineFor(sys, 'fast'), r.counterexample!.choices, 'lostUpdate')!;
    expect(out.before).toEqual({ steps: 9, contexts: 3, switches: 4 });
    expect(out.after).toEqual({ steps: 4, contexts: 2, switches: 2 });
    expect(out.after.steps).toBe(check(m, { order: 'bfs' }).counterexample!.choices.length);
    expect(out.choices.every((id) => sys.actions[id].name.startsWith('adder/'))).toBe(true);
  });

  it('returns null for choices that do not violate the property', async () => {
    const m = await model(loop);
    const sys = compile(m);
    expect(minimize(engineFor(sys, 'fast'), [], 'lostUpdate')).toBeNull();
  });

  it('replay --minimize --out: writes a smaller trace that replays to the same property', async () => {
    const dir = scratch();
    const t = join(dir, 'dfs.json');
    const { trace } = await traceOf(loop, { order: 'dfs' });
    writeTrace(t, trace);
    const small = join(dir, 'small.json');
    const r = await ddicheck('replay', t, '--minimize', '--out', small);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reproduced: lostUpdate');
    expect(r.stdout).toMatch(/minimized: 21 → 21 steps, 3 → 3 contexts, \d+ → \d+ context switches/);
    expect(r.stdout).toContain(`wrote ${small}`);
    const s = readTrace(small);
    expect(s.violation.property).toBe('lostUpdate');
    expect(s.steps.length).toBeLessThanOrEqual(trace.steps.length);
    expect(s.minimized).toEqual({ steps: 21, contexts: 3, switches: expect.any(Number) });
    expect(s.options.order).toBe('dfs');
    const again = await ddicheck('replay', small);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('reproduced: lostUpdate');
    const shown = await ddicheck('show', small, '--width', '100');
    expect(shown.stdout).toContain('(minimized from 21)');
  });

  it('replay --minimize without --out writes FILE.min.json', async () => {
    const dir = scratch();
    const t = join(dir, 'trace.json');
    writeTrace(t, (await traceOf(fixture('locked-ddi.ts'), { order: 'dfs' })).trace);
    const r = await ddicheck('replay', t, '--minimize');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`wrote ${join(dir, 'trace.min.json')}`);
    expect(readTrace(join(dir, 'trace.min.json')).violation.property).toBe('only-one');
  });

  it('check --dfs --minimize --trace: the report and the file have the minimized trace', async () => {
    const dir = scratch();
    const t = join(dir, 'min.json');
    const r = await ddicheck('check', loop, '--dfs', '--minimize', '--trace', t);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/minimized: 21 → 21 steps, 3 → 3 contexts, (\d+) → (\d+) context switches/);
    const [, from, to] = /(\d+) → (\d+) context switches/.exec(r.stdout)!;
    expect(Number(to)).toBeLessThan(Number(from));
    const s = readTrace(t);
    expect(s.violation.property).toBe('lostUpdate');
    const rep = await ddicheck('replay', t);
    expect(rep.code).toBe(1);
    expect(rep.stdout).toContain('reproduced');
  });
});
