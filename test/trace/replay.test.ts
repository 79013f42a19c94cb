/**
 * `ddicheck replay` end to end: every buggy model in the library goes from a
 * failing check to a trace file that replays ("reproduced", exit 1); a model
 * that changed since gets exit 2 naming the first step that no longer replays;
 * a bad trace file gets exit 2 naming the file and the field, never a stack.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundledModelFiles } from '../../src/load/model-files.js';
import { writeTrace } from '../../src/trace/build.js';
import { readTrace } from '../../src/trace/parse.js';
import type { Trace } from '../../src/trace/format.js';
import { ddicheck, fixture, model, root, scratch, STACK_FRAME, traceOf, violatedFixtures } from './helpers.js';

const lostUpdate = 'test/fixtures/violated/lost-update.ts';

/** Every (model file, scenario) of the library whose manifest expects a violation. */
async function buggyModels(): Promise<{ file: string; scenario: string; property?: string }[]> {
  const out: { file: string; scenario: string; property?: string }[] = [];
  for (const abs of bundledModelFiles(root)) {
    const file = relative(root, abs);
    const m = await model(file);
    for (const [scenario, e] of Object.entries(m.expect ?? {})) if (e.verdict === 'violated') out.push({ file, scenario, property: e.property });
  }
  return out;
}

describe('from a failing check to a trace, in the terminal, in a browser, replayed', () => {
  it('check --trace writes the file; show, show --mermaid, show --html and replay read it', async () => {
    const dir = scratch();
    const t = join(dir, 'out', 'trace.json');
    const c = await ddicheck('check', lostUpdate, '--trace', t);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`trace written to ${t}: ddicheck show ${t}, ddicheck replay ${t}`);
    expect(readTrace(t).violation.property).toBe('lostUpdate');

    const s = await ddicheck('show', t, '--width', '80');
    expect(s.code).toBe(0);
    expect(s.stderr).toBe('');
    expect(s.stdout).toContain('worker0');
    expect(s.stdout).toContain('┌ worker: read');
    expect(s.stdout).toContain('✗ lostUpdate after step 4: both workers finished but count is 1, not 2');
    for (const l of s.stdout.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(80);

    const mm = await ddicheck('show', t, '--mermaid');
    expect(mm.code).toBe(0);
    expect(mm.stdout.startsWith('sequenceDiagram\n')).toBe(true);

    const html = join(dir, 'page', 'trace.html');
    const h = await ddicheck('show', t, '--html', html);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain(`wrote ${html}`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);

    const r = await ddicheck('replay', t);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reproduced: lostUpdate after step 4: both workers finished but count is 1, not 2');
  });

  it('with several models, --trace takes the first violated one; with none, it says no trace was written', async () => {
    const dir = scratch();
    const t = join(dir, 'first.json');
    const c = await ddicheck('check', 'test/fixtures/holds/locked-counter.ts', fixture('locked-ddi.ts'), lostUpdate, '--trace', t);
    expect(c.code).toBe(1);
    expect(readTrace(t).model.name).toBe('locked-ddi');
    expect(c.stdout.match(/trace written to/g)).toHaveLength(1);
    const none = join(dir, 'none.json');
    const h = await ddicheck('check', 'test/fixtures/holds/locked-counter.ts', '--trace', none);
    expect(h.code).toBe(0);
    expect(h.stderr).toContain(`no check was violated, so no trace was written to ${none}`);
    expect(existsSync(none)).toBe(false);
  });
});

describe.concurrent('every buggy model replays: reproduced, exit 1', async () => {
  const buggy = await buggyModels();
  const cases = [...buggy, ...violatedFixtures().map((file) => ({ file, scenario: 'default', property: undefined }))];
  it('the library has buggy models to replay', () => { expect(cases.length).toBeGreaterThan(3); });
  for (const { file, scenario, property } of cases) {
    it(`${file} scenario ${scenario}`, async ({ expect }) => {
      const { trace } = await traceOf(file, { scenario });
      if (property) expect(trace.violation.property).toBe(property);
      const t = join(scratch(), 'trace.json');
      writeTrace(t, trace);
      const r = await ddicheck('replay', t, '--no-typecheck');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`reproduced: ${trace.violation.property} `);
      expect(r.stdout).not.toContain('note:');
    });
  }
});

describe.concurrent('a model that changed since the trace was made', () => {
  const made = async (): Promise<string> => {
    const t = join(scratch(), 'trace.json');
    writeTrace(t, (await traceOf(lostUpdate)).trace);
    return t;
  };

  it('a renamed step: exit 2 naming the first step that no longer replays', async ({ expect }) => {
    const r = await ddicheck('replay', await made(), '--model', fixture('lost-update-renamed.ts'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('note: the model source changed since the trace was made');
    expect(r.stderr).toContain('step 3 (worker0: worker/write) no longer replays: it names the step "worker/write", which worker0 no longer has');
    expect(r.stderr).toContain('check it again for a fresh trace');
    expect(r.stderr).not.toContain(STACK_FRAME);
  });

  it('a step that can no longer run there: exit 2 naming it', async ({ expect }) => {
    const r = await ddicheck('replay', await made(), '--model', fixture('lost-update-guarded.ts'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('step 4 (worker1: worker/write) no longer replays: it is not enabled');
  });

  it('only the source text changed: a note, then reproduced', async ({ expect }) => {
    const r = await ddicheck('replay', await made(), '--model', fixture('lost-update-comment.ts'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/note: the model source changed since the trace was made \(sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\); replaying the recorded steps anyway/);
    expect(r.stdout).toContain('reproduced: lostUpdate after step 4');
  });

  it('a recorded hash that does not match: refused before the file is imported; --model replays on it with the note', async ({ expect }) => {
    const t = await made();
    const doc = JSON.parse(readFileSync(t, 'utf8')) as { model: { sha256: string } };
    doc.model.sha256 = '0'.repeat(64);
    writeFileSync(t, JSON.stringify(doc));
    const r = await ddicheck('replay', t);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`model.file: names ${lostUpdate}, whose contents (sha256 `);
    expect(r.stderr).toContain('a file a trace names is not run unless it matches');
    expect(r.stderr).toContain('pass it with --model PATH');
    const m = await ddicheck('replay', t, '--model', lostUpdate);
    expect(m.code).toBe(1);
    expect(m.stdout).toContain(`replaying on ${lostUpdate}`);
    expect(m.stdout).toContain('note: the model source changed');
    expect(m.stdout).toContain('reproduced');
  });

  it('a trace naming some other .ts file does not run it', async ({ expect }) => {
    const dir = scratch();
    const marker = join(dir, 'ran');
    const other = join(dir, 'other.ts');
    writeFileSync(other, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default 1;\n`);
    const t = await made();
    const doc = JSON.parse(readFileSync(t, 'utf8')) as { model: { file: string } };
    doc.model.file = other;
    writeFileSync(t, JSON.stringify(doc));
    const r = await ddicheck('replay', t);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a file a trace names is not run unless it matches');
    expect(existsSync(marker)).toBe(false);
  });

  it('fixed: every step replays and nothing is violated, exit 0', async ({ expect }) => {
    const r = await ddicheck('replay', await made(), '--model', fixture('lost-update-fixed.ts'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not reproduced: all 4 steps replay and no property is violated along them (the trace recorded lostUpdate after step 4)');
  });

  it('another backend replays to the same verdict', async ({ expect }) => {
    const r = await ddicheck('replay', await made(), '--backend', 'immer');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(immer backend)');
    expect(r.stdout).toContain('reproduced');
  });
});

describe.concurrent('a bad trace file: exit 2, the file and the field named, no stack trace', () => {
  const write = (name: string, text: string): string => { const f = join(scratch(), name); writeFileSync(f, text); return f; };
  const good = async (): Promise<Trace> => JSON.parse(JSON.stringify((await traceOf(lostUpdate)).trace)) as Trace;
  const cases: [string, () => Promise<string>, string][] = [
    ['not JSON', async () => write('broken.json', '{ "format": "ddicheck-trace", '), 'is not valid JSON'],
    ['another format', async () => write('other.json', JSON.stringify({ format: 'chrome-trace', version: 1 })), 'field "format" is "chrome-trace", expected "ddicheck-trace"'],
    ['another version', async () => write('v9.json', JSON.stringify({ ...(await good()), version: 9 })), 'field "version" is 9, but this ddicheck reads trace version 1'],
    ['a field of the wrong type', async () => { const t = await good() as unknown as { steps: { context: unknown }[] }; t.steps[1].context = 'worker1'; return write('type.json', JSON.stringify(t)); }, 'field "steps[1].context" must be an object, got the string "worker1"'],
    ['a model file that is not there', async () => write('gone.json', JSON.stringify({ ...(await good()), model: { name: 'x', file: 'models/no-such-model.ts', sha256: 'a'.repeat(64) } })), 'field model.file: names models/no-such-model.ts, which does not exist here'],
    ['a model path that is not a model', async () => write('etc.json', JSON.stringify({ ...(await good()), model: { name: 'x', file: '/etc/passwd', sha256: 'a'.repeat(64) } })), 'is "/etc/passwd", which is not a model file'],
  ];
  for (const [what, make, message] of cases) {
    it(what, async ({ expect }) => {
      const f = await make();
      const r = await ddicheck('replay', f);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`ddicheck: ${f}`)).toBe(true);
      expect(r.stderr.replace(/\n/g, ' ')).toContain(message.replace('field model.file:', 'model.file:'));
      expect(r.stderr).not.toContain(STACK_FRAME);
      const s = await ddicheck('show', f);
      if (!what.startsWith('a model')) {
        expect(s.code).toBe(2);
        expect(s.stderr).toContain(f);
      }
    });
  }

  it('a missing file', async ({ expect }) => {
    const r = await ddicheck('replay', 'no/such/trace.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ddicheck: no/such/trace.json: cannot be read: no such file');
  });

  it('code in a trace is only ever a name that does not match', async ({ expect }) => {
    const dir = scratch();
    const marker = join(dir, 'pwned');
    const t = await good() as unknown as { choices: { action: string }[]; model: { name: string } };
    t.choices[0].action = `worker/read'); require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ('`;
    t.model.name = `\${require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')}`;
    const f = write('evil.json', JSON.stringify(t));
    const r = await ddicheck('replay', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('step 1 (worker0: worker/read\'); require(');
    expect(r.stderr).toContain('no longer replays: it names the step');
    expect(existsSync(marker)).toBe(false);
  });
});
