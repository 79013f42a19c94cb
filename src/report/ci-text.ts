/** The summary table `ddicheck ci` prints. */
import type { CiStatus } from '../ci/run.js';
import type { KnownViolation } from '../ci/baseline.js';

/** What the table needs of a run: a run's outcomes, or the checks of a merged report. */
export interface SummaryRun {
  readonly outcomes: readonly { readonly check: { readonly id: string }; readonly status: CiStatus; readonly reason: string; readonly result?: { readonly stats: { readonly distinctStates: number; readonly seconds: number } } }[];
  readonly fixed: readonly KnownViolation[];
  readonly seconds: number;
  readonly interrupted: boolean;
}
import { num, secs, pad } from './format.js';

const LABEL: Record<CiStatus, string> = { pass: 'pass', known: 'known', fail: 'FAIL', inconclusive: 'INCONCL', 'not-run': 'not run', error: 'ERROR' };

/** The table: one row per check, neither the check nor its result ever cut. */
export function ciSummary(run: SummaryRun, source: string): string {
  const idW = Math.max(10, ...run.outcomes.map((o) => o.check.id.length));
  const lines = [`ddicheck ci: ${run.outcomes.length} check${run.outcomes.length === 1 ? '' : 's'} from ${source}`, ''];
  lines.push(`  ${pad('STATUS', 8)} ${pad('CHECK', idW)} ${pad('STATES', 11)} ${pad('SECONDS', 8)} RESULT`);
  for (const o of run.outcomes) {
    const states = o.result ? num(o.result.stats.distinctStates) : '-';
    const t = o.result ? secs(o.result.stats.seconds) : '-';
    lines.push(`  ${pad(LABEL[o.status], 8)} ${pad(o.check.id, idW)} ${pad(states, 11)} ${pad(t, 8)} ${o.reason}`);
  }
  const count = (s: CiStatus): number => run.outcomes.filter((o) => o.status === s).length;
  lines.push('');
  for (const k of run.fixed) lines.push(`  fixed: ${k.check} no longer violates ${k.property} (signature ${k.signature}); remove it from the baseline (--update-baseline)`);
  lines.push(`  ${count('pass')} as expected, ${count('known')} known (baseline), ${count('fail')} unexpected, ${count('inconclusive')} inconclusive, ${count('not-run')} not run, ${count('error')} error${count('error') === 1 ? '' : 's'}, in ${secs(run.seconds)} s`);
  if (run.interrupted) lines.push('  interrupted: the reports cover the checks that finished; the rest are marked not run');
  return lines.join('\n');
}
