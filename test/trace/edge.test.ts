/**
 * Traces at the edges: a violation in the initial state (a trace of no steps)
 * and a deadlock (a violation in a state, after the last step). Each is made,
 * read back, replayed and shown.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { defineModel, mutex, t } from '../../src/index.js';
import { traceFromResult } from '../../src/trace/build.js';
import { parseTrace } from '../../src/trace/parse.js';
import { replayTrace } from '../../src/trace/confirm.js';
import { lanesText } from '../../src/trace/lanes.js';
import { mermaid } from '../../src/trace/mermaid.js';
import { htmlPage } from '../../src/trace/html.js';
import type { AnyModel } from '../../src/model/define.js';

function roundTrip(m: AnyModel): ReturnType<typeof parseTrace> {
  const r = check(m);
  expect(r.verdict).toBe('violated');
  const trace = parseTrace(JSON.stringify(traceFromResult(m, r, { file: '', sha256: '' })), 'mem.json');
  expect(replayTrace(trace, m).outcome.kind).toBe('reproduced');
  return trace;
}

describe('edge traces', () => {
  it('a violation in the initial state: no steps, step 0', () => {
    const m = defineModel({
      name: 'bad-start',
      global: { x: t.int(0, 3, 3) },
      threads: { idle: { steps: { stop: { next: 'return' } } } },
      invariants: { small: (s) => s.g.x < 3 || `x starts at ${s.g.x}` },
      scenarios: { default: { workers: { idle: 1 } } },
    }) as AnyModel;
    const trace = roundTrip(m);
    expect(trace.steps).toEqual([]);
    expect(trace.violation).toEqual({ property: 'small', message: 'x starts at 3', kind: 'state', step: 0 });
    expect(lanesText(trace, { width: 80 })).toContain('✗ small in the initial state: x starts at 3');
    expect(mermaid(trace).split('\n')[0]).toBe('sequenceDiagram');
    expect(htmlPage(trace)).toContain('in the initial state: x starts at 3');
  });

  it('a deadlock: two workers take two mutexes in opposite order', () => {
    const m = defineModel({
      name: 'abba',
      global: { a: mutex(), b: mutex() },
      threads: {
        ab: { steps: { a: (s, k) => { k.acquireMutex(s.g.a); return 'b'; }, b: (s, k) => { k.acquireMutex(s.g.b); return 'rel'; }, rel: (s, k) => { k.releaseMutex(s.g.b); k.releaseMutex(s.g.a); return 'return'; } } },
        ba: { steps: { b: (s, k) => { k.acquireMutex(s.g.b); return 'a'; }, a: (s, k) => { k.acquireMutex(s.g.a); return 'rel'; }, rel: (s, k) => { k.releaseMutex(s.g.a); k.releaseMutex(s.g.b); return 'return'; } } },
      },
      scenarios: { default: { workers: { ab: 1, ba: 1 } } },
    }) as AnyModel;
    const trace = roundTrip(m);
    expect(trace.violation).toMatchObject({ property: 'deadlock', kind: 'deadlock', step: 2 });
    expect(trace.steps[1].violation?.property).toBe('deadlock');
    const text = lanesText(trace, { width: 100 });
    expect(text).toMatch(/\+g\.a/);
    expect(text).toMatch(/\+g\.b/);
    expect(text).toContain('✗ deadlock after step 2: no context can move');
  });
});
