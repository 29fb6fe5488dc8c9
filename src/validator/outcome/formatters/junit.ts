import type { InputResult } from '../../input/input-files';

/** A JUnit XML report: one test case per input file, failing with its errors. */
export function formatJunit(results: InputResult[]): string {
  let failures = 0;
  const cases = results.map((r) => {
    const errors = r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    const name = xml(r.file);
    if (!errors.length) return `    <testcase classname="imgref.validate" name="${name}"/>`;
    failures++;
    const body = errors.map((i) => `${i.position ? `${i.position.line}:${i.position.col} ` : ''}${i.severity} ${i.expression ?? '-'} ${i.message}`).join('\n');
    return `    <testcase classname="imgref.validate" name="${name}">\n      <failure message="${xml(errors[0].message)}" type="${errors[0].code}">${xml(body)}</failure>\n    </testcase>`;
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

function xml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}
