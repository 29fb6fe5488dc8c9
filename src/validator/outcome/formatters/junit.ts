import type { InputResult } from '../../input/input-files';
import type { ValidationIssue } from '../issue';

const isError = (i: ValidationIssue) => i.severity === 'error' || i.severity === 'fatal';

/**
 * A JUnit XML report: one test case per input file. It fails (one `<failure>`, the most JUnit
 * readers show) with every failing issue in its body; the other issues, warnings and information,
 * and those suppressed are in its `<system-out>`, one line each, so none is lost.
 * @param fails which issues fail a file (`--fail-on`); default errors and fatal ones
 */
export function formatJunit(results: InputResult[], fails: (issue: ValidationIssue) => boolean = isError): string {
  let failures = 0;
  const cases = results.map((r) => {
    const failing = r.issues.filter(fails);
    const others = r.issues.filter((i) => !fails(i));
    const lines = [...others.map(line), ...(r.suppressed ?? []).map((i) => `suppressed ${line(i)}`)];
    const parts: string[] = [];
    if (failing.length) {
      failures++;
      const message = failing.length === 1 ? failing[0].message : `${failing.length} issues; the first: ${failing[0].message}`;
      parts.push(`      <failure message="${xml(message)}" type="${failing[0].code}">${xml(failing.map(line).join('\n'))}</failure>`);
    }
    if (lines.length) parts.push(`      <system-out>${xml(lines.join('\n'))}</system-out>`);
    const open = `    <testcase classname="imgref.validate" name="${xml(r.file)}"`;
    return parts.length ? `${open}>\n${parts.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${results.length}" failures="${failures}">`,
    `  <testsuite name="imgref validate" tests="${results.length}" failures="${failures}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** `line:col severity expression message [rule]`. */
function line(i: ValidationIssue): string {
  return `${i.position ? `${i.position.line}:${i.position.col} ` : ''}${i.severity} ${i.expression ?? '-'} ${i.message}${i.rule ? ` [${i.rule}]` : ''}`;
}

function xml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}
