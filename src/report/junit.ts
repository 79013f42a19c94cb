/** JUnit XML for `ddicheck ci --junit`: one testcase per check, the counterexample in the failure text. */
import type { CiOutcome, CiRun } from '../ci/run.js';
import { textReport } from './text.js';

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function testcase(o: CiOutcome, inconclusive: 'fail' | 'pass'): string {
  const file = o.check.id.split('#')[0];
  const time = (o.result?.stats.seconds ?? 0).toFixed(3);
  const open = `    <testcase classname="${xmlEscape(file)}" name="${xmlEscape(o.check.scenario)}" time="${time}">`;
  const out = o.result ? `\n      <system-out>${xmlEscape(textReport(o.result, { file }))}</system-out>` : '';
  let body = '';
  if (o.status === 'error') {
    body = `\n      <error message="${xmlEscape(o.reason)}" type="bad-input">${xmlEscape(o.reason)}</error>`;
  } else if (o.status === 'fail' || (o.status === 'inconclusive' && inconclusive === 'fail')) {
    const type = o.status === 'inconclusive' ? 'inconclusive' : (o.result?.property ?? o.result?.verdict ?? 'fail');
    const detail = o.result ? textReport(o.result, { file }) : o.reason;
    body = `\n      <failure message="${xmlEscape(o.reason)}" type="${xmlEscape(type)}">${xmlEscape(detail)}</failure>`;
  } else if (o.status === 'inconclusive' || o.status === 'not-run') {
    body = `\n      <skipped message="${xmlEscape(o.reason)}"/>`;
  }
  return `${open}${body}${out}\n    </testcase>`;
}

export function junitXml(run: CiRun, inconclusive: 'fail' | 'pass'): string {
  const n = run.outcomes.length;
  const failures = run.outcomes.filter((o) => o.status === 'fail' || (o.status === 'inconclusive' && inconclusive === 'fail')).length;
  const skipped = run.outcomes.filter((o) => o.status === 'not-run' || (o.status === 'inconclusive' && inconclusive === 'pass')).length;
  const errors = run.outcomes.filter((o) => o.status === 'error').length;
  const time = run.seconds.toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ddicheck" tests="${n}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="ddicheck ci" tests="${n}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    ...run.outcomes.map((o) => testcase(o, inconclusive)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
