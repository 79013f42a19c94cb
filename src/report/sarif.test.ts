import { describe, expect, it } from 'vitest';
import { sarifLog } from './sarif.js';
import type { CiRun } from '../ci/run.js';
import { properties } from '../../properties/index.js';
import { invariants } from '../../properties/invariants.js';
import { races } from '../../properties/races.js';

/** A CI run with one violated check per property id (no counterexample steps, so no model file is read). */
function run(ids: readonly string[]): CiRun {
  return {
    outcomes: ids.map((id, i) => ({
      check: { id: `m${i}`, file: `/tmp/m${i}.ts` },
      status: 'fail',
      reason: `expected holds, got violated ${id}`,
      result: { verdict: 'violated', property: id, message: 'broken', bounds: '1 thread', counterexample: { kind: 'state', choices: [], steps: [] } },
      signature: 'sig',
    })) as unknown as CiRun['outcomes'],
    fixed: [], seconds: 0, interrupted: false,
  };
}

describe('the SARIF rule list comes from the property table', () => {
  it('gives each rule its summary and its family help text; a model invariant gets the invariants help', () => {
    const log = sarifLog(run(['data-race', 'myInvariant']), '0.0.0', '/tmp') as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; help: { text: string } }[] } } }[] };
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['data-race', 'myInvariant']);
    expect(rules[0].shortDescription.text).toBe(properties.get('data-race')!.summary);
    expect(rules[0].help.text).toBe(races.help);
    expect(rules[1].shortDescription.text).toBe('The model\'s property "myInvariant" is violated.');
    expect(rules[1].help.text).toBe(invariants.help);
  });

  it('has a help text for every property ddicheck knows', () => {
    const log = sarifLog(run([...properties.keys()]), '0.0.0', '/tmp') as { runs: { tool: { driver: { rules: { help: { text: string } }[] } } }[] };
    const rules = log.runs[0].tool.driver.rules;
    expect(rules).toHaveLength(properties.size);
    for (const r of rules) expect(r.help.text.length).toBeGreaterThan(100);
  });
});
