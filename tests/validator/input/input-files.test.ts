import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateFile } from '../../../src/validator/input/input-files';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { TextReporter } from '../../../src/validator/outcome/formatters/text';
import { minimalImagingReference, validator } from '../helpers';

describe('validateFile with an issue sink (streaming reports)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-ndjson-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands NDJSON issues over line by line and keeps none of them', async () => {
    const bad = { ...minimalImagingReference(), studyUid: '01.2.3' };
    const file = path.join(dir, 'three.ndjson');
    fs.writeFileSync(file, [bad, minimalImagingReference(), bad].map((r) => JSON.stringify(r)).join('\n'));
    const batches: ValidationIssue[][] = [];
    const result = await validateFile(validator(), file, [], (issues) => batches.push(issues));
    expect(result.issues).to.deep.equal([]);
    // One batch per line with issues, each batch from its own line; irf-1 fails on lines 1 and 3 only.
    const lineOf = (batch: ValidationIssue[]) => [...new Set(batch.map((i) => i.position?.line))];
    expect(batches.map(lineOf)).to.deep.equal([[1], [2], [3]]);
    expect(batches.filter((b) => b.some((i) => i.rule === 'irf-1')).map(lineOf)).to.deep.equal([[1], [3]]);
  });

  it('without a sink, returns every issue in the result', async () => {
    const file = path.join(dir, 'one.ndjson');
    fs.writeFileSync(file, JSON.stringify({ ...minimalImagingReference(), studyUid: '01.2.3' }));
    const result = await validateFile(validator(), file, []);
    expect(result.issues.some((i) => i.rule === 'irf-1')).to.equal(true);
  });
});

describe('TextReporter', () => {
  it('writes each issue when it arrives, before the summary', () => {
    const written: string[] = [];
    const reporter = new TextReporter((text) => written.push(text), false);
    reporter.issues('a.ndjson', [{ severity: 'warning', code: 'invariant', message: 'dom-6', position: { line: 1, col: 1 } }]);
    expect(written).to.deep.equal(['a.ndjson:1:1 warning - dom-6\n']);
    reporter.issues('a.ndjson', [{ severity: 'error', code: 'invariant', message: 'irf-1', position: { line: 2, col: 1 } }]);
    expect(reporter.endFile()).to.equal(true);
    expect(reporter.end()).to.equal(true);
    expect(written.at(-1)).to.equal('1 of 1 file(s) invalid: 1 error(s), 1 warning(s), 0 information\n');
  });
});
