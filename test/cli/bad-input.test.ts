/**
 * Bad input end to end: every file in test/fixtures/bad-input/ exits 2 with one
 * message on stderr that names the file, and never a stack trace; each also has
 * its own assertions on what the message says. Then the bad-input cases that
 * need no fixture: a missing file, an unknown scenario, usage mistakes.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ddicheck, fixture, fixturesIn, STACK_FRAME, type Run } from './spawn.js';

/** One message: starts with "ddicheck: ", names `where`, one "ddicheck:" only, no stack, nothing on stdout. */
function oneMessage(r: Run, where: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.startsWith('ddicheck: ')).toBe(true);
  expect(r.stderr.match(/ddicheck: /g)).toHaveLength(1);
  expect(r.stderr).toContain(where);
  expect(r.stderr).not.toContain(STACK_FRAME);
  expect(r.stderr).not.toContain('internal error');
}

const bad = (name: string): string => fixture(`bad-input/${name}`);

describe.concurrent('every bad-input fixture: exit 2, one message naming the file, no stack trace', () => {
  for (const f of fixturesIn('bad-input')) {
    it(f, async () => { oneMessage(await ddicheck('check', f), f); });
  }
});

describe.concurrent('what each bad-input message says', () => {
  it('a missing file', async () => {
    const r = await ddicheck('check', bad('no-such-model.ts'));
    oneMessage(r, bad('no-such-model.ts'));
    expect(r.stderr).toContain('no such model file');
  });

  it('a syntax error: file:line:column, found by the type check', async () => {
    const r = await ddicheck('check', bad('syntax-error.ts'));
    expect(r.stderr).toMatch(/^ddicheck: test\/fixtures\/bad-input\/syntax-error\.ts:7:\d+: has a syntax error: /);
  });

  it('a syntax error with --no-typecheck: file:line:column, found by the loader', async () => {
    const r = await ddicheck('check', bad('syntax-error.ts'), '--no-typecheck');
    oneMessage(r, bad('syntax-error.ts'));
    expect(r.stderr).toMatch(/^ddicheck: test\/fixtures\/bad-input\/syntax-error\.ts:7:\d+: has a syntax error: Expected "}" but found "scenarios"/);
    expect(r.stderr).not.toContain('Transform failed');
  });

  it('a type error (s.g.nope): file:line:column and the compiler message, and how to skip the check', async () => {
    const r = await ddicheck('check', bad('type-error.ts'));
    expect(r.stderr).toMatch(/^ddicheck: test\/fixtures\/bad-input\/type-error\.ts:11:\d+: does not type-check: Property 'nope' does not exist/);
    expect(r.stderr).toContain('--no-typecheck');
  });

  it('the same file with --no-typecheck loads, and fails when the step writes the undeclared field', async () => {
    const r = await ddicheck('check', bad('type-error.ts'), '--no-typecheck');
    oneMessage(r, bad('type-error.ts'));
    expect(r.stderr).not.toContain('type-check');
    expect(r.stderr).toContain('step worker/poke');
    expect(r.stderr).toContain('context worker0');
    expect(r.stderr).toMatch(/\bnope\b/);
  });

  it('a file that exports no model', async () => {
    const r = await ddicheck('check', bad('no-model.ts'));
    expect(r.stderr).toContain('no-model.ts: does not export a model');
    expect(r.stderr).toContain('export default defineModel(');
  });

  it('a file that throws while loading: what it threw, and where', async () => {
    const r = await ddicheck('check', bad('load-throws.ts'));
    expect(r.stderr).toContain('load-throws.ts: does not load: the model file failed while loading');
    expect(r.stderr).toContain('(at test/fixtures/bad-input/load-throws.ts:2:');
  });

  it('a scenario calling a DDI the model does not declare: names the scenario, the DDI and the declared ones', async () => {
    const r = await ddicheck('check', bad('undeclared-ddi.ts'));
    expect(r.stderr).toContain('scenario default');
    expect(r.stderr).toContain('DxgkDdiPresent');
    expect(r.stderr).toContain('DxgkDdiSetPointerPosition');
  });

  it('a DDI that is not in the contract catalog: names it and how to extend the catalog', async () => {
    const r = await ddicheck('check', bad('unknown-ddi.ts'));
    expect(r.stderr).toContain('DxgkDdiFrobnicate');
    expect(r.stderr).toContain('contract catalog');
    expect(r.stderr).toContain('ddicheck catalog');
  });

  it('a scenario starting a worker procedure the model does not declare', async () => {
    const r = await ddicheck('check', bad('undeclared-worker.ts'));
    expect(r.stderr).toContain('scenario default');
    expect(r.stderr).toContain('workers');
    expect(r.stderr).toContain('"flusher"');
    expect(r.stderr).toContain('declared threads: pump');
  });

  it('a step that throws: names the step, the context, the error and the line', async () => {
    const r = await ddicheck('check', bad('step-throws.ts'));
    expect(r.stderr).toContain('step worker/crash');
    expect(r.stderr).toContain('context worker1');
    expect(r.stderr).toContain('RangeError: worker 1 found x = 1');
    expect(r.stderr).toMatch(/step-throws\.ts:14:\d+/);
    expect(r.stderr).toContain('k.assert');
  });

  it('a step that is not deterministic: names the step and the likely cause', async () => {
    const r = await ddicheck('check', bad('nondeterministic.ts'));
    expect(r.stderr).toContain('step worker/tick');
    expect(r.stderr).toContain('not deterministic');
    expect(r.stderr).toContain('outside the model state');
  });

  it('a step that reads what another step left outside the model state: caught by the later re-run, names the step', async () => {
    const r = await ddicheck('check', bad('nondeterministic-later.ts'));
    oneMessage(r, bad('nondeterministic-later.ts'));
    expect(r.stderr).toContain('step reader/read');
    expect(r.stderr).toContain('is not deterministic: run again later from the same state');
    expect(r.stderr).toContain('outside the model state');
  });

  it('a step returning an unknown label: names the step, the label and the labels there are', async () => {
    const r = await ddicheck('check', bad('unknown-label.ts'));
    expect(r.stderr).toContain('step worker/first');
    expect(r.stderr).toContain('unknown label "secnod"');
    expect(r.stderr).toContain('first, second, or "return"');
  });

  it('a misspelt scenario key: names the key and the nearest known one, with or without the type check', async () => {
    for (const flags of [[], ['--no-typecheck']]) {
      const r = await ddicheck('check', bad('scenario-typo.ts'), ...flags);
      oneMessage(r, bad('scenario-typo.ts'));
      expect(r.stderr).toContain('scenario default: has unknown key "interupts" (did you mean "interrupts"?)');
    }
  });

  it('a file the compiler cannot type-check at all: says so and stops, instead of passing it unchecked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddicheck-untypable-'));
    const file = join(dir, 'model.txt');
    writeFileSync(file, 'export default 1;\n');
    const r = await ddicheck('check', file);
    oneMessage(r, file);
    expect(r.stderr).toContain(`${file}: cannot be type-checked: TS6054: `);
    expect(r.stderr).toContain('pass --no-typecheck to run the model without type-checking it');
  });

  it('a misspelt budget key: names the key and the nearest known one', async () => {
    const r = await ddicheck('check', bad('budget-typo.ts'), '--no-typecheck');
    oneMessage(r, bad('budget-typo.ts'));
    expect(r.stderr).toContain('scenario default: budget: has unknown key "maxState" (did you mean "maxStates"?)');
  });

  it('an unknown --scenario: lists the known scenarios', async () => {
    const r = await ddicheck('check', fixture('holds/locked-counter.ts'), '--scenario', 'nope');
    oneMessage(r, fixture('holds/locked-counter.ts'));
    expect(r.stderr).toContain('no scenario "nope"');
    expect(r.stderr).toContain('known scenarios: default, one');
  });

  it('--json with bad input: still exit 2 and the message on stderr, no half JSON on stdout', async () => {
    const r = await ddicheck('check', bad('unknown-label.ts'), '--json');
    oneMessage(r, bad('unknown-label.ts'));
  });

  it('a bad model after a good one: the good one is reported, the exit code is 2', async ({ expect }) => {
    const r = await ddicheck('check', fixture('holds/locked-counter.ts'), bad('no-model.ts'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('HOLDS');
    expect(r.stderr).toContain('no-model.ts: does not export a model');
    expect(r.stderr).not.toContain(STACK_FRAME);
  });
});

describe.concurrent('usage mistakes: exit 2, one message, the command never runs', () => {
  const usage = (r: Run, text: string | RegExp): void => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(STACK_FRAME);
    if (typeof text === 'string') expect(r.stderr).toContain(text); else expect(r.stderr).toMatch(text);
  };
  it('an unknown command', async () => usage(await ddicheck('frobnicate'), 'unknown command "frobnicate"'));
  it('an unknown flag', async () => usage(await ddicheck('check', fixture('holds/locked-counter.ts'), '--frob'), 'Unknown argument: frob'));
  it('--max-states -1', async () => usage(await ddicheck('check', fixture('holds/locked-counter.ts'), '--max-states', '-1'), '--max-states: must be a positive integer, got -1'));
  it('--scenario with --all-scenarios', async () => usage(await ddicheck('check', fixture('holds/locked-counter.ts'), '--scenario', 'one', '--all-scenarios'),
    '--scenario: and --all-scenarios ask for different things (one, or every scenario)'));
  it('--trace onto a folder: refused before the search, naming the option', async () => usage(await ddicheck('check', fixture('violated/lost-update.ts'), '--trace', 'test/fixtures'),
    '--trace test/fixtures: is a folder, not a file'));
  it('show --html onto a folder', async () => usage(await ddicheck('show', 'out/trace.json', '--html', 'test'), '--html test: is a folder, not a file'));
  it('ci --junit onto a folder', async () => usage(await ddicheck('ci', '--junit', 'test'), '--junit test: is a folder, not a file'));
  it('a pool field that is not a type (--no-typecheck): names the pool and the field', async () => {
    const r = await ddicheck('check', bad('bad-pool-field.ts'), '--no-typecheck');
    oneMessage(r, bad('bad-pool-field.ts'));
    expect(r.stderr).toContain('global.objs[].size: is 5, not a state type');
  });
  // More usage mistakes, in process: run.test.ts.
});
