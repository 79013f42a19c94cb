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
import type { Site } from './step-sites.js';
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

/** Where each step of an outcome's counterexample is defined (see step-sites.ts); by step position. */
export type StepSites = (o: CiOutcome) => readonly (Site | undefined)[];

export function sarifLog(run: CiRun, version: string, cwd = process.cwd(), sites: StepSites = () => []): object {
  const violated = run.outcomes.filter((o): o is CiOutcome & { result: NonNullable<CiOutcome['result']> } => o.result?.verdict === 'violated');
  const ruleIds = [...new Set(violated.map((o) => o.result.property!))].sort();
  const rules = ruleIds.map(rule);
  const results = violated.map((o) => {
    const file = o.check.file;
    const uriOf = (f: string): string => relative(cwd, f).split('\\').join('/');
    const steps = o.result.counterexample?.steps ?? [];
    const at = sites(o);
    // Every location has a file and a line: where the step's code is (a helper module too), else
    // where its label is written in the model file, else the model file's first line.
    const location = (i: number | undefined, text?: string) => {
      const site = i !== undefined ? at[i] : undefined;
      const s = i !== undefined ? steps[i] : undefined;
      const line = site?.line ?? (s && s.kind === 'step' ? stepLine(file, s.step) : undefined) ?? 1;
      return {
        physicalLocation: { artifactLocation: { uri: uriOf(site?.file ?? file) }, region: { startLine: line } },
        ...(text ? { message: { text } } : {}),
      };
    };
    const lastStep = steps.map((st, i) => (st.kind === 'step' ? i : -1)).filter((i) => i >= 0).at(-1);
    const last = lastStep ?? (steps.length > 0 ? steps.length - 1 : undefined);
    const expected = o.status === 'pass';
    return {
      ruleId: o.result.property!,
      ruleIndex: ruleIds.indexOf(o.result.property!),
      level: expected ? 'note' : 'error',
      baselineState: o.status === 'known' ? 'unchanged' : 'new',
      message: { text: `${o.check.id}: ${o.result.message ?? o.result.property} (within ${o.result.bounds}${expected ? '; expected by the manifest' : ''})` },
      locations: [location(last)],
      partialFingerprints: { 'ddicheckTrace/v1': o.signature ?? '' },
      ...(steps.length === 0 ? {} : { codeFlows: [{
        message: { text: `counterexample of ${steps.length} steps` },
        threadFlows: [{
          locations: steps.map((s, i) => ({
            location: location(i, `${s.index}. ${actor(s)}: ${s.step}${s.violation ? ` -- ${s.violation.property}: ${s.violation.message}` : ''}`),
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
