/**
 * Baseline signatures name the bug, not the path to it: an edit that does not
 * change the bug keeps the signature (a no-op step added at the head of a DDI,
 * the model file moved), and a different bug gets another.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { check } from '../../src/check.js';
import { signature, signatureParts } from '../../src/ci/baseline.js';
import { run } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import vsync from '../../examples/vsync-counter.js';
import vsyncNoop from './fixtures/vsync-noop.js';
import racy from './fixtures/racy.js';

const fx = (f: string): string => resolve(__dirname, 'fixtures', f);

describe('signature', () => {
  it('survives a no-op step added at the head of a DDI', () => {
    const a = check(vsync);
    const b = check(vsyncNoop);
    expect([a.verdict, b.verdict]).toEqual(['violated', 'violated']);
    // The counterexamples differ (one step more), so a signature over the steps would too.
    expect([a.counterexample!.steps.length, b.counterexample!.steps.length]).toEqual([5, 6]);
    expect(signatureParts(b)).toEqual(signatureParts(a));
    expect(signature(b)).toBe(signature(a));
    expect(signatureParts(a)).toEqual([
      'model vsync-counter', 'scenario default', 'property data-race', 'contexts DPC_retire,ISR,P0T0', 'ddis DxgkDdiPresent',
      'step DPC_retire retire/retire | P0T0 DxgkDdiPresent/add',
      'message P#T# (DxgkDdiPresent/add) writes g.inFlight while DPC_retire (retire/retire) reads it: both steps are enabled in the same state and nothing orders them',
    ]);
  });

  it('differs for another bug', () => {
    expect(signature(check(racy))).not.toBe(signature(check(vsync)));
  });
});

describe('a baseline after the model file moved', () => {
  it('still knows the violation, and reports nothing fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddicheck-baseline-'));
    const io = (): IO & { text: () => string } => {
      let out = '';
      return { errIsTTY: false, columns: 160, out: (s) => { out += `${s}\n`; }, err: (s) => { out += `${s}\n`; }, text: () => out };
    };
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    const base = join(dir, 'baseline.json');
    writeFileSync(before, JSON.stringify({ checks: [{ model: fx('racy.ts') }] }));
    writeFileSync(after, JSON.stringify({ checks: [{ model: fx('moved/racy.ts') }] }));
    expect(await run(['ci', '--no-typecheck', '--config', before, '--baseline', base, '--update-baseline'], io())).toBe(0);
    const known = JSON.parse(readFileSync(base, 'utf8')) as { version: number; known: { check: string; model: string; scenario: string }[] };
    expect(known.version).toBe(2);
    expect(known.known).toHaveLength(1);
    expect(known.known[0]).toMatchObject({ model: 'counter-racy', scenario: 'default' });
    const gate = io();
    expect(await run(['ci', '--no-typecheck', '--config', after, '--baseline', base], gate)).toBe(0);
    expect(gate.text()).toMatch(/known\s+\S*moved\/racy\.ts#default\s.*a known issue in the baseline/);
    expect(gate.text()).not.toContain('fixed:');
  });
});
