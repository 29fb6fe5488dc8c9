import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateFile } from '../../../src/validator/input/input-files';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { TextReporter } from '../../../src/validator/outcome/formatters/text';
import { IssueLimit, MAX_LISTED, MAX_REPEATS, RunBudget } from '../../../src/validator/outcome/issue-limit';
import { minimalImagingReference, validator } from '../helpers';

const dom6 = (issues: ValidationIssue[]) => issues.filter((i) => i.message.startsWith('dom-6:'));
const summaries = (issues: ValidationIssue[]) => issues.filter((i) => i.rule === 'issue-limit');

describe('IssueLimit: repeated and excess issues are summarised', () => {
  it('lists the first of each kind, then counts; says how many at the first unlisted place', () => {
    const limit = new IssueLimit(2, 100);
    const at = (line: number): ValidationIssue => ({ severity: 'warning', code: 'invariant', message: 'dom-6: narrative', rule: 'dom-6', position: { line, col: 1 }, expression: `Bundle.entry[${line}]` });
    expect([1, 2, 3, 4, 5].map((n) => limit.admit(at(n)))).to.deep.equal([true, true, false, false, false]);
    expect(limit.admit({ ...at(6), message: 'other' })).to.equal(true);
    expect(limit.summaries()).to.deep.equal([
      { severity: 'information', code: 'informational', rule: 'issue-limit', message: '3 more warning issue(s) like this one not listed (only the first 2 of each are): dom-6: narrative', omitted: { warning: 3 }, expression: 'Bundle.entry[3]', position: { line: 3, col: 1 } },
    ]);
  });

  it('past the total, counts every issue and keeps the gravest severity, so the verdict stays', () => {
    const limit = new IssueLimit(5, 3);
    for (let i = 0; i < 3; i++) limit.admit({ severity: 'warning', code: 'structure', message: `w${i}` });
    expect(limit.admit({ severity: 'error', code: 'structure', message: 'e' })).to.equal(false);
    expect(limit.admit({ severity: 'information', code: 'informational', message: 'i' })).to.equal(false);
    const [summary] = limit.summaries();
    expect(summary.severity).to.equal('error');
    expect(summary.message).to.equal('2 more issue(s) not listed (1 error, 1 information): only the first 3 issues of an input are');
  });
});

describe('validator: issues per input are bounded', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-limit-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const patient = (i: number) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resource: { resourceType: 'Patient', active: true } });

  it('one dom-6 per entry of a 1,000-entry Bundle: the first ones, then one summary', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: 1000 }, (_, i) => patient(i)) };
    const issues = validator().issues(JSON.stringify(bundle, null, 1), { fileName: 'b.json' });
    expect(dom6(issues)).to.have.length(MAX_REPEATS);
    const [summary] = summaries(issues);
    expect(summary.message).to.match(new RegExp(`^${1000 - MAX_REPEATS} more warning issue\\(s\\) like this one not listed .*: dom-6: `));
    expect(summary.expression).to.equal(`Bundle.entry[${MAX_REPEATS}].resource`);
    expect(summary.position?.line).to.be.greaterThan(1);
  });

  it('one dom-6 per line of a 1,000-line NDJSON file: the same, across lines', async () => {
    const file = path.join(dir, 'many.ndjson');
    fs.writeFileSync(file, Array.from({ length: 1000 }, () => JSON.stringify({ resourceType: 'Patient', active: true })).join('\n'));
    const batches: ValidationIssue[][] = [];
    await validateFile(validator(), file, [], (found) => batches.push(found));
    const issues = batches.flat();
    expect(dom6(issues)).to.have.length(MAX_REPEATS);
    expect(summaries(issues).map((i) => [i.position?.line, i.message.split(' like')[0]])).to.deep.equal([[MAX_REPEATS + 1, `${1000 - MAX_REPEATS} more warning issue(s)`]]);
  });

  it('the text report still counts every issue in its summary line', async () => {
    const file = path.join(dir, 'garbage.ndjson');
    fs.writeFileSync(file, Array.from({ length: 500 }, () => '{x').join('\n'));
    let text = '';
    const reporter = new TextReporter((t) => (text += t), false);
    await validateFile(validator(), file, [], (found) => reporter.issues(file, found));
    reporter.endFile();
    reporter.end();
    expect(text.trim().split('\n')).to.have.length(MAX_REPEATS + 2);
    expect(text.trim().split('\n').at(-1)).to.equal('1 of 1 file(s) invalid: 500 error(s), 0 warning(s), 0 information');
  });

    it(`lists at most ${MAX_LISTED} distinct issues, and the rest as one error`, () => {
    const resource: Record<string, unknown> = { ...minimalImagingReference() };
    for (let i = 0; i < MAX_LISTED + 50; i++) resource[`x${i}`] = 1;
    const issues = validator().issues(JSON.stringify(resource));
    expect(issues).to.have.length(MAX_LISTED + 1);
    expect(summaries(issues)[0]).to.include({ severity: 'error', code: 'too-costly' });
    expect(summaries(issues)[0].message).to.match(/^51 more issue\(s\) not listed \(50 error, 1 warning\)/);
  });
});

describe('RunBudget: a whole-run report keeps a bounded number of issues', () => {
  const issues = (n: number, severity: ValidationIssue['severity'] = 'warning'): ValidationIssue[] => Array.from({ length: n }, (_, i) => ({ severity, code: 'structure', message: `m${i}` }));

  it('keeps every issue while the budget lasts, then summarises each further input in one issue', () => {
    const budget = new RunBudget(5);
    expect(budget.take(issues(3))).to.have.length(3);
    const second = budget.take([...issues(3), ...issues(2, 'error')]);
    expect(second.slice(0, 2).map((i) => i.message)).to.deep.equal(['m0', 'm1']);
    expect(second[2]).to.include({ severity: 'error', code: 'too-costly', rule: 'issue-limit' });
    expect(second[2].message).to.equal('3 more issue(s) not listed (2 error, 1 warning): the report of a run lists 5 issues over all its inputs');
    const third = budget.take(issues(4));
    expect(third).to.have.length(1);
    expect(third[0].severity).to.equal('warning');
  });
});
