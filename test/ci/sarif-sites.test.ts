/**
 * SARIF locations where the steps are defined: a model whose steps live in a
 * helper module gets the helper's file and the step's line, for the result and
 * for every step of its code flow.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ddicheck, root } from '../cli/spawn.js';

interface Loc { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message?: { text: string } }
interface Sarif { runs: { results: { ruleId: string; locations: Loc[]; codeFlows: { threadFlows: { locations: { location: Loc }[] }[] }[] }[] }[] }

describe('SARIF: steps defined in a helper module', () => {
  it('the result and each code-flow step point at the helper file and the step\'s line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddicheck-sarif-'));
    const cfg = join(dir, 'ci.json');
    const out = join(dir, 'out.sarif');
    writeFileSync(cfg, JSON.stringify({ checks: [{ model: resolve(__dirname, 'fixtures/helper-steps.ts') }] }));
    // The real bin: the model loads through tsx, whose source maps give the TypeScript lines.
    const r = await ddicheck('ci', '--no-typecheck', '--config', cfg, '--sarif', out);
    expect(r.code, r.stderr).toBe(0);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as Sarif;
    const [result] = sarif.runs[0].results;
    const helper = relative(root, resolve(__dirname, 'fixtures/_lost-steps.ts')).split('\\').join('/');
    const at = (l: Loc): [string, number] => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine];
    expect(result.ruleId).toBe('lostUpdate');
    expect(at(result.locations[0])).toEqual([helper, 7]);
    const flow = result.codeFlows[0].threadFlows[0].locations.map((x) => [x.location.message!.text, ...at(x.location)]);
    expect(flow).toEqual([
      ['1. worker0: worker/read', helper, 6],
      ['2. worker1: worker/read', helper, 6],
      ['3. worker0: worker/write', helper, 7],
      ['4. worker1: worker/write', helper, 7],
    ]);
  });
});
