/**
 * Bad models are InputErrors that name the model element at fault, never a
 * violation and never a bare stack trace: a step that throws, a step that is not
 * deterministic, a step that goes nowhere, two contexts with one name.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, InputError, t, type AnyModel, type BackendName } from '../../src/index.js';

function inputError(model: AnyModel, backend: BackendName): InputError {
  try { check(model, { backend }); } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe.each(['fast', 'immer'] as const)('bad input (%s backend)', (backend) => {
  it('a step that throws: the message names the model, the step, the context and the error', () => {
    const m = defineModel({
      name: 'throws',
      global: { x: t.int(0, 1) },
      threads: { w: { steps: { ok: () => 'boom', boom: () => { throw new Error('kaboom'); } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const e = inputError(m, backend);
    expect(e.where).toBe('model throws: step w/boom (context w0)');
    expect(e.problem).toMatch(/^threw Error: kaboom/);
    expect(e.hint).toMatch(/k\.assert/);
  });

  it('a step that is not deterministic (reads a module-level counter): the message names the step', () => {
    let calls = 0;
    const m = defineModel({
      name: 'flaky',
      global: { x: t.int(0, 1) },
      threads: { w: { steps: { flaky: (s) => { s.g.x = calls++ % 2; return 'return'; } } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const e = inputError(m, backend);
    expect(e.where).toBe('model flaky: step w/flaky');
    expect(e.problem).toMatch(/is not deterministic/);
  });

  it('a step that returns no label and has no next', () => {
    const m = defineModel({
      name: 'nowhere',
      threads: { w: { steps: { a: () => undefined } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const e = inputError(m, backend);
    expect(e.where).toBe('model nowhere: step w/a');
    expect(e.problem).toBe('returned nothing and has no "next"');
  });

  it('a step that returns an unknown label', () => {
    const m = defineModel({
      name: 'lost',
      threads: { w: { steps: { a: () => 'b' } } },
      scenarios: { default: { workers: { w: 1 } } },
    });
    const e = inputError(m, backend);
    expect(e.where).toBe('model lost: step w/a');
    expect(e.problem).toBe('goes to unknown label "b"');
  });

  it('two contexts with one name (worker 10 of a, worker 0 of a1)', () => {
    const m = defineModel({
      name: 'clash',
      threads: { a: { steps: { s: () => 'return' } }, a1: { steps: { s: () => 'return' } } },
      scenarios: { default: { workers: { a: 11, a1: 1 } } },
    });
    const e = inputError(m, backend);
    expect(e.problem).toBe('has two contexts named a10');
  });
});
