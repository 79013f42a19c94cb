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

const RULE_TEXT: Record<string, string> = {
  assertion: 'A step assertion failed.',
  deadlock: 'No context can move, yet some have not finished; or some can never move again while others cycle forever.',
  'data-race': 'Two contexts access one location at once, one writing, with no lock in common.',
  irql: 'An IRQL rule is broken (a wait at DISPATCH_LEVEL or above, a mutex in the ISR, ...).',
  'lock-discipline': 'A lock is released by a context that does not hold it, or held when a procedure returns.',
  'use-after-free': 'A freed object is used, freed twice, or NULL is dereferenced.',
  range: 'A state variable is given a value outside its declared range.',
  'same-process-reentrancy': 'Two threads of one process are in the driver at once.',
  'class-exclusion': 'Two calls of one level-1 class (child I/O: of one child) overlap.',
  'instance-exclusion': 'Two calls for one instance (power component, hardware queue) overlap.',
  'level-exclusive': 'A level-2 or level-3 call is not alone in the driver.',
  'level-precondition': 'A level-2 or level-3 call starts while the adapter is not idle.',
  'exclusive-reset': 'Something other than the ISR, the DPC and the runtime power DDIs overlaps DxgkDdiResetFromTimeout.',
  'tdr-order': 'TDR calls out of order: cleanup before the reset returned, or restart before cleanup ended.',
  'pdev-single-enabled-thread': 'Two threads are in the display driver with enabled PDEVs.',
  'pdev-one-enabled-per-output': 'Two PDEVs of one output are enabled.',
  'pdev-disabled-call': 'A function not allowed on a disabled PDEV is called with one.',
  'pdev-lifecycle': 'A PDEV is used before it exists or after it is destroyed.',
  'gpu-access-powered-down': 'The GPU is touched while the adapter is powered down.',
  'gpu-access-in-tdr-cleanup': 'The GPU is touched in a TDR cleanup call.',
  'frame-buffer-during-reset': 'The frame buffer is touched while the reset runs.',
  'fence-order': 'DMA fences are reported completed out of order.',
};

/** Where each step of an outcome's counterexample is defined (see step-sites.ts); by step position. */
export type StepSites = (o: CiOutcome) => readonly (Site | undefined)[];

export function sarifLog(run: CiRun, version: string, cwd = process.cwd(), sites: StepSites = () => []): object {
  const violated = run.outcomes.filter((o): o is CiOutcome & { result: NonNullable<CiOutcome['result']> } => o.result?.verdict === 'violated');
  const ruleIds = [...new Set(violated.map((o) => o.result.property!))].sort();
  const rules = ruleIds.map((id) => ({
    id, name: id,
    shortDescription: { text: RULE_TEXT[id] ?? `The model's property "${id}" is violated.` },
    defaultConfiguration: { level: 'error' },
  }));
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
