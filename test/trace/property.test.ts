/**
 * Properties of traces on random small models (test/trace/random-model.ts):
 * every violation the checker reports, by either search order and on either
 * backend, becomes a trace file that reads back and replays to the same
 * property at the same step; and the minimizer returns a trace no longer than
 * its input that still violates that property and replays.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '../../src/check.js';
import { compile } from '../../src/engine/system.js';
import { traceFromResult, engineFor, scoreOf } from '../../src/trace/build.js';
import { parseTrace } from '../../src/trace/parse.js';
import { replayTrace } from '../../src/trace/confirm.js';
import { minimize, better } from '../../src/trace/minimize.js';
import { executeIds } from '../../src/trace/run.js';
import { modelSpec, randomModel } from './random-model.js';

const order = fc.constantFrom('bfs' as const, 'dfs' as const);
const backend = fc.constantFrom('fast' as const, 'immer' as const);

describe('traces of random small models', () => {
  it('every reported violation replays to the same property at the same step', () => {
    let violated = 0;
    fc.assert(fc.property(modelSpec, order, backend, (spec, o, b) => {
      const m = randomModel(spec);
      const r = check(m, { order: o, backend: b });
      if (r.verdict !== 'violated') return;
      violated++;
      const trace = traceFromResult(m, r, { file: '', sha256: '' });
      const back = parseTrace(JSON.stringify(trace), 'random.json');
      expect(back).toEqual(trace);
      expect(back.violation.property).toBe(r.property);
      expect(back.steps).toHaveLength(r.counterexample!.choices.length);
      const { outcome } = replayTrace(back, m);
      expect(outcome.kind).toBe('reproduced');
      if (outcome.kind === 'reproduced') {
        expect(outcome.violation.property).toBe(r.property);
        expect(outcome.violation.step).toBe(back.violation.step);
      }
    }), { numRuns: 80 });
    // The generator must actually produce violations, or the property says nothing.
    expect(violated).toBeGreaterThan(10);
  });

  it('minimizing a depth-first trace keeps the property and never makes it longer', () => {
    let shrunk = 0;
    fc.assert(fc.property(modelSpec, (spec) => {
      const m = randomModel(spec);
      const r = check(m, { order: 'dfs' });
      if (r.verdict !== 'violated') return;
      const sys = compile(m, r.scenario);
      const engine = engineFor(sys, 'fast');
      const input = r.counterexample!.choices;
      const out = minimize(engine, input, r.property!);
      expect(out).not.toBeNull();
      expect(out!.violation.property).toBe(r.property);
      expect(out!.choices.length).toBeLessThanOrEqual(input.length);
      expect(better(out!.before, out!.after)).toBe(false);
      expect(out!.after).toEqual(scoreOf(sys, out!.choices));
      // It replays strictly (no step skipped) to the same property.
      const again = executeIds(engine, out!.choices, 'strict');
      expect(again.stuck).toBeUndefined();
      expect(again.violation?.property).toBe(r.property);
      // Never shorter than a shortest counterexample for the same property, when BFS finds that property.
      const bfs = check(m, { order: 'bfs' });
      if (bfs.property === r.property) expect(out!.choices.length).toBeGreaterThanOrEqual(bfs.counterexample!.choices.length);
      if (better(out!.after, out!.before)) shrunk++;
    }), { numRuns: 60 });
    expect(shrunk).toBeGreaterThan(0);
  });
});
