// The bundled conformance-mode dispatchers (models/conformance): the reference
// holds, with exact state counts; each mutant breaks exactly one of the mission's
// four invariants, with a shortest counterexample, and holds once that one rule
// is turned off; every model gives the verdict its `expect` manifest states.
import { describe, expect, it } from 'vitest';
import { check, type AnyModel } from '../../src/index.js';
import reference from '../../models/conformance/reference.js';
import noProcessGate from '../../models/conformance/no-process-gate.js';
import noClassLock from '../../models/conformance/no-class-lock.js';
import sharedReset from '../../models/conformance/shared-reset.js';
import noPdevLock from '../../models/conformance/no-pdev-lock.js';

interface Mutant {
  readonly model: AnyModel;
  readonly property: string;
  /** The overlap the monitor reports. */
  readonly message: RegExp;
  /** The two calls of the shortest counterexample. */
  readonly calls: readonly string[];
}

const MUTANTS: Readonly<Record<string, Mutant>> = {
  'no-process-gate': {
    model: noProcessGate, property: 'same-process-reentrancy',
    message: /^P0T0 \(\S+\) and P0T1 \(\S+\) are threads of process 0, in the driver at once$/,
    calls: ['call DxgkDdiPresent', 'call DxgkDdiPresent'],
  },
  'no-class-lock': {
    model: noClassLock, property: 'class-exclusion',
    message: /^DxgkDdiSetPointerPosition and DxgkDdiSetPointerPosition overlapped; both are in the level-1 pointer class$/,
    calls: ['call DxgkDdiSetPointerPosition', 'call DxgkDdiSetPointerPosition'],
  },
  'shared-reset': {
    model: sharedReset, property: 'exclusive-reset',
    message: /^DxgkDdiPresent ran during DxgkDdiResetFromTimeout: /,
    calls: ['call DxgkDdiPresent', 'call DxgkDdiResetFromTimeout'],
  },
  'no-pdev-lock': {
    model: noPdevLock, property: 'pdev-single-enabled-thread',
    message: /^P0T0 \(DrvBitBlt\[pdev 0\]\) and P0T1 \(DrvBitBlt\[pdev 0\]\) are both in the display driver with an enabled PDEV$/,
    calls: ['call DrvBitBlt[pdev 0]', 'call DrvBitBlt[pdev 0]'],
  },
};

describe('the reference dispatcher', () => {
  it('holds on the default scenario: 153,246 states, every monitor satisfied', () => {
    const r = check(reference);
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(153_246);
    expect(r.stats.maxDepth).toBe(15);
    expect(r.bounds).toBe('2 processes x 2 threads, 1 call per thread, 2 PDEVs on 2 outputs');
  });
  it('holds on child I/O for two children, a level-3 call and QueryAdapterInfo: 22,464 states', () => {
    const r = check(reference, { scenario: 'children' });
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(22_464);
    expect(r.stats.maxDepth).toBe(16);
  });
});

describe.each(Object.entries(MUTANTS))('mutant %s', (name, m) => {
  it(`is violated with ${m.property}, with a shortest counterexample`, () => {
    const r = check(m.model);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe(m.property);
    expect(r.message).toMatch(m.message);
    const cx = r.counterexample!;
    // Breadth-first: the counterexample is as long as the search went deep.
    expect(cx.choices.length).toBe(r.stats.maxDepth);
    expect(cx.steps.filter((s) => s.kind === 'call').map((s) => s.step)).toEqual(m.calls);
    // The last step lets the second call into the driver.
    expect(cx.steps.at(-1)!.step).toMatch(/^dispatch\//);
    // And none shorter: cut one step earlier, the search finds nothing.
    const cut = check(m.model, { maxDepth: cx.choices.length - 1 });
    expect(cut.verdict).toBe('inconclusive');
  });
  it(`breaks only that rule: with ${m.property} turned off it holds`, () => {
    const off = check({ ...m.model, contract: { ignore: [m.property] } });
    expect(off.verdict, `${off.property}: ${off.message}`).toBe('holds');
  });
  it('differs from the reference in its name and one mutation only', () => {
    expect(m.model.name).toBe(`conformance-${name}`);
    expect(Object.keys(m.model.scenarios)).toEqual(Object.keys(reference.scenarios));
    expect(m.model.scenarios).toEqual(reference.scenarios);
  });
});

describe('the manifest', () => {
  const all: [string, AnyModel][] = [['reference', reference], ...Object.entries(MUTANTS).map(([n, m]): [string, AnyModel] => [n, m.model])];
  it.each(all)('%s gives the verdict its expect field states, on every scenario', (_n, model) => {
    expect(Object.keys(model.expect ?? {})).toEqual(Object.keys(model.scenarios));
    for (const [scenario, want] of Object.entries(model.expect!)) {
      if (scenario === 'default') continue; // checked above
      const r = check(model, { scenario });
      expect({ verdict: r.verdict, property: r.property }).toEqual({ verdict: want.verdict, property: want.property });
    }
  });
  it('the reference expects holds; each mutant its property on the default scenario', () => {
    expect(reference.expect!.default).toEqual({ verdict: 'holds' });
    for (const m of Object.values(MUTANTS)) expect(m.model.expect!.default).toEqual({ verdict: 'violated', property: m.property });
  });
});
