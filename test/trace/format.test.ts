/**
 * The trace file: what check writes, that it reads back unchanged, and that a
 * file of the wrong shape is refused with a message naming the file and field.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeTrace, sha256File } from '../../src/trace/build.js';
import { parseTrace, readTrace } from '../../src/trace/parse.js';
import { CONTRACT_VERSION } from '../../src/contract/index.js';
import { InputError } from '../../src/errors.js';
import { fixture, root, scratch, traceOf } from './helpers.js';

const lostUpdate = 'test/fixtures/violated/lost-update.ts';

describe('a trace file', () => {
  it('names the model, scenario, contract and options, and records choices and steps', async () => {
    const { trace } = await traceOf(lostUpdate);
    expect(trace.format).toBe('ddicheck-trace');
    expect(trace.version).toBe(1);
    expect(trace.model).toEqual({ name: 'lost-update', file: lostUpdate, sha256: sha256File(join(root, lostUpdate)) });
    expect(trace.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(trace.scenario.name).toBe('default');
    expect(trace.contract.version).toBe(CONTRACT_VERSION);
    expect(trace.options).toEqual({ backend: 'fast', order: 'bfs', exact: false, budget: {} });
    expect(trace.contexts.map((c) => c.name)).toEqual(['worker0', 'worker1']);
    expect(trace.choices).toEqual([
      { context: 'worker0', action: 'worker/read', id: expect.any(Number) },
      { context: 'worker1', action: 'worker/read', id: expect.any(Number) },
      { context: 'worker0', action: 'worker/write', id: expect.any(Number) },
      { context: 'worker1', action: 'worker/write', id: expect.any(Number) },
    ]);
    expect(trace.steps.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(trace.steps[2].context).toEqual({ name: 'worker0', kind: 'worker', process: -1, thread: 0, session: 0, irql: 'PASSIVE_LEVEL' });
    expect(trace.steps[2].call).toBeNull();
    expect(trace.steps[2].step).toBe('worker/write');
    expect(trace.steps[2].changes).toContainEqual({ path: 'g.count', old: 0, new: 1 });
    expect(trace.violation).toEqual({ property: 'lostUpdate', message: 'both workers finished but count is 1, not 2', kind: 'state', step: 4 });
    expect(trace.steps[3].violation).toEqual({ property: 'lostUpdate', message: 'both workers finished but count is 1, not 2' });
    expect(trace.steps.slice(0, 3).every((s) => s.violation === undefined)).toBe(true);
    expect(trace.initial['g.count']).toBe(0);
    expect(trace.initial['ctx.worker0.pc']).toBe('worker/read');
  });

  it('records DDI calls with ids, the IRQL a step starts at, and the locks', async () => {
    const { trace } = await traceOf(fixture('locked-ddi.ts'));
    expect(trace.violation).toMatchObject({ property: 'only-one', kind: 'step', step: 9 });
    expect(trace.steps.map((s) => s.call?.id ?? null)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(trace.steps[0]).toMatchObject({ kind: 'call', step: 'call DxgkDdiCreateAllocation', call: { ddi: 'DxgkDdiCreateAllocation', id: 1 } });
    expect(trace.steps[0].context).toMatchObject({ name: 'P0T0', kind: 'thread', process: 0, thread: 0, session: 0 });
    expect(trace.steps[8].context).toMatchObject({ name: 'P1T0', process: 1, irql: 'DISPATCH_LEVEL' });
    expect(trace.steps[8].changes).toEqual([]);
    expect(trace.steps[8].violation).toEqual({ property: 'only-one', message: 'P1T0 sees 2 calls' });
    expect(trace.locks).toEqual([{ path: 'g.lock', object: 'spin lock', owner: 'g.lock.owner' }]);
    expect(trace.steps[1].changes).toContainEqual({ path: 'g.lock.owner', old: 0, new: 1 });
  });

  it('round-trips: written, read back and validated, it is the same document', async () => {
    const dir = scratch();
    for (const f of [lostUpdate, 'test/fixtures/violated/racy-counter.ts', fixture('locked-ddi.ts'), fixture('markup.ts')]) {
      const { trace } = await traceOf(f);
      const file = join(dir, 'nested', 'folder', 't.json');
      writeTrace(file, trace);
      expect(readTrace(file)).toEqual(trace);
      expect(parseTrace(readFileSync(file, 'utf8'), file)).toEqual(JSON.parse(JSON.stringify(trace)));
    }
  });

  it('keeps the race of a data-race violation', async () => {
    const { trace } = await traceOf('test/fixtures/violated/racy-counter.ts');
    expect(trace.violation).toMatchObject({ property: 'data-race', kind: 'race', step: 1, race: { location: 'g.count' } });
    expect(trace.violation.race!.steps).toHaveLength(2);
  });
});

describe('reading a malformed trace', () => {
  const good = async (): Promise<Record<string, unknown>> => JSON.parse(JSON.stringify((await traceOf(lostUpdate)).trace)) as Record<string, unknown>;
  const refuses = (text: string, ...parts: string[]): void => {
    let err: unknown;
    try { parseTrace(text, 'out/t.json'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg.startsWith('out/t.json: ')).toBe(true);
    for (const p of parts) expect(msg).toContain(p);
  };

  it('not JSON', () => refuses('{"format": "ddicheck-trace",', 'is not valid JSON'));
  it('JSON that is not an object', () => refuses('[1, 2]', '(top level)', 'must be an object'));
  it('another format', () => refuses(JSON.stringify({ format: 'something-else', version: 1 }), 'field "format"', 'not a ddicheck trace'));
  it('no format', () => refuses(JSON.stringify({ version: 1 }), 'field "format" is missing'));
  it('another version', async () => refuses(JSON.stringify({ ...(await good()), version: 2 }), 'field "version" is 2', 'reads trace version 1'));
  it('a field of the wrong type, named by its path', async () => {
    const t = await good();
    (t.steps as { changes: { old: unknown }[] }[])[2].changes[0].old = { toString: 'alert(1)' };
    refuses(JSON.stringify(t), 'field "steps[2].changes[0].old" must be a string, number or boolean, got an object');
  });
  it('a choice whose action is not a string', async () => {
    const t = await good();
    (t.choices as { action: unknown }[])[1].action = ['worker/read'];
    refuses(JSON.stringify(t), 'field "choices[1].action" must be a string, got an array');
  });
  it('a missing field', async () => {
    const t = await good();
    delete (t.model as Record<string, unknown>).sha256;
    refuses(JSON.stringify(t), 'field "model.sha256" is missing');
  });
  it('steps out of order', async () => {
    const t = await good();
    (t.steps as { index: number }[])[1].index = 7;
    refuses(JSON.stringify(t), 'field "steps[1].index" is 7', 'must be 2');
  });
  it('more steps than choices', async () => {
    const t = await good();
    (t.choices as unknown[]).pop();
    refuses(JSON.stringify(t), 'field "steps" has 4 entries but "choices" has 3');
  });
  it('a violation kind it does not know', async () => {
    const t = await good();
    (t.violation as Record<string, unknown>).kind = 'explode';
    refuses(JSON.stringify(t), 'field "violation.kind" is "explode"', 'step, state, race, deadlock');
  });
  it('a file that does not exist', () => {
    expect(() => readTrace('no/such/trace.json')).toThrow('no/such/trace.json: cannot be read: no such file');
  });
});
