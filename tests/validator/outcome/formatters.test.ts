import { expect } from 'chai';
import type { InputResult } from '../../../src/validator/input/input-files';
import { formatJson } from '../../../src/validator/outcome/formatters/json';
import { formatJunit } from '../../../src/validator/outcome/formatters/junit';
import { formatText } from '../../../src/validator/outcome/formatters/text';

const results: InputResult[] = [
  { file: 'a.json', issues: [{ severity: 'error', code: 'invariant', message: 'irf-1: <bad> & "worse"', expression: 'ImagingReference.studyUid', position: { line: 3, col: 5 } }] },
  { file: 'b.xml', issues: [{ severity: 'warning', code: 'extension', message: 'unknown extension x', expression: 'Patient.extension[0]' }] },
];

describe('report formatters', () => {
  it('text: file:line:col severity expression message, a summary, colour only when asked', () => {
    const text = formatText(results, false);
    expect(text.split('\n')).to.deep.equal([
      'a.json:3:5 error ImagingReference.studyUid irf-1: <bad> & "worse"',
      'b.xml warning Patient.extension[0] unknown extension x',
      '1 of 2 file(s) invalid: 1 error(s), 1 warning(s), 0 information',
      '',
    ]);
    expect(formatText(results, true)).to.match(/\x1b\[31merror\x1b\[0m/);
  });

  it('json: a Bundle of OperationOutcomes naming their files', () => {
    const bundle = JSON.parse(formatJson(results));
    expect(bundle.type).to.equal('collection');
    expect(bundle.entry[1].resource.issue[0]).to.deep.equal({ severity: 'warning', code: 'extension', details: { text: 'unknown extension x' }, expression: ['Patient.extension[0]'] });
    expect(JSON.parse(formatJson(results.slice(0, 1))).resourceType).to.equal('OperationOutcome');
  });

  it('junit: one test case per file, failures escaped', () => {
    const xml = formatJunit(results);
    expect(xml).to.match(/<testsuite name="imgref validate" tests="2" failures="1"/);
    expect(xml).to.include('message="irf-1: &lt;bad&gt; &amp; &quot;worse&quot;"');
    // A warning does not fail the case; it is listed in its system-out (every issue is in the report).
    expect(xml).to.include('<testcase classname="imgref.validate" name="b.xml">\n      <system-out>warning Patient.extension[0] unknown extension x</system-out>\n    </testcase>');
    expect(formatJunit([{ file: 'c.json', issues: [] }])).to.include('<testcase classname="imgref.validate" name="c.json"/>');
  });

  it('text: control characters from the input are escaped, so no terminal escape or forged line gets through', () => {
    const hostile: InputResult[] = [
      {
        file: 'evil\n.json',
        issues: [{ severity: 'error', code: 'structure', message: "unknown element '\x1b[2J\x1b]0;title\x07'\r\nok.json:1:1 information - All OK\u2028\u202e", expression: 'Patient.\x9b31m', position: { line: 1, col: 2 } }],
      },
    ];
    const lines = formatText(hostile, false).split('\n');
    expect(lines).to.deep.equal([
      "evil\\n.json:1:2 error Patient.\\x9b31m unknown element '\\x1b[2J\\x1b]0;title\\x07'\\r\\nok.json:1:1 information - All OK\\u2028\\u202e",
      '1 of 1 file(s) invalid: 1 error(s), 0 warning(s), 0 information',
      '',
    ]);
    expect(formatText(hostile, true)).to.not.match(/\x1b\[2J|\x07|\r/);
  });
});
