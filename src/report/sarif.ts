/**
 * SARIF 2.1.0 for `ddicheck ci --sarif`, so a violated rule shows in code
 * scanning: one result per violation (ruleId = the property), located at the
 * violating step's definition in the model file where it can be found, with the
 * counterexample as a code flow and the trace signature as a fingerprint.
 */
import { relative } from 'node:path';
import type { CiRun, CiOutcome } from '../ci/run.js';
import { stepLine } from './source.js';
import { actor } from './text.js';
import { properties } from '../../properties/index.js';
import { invariants } from '../../properties/invariants.js';

/** The SARIF rule of a property: its summary and help from the property table; a model's own invariant gets the invariants' help. */
function rule(id: string): object {
  const p = properties.get(id);
  return {
    id, name: id,
    shortDescription: { text: p?.summary ?? `The model's property "${id}" is violated.` },
    help: { text: (p?.family ?? invariants).help },
    defaultConfiguration: { level: 'error' },
  };
}

export function sarifLog(run: CiRun, version: string, cwd = process.cwd()): object {
  const violated = run.outcomes.filter((o): o is CiOutcome & { result: NonNullable<CiOutcome['result']> } => o.result?.verdict === 'violated');
  const ruleIds = [...new Set(violated.map((o) => o.result.property!))].sort();
  const rules = ruleIds.map(rule);
  const results = violated.map((o) => {
    const file = o.check.file;
    const uri = relative(cwd, file).split('\\').join('/');
    const steps = o.result.counterexample?.steps ?? [];
    const location = (stepName: string | undefined, text?: string) => {
      const line = stepName ? stepLine(file, stepName) : undefined;
      return {
        physicalLocation: { artifactLocation: { uri }, ...(line ? { region: { startLine: line } } : {}) },
        ...(text ? { message: { text } } : {}),
      };
    };
    const last = [...steps].reverse().find((s) => s.kind === 'step');
    const expected = o.status === 'pass';
    return {
      ruleId: o.result.property!,
      ruleIndex: ruleIds.indexOf(o.result.property!),
      level: expected ? 'note' : 'error',
      baselineState: o.status === 'known' ? 'unchanged' : 'new',
      message: { text: `${o.check.id}: ${o.result.message ?? o.result.property} (within ${o.result.bounds}${expected ? '; expected by the manifest' : ''})` },
      locations: [location(last?.step)],
      partialFingerprints: { 'ddicheckTrace/v1': o.signature ?? '' },
      ...(steps.length === 0 ? {} : { codeFlows: [{
        message: { text: `counterexample of ${steps.length} steps` },
        threadFlows: [{
          locations: steps.map((s, i) => ({
            location: location(s.kind === 'step' ? s.step : undefined, `${s.index}. ${actor(s)}: ${s.step}${s.violation ? ` -- ${s.violation.property}: ${s.violation.message}` : ''}`),
            executionOrder: i + 1,
          })),
        }],
      }] }),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ddicheck', version, semanticVersion: version, rules } },
      invocations: [{ executionSuccessful: true }],
      results,
    }],
  };
}
