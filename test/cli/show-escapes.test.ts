/** `ddicheck show` in the terminal: a trace's strings are data, their escape sequences are shown, never sent. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, traceOf } from '../trace/helpers.js';
import { ddicheck } from './spawn.js';

const EVIL = '\u001b[2J\u001b]0;owned\u0007\u009b31m';

describe('show: escape sequences from a trace', () => {
  it('lanes and Mermaid print them as \\xNN, with no control character but newlines', async () => {
    const { trace } = await traceOf('test/fixtures/violated/lost-update.ts');
    const doc = JSON.parse(JSON.stringify(trace)) as { violation: { message: string }; steps: { violation?: { message: string } }[] };
    doc.violation.message = `count is wrong ${EVIL}`;
    for (const s of doc.steps) if (s.violation) s.violation.message = doc.violation.message;
    const file = join(scratch(), 'evil.json');
    writeFileSync(file, JSON.stringify(doc));
    for (const extra of [[], ['--mermaid']]) {
      const r = await ddicheck('show', file, ...extra);
      expect(r.code, r.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain('\\x1b[2J');
      expect(r.stdout).toContain('\\x07');
      expect(r.stdout).toContain('\\x9b31m');
    }
  });
});
