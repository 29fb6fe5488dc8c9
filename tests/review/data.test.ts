import * as fs from 'node:fs';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { CHECK_KINDS } from '../../src/review/checks';
import { parseDesignReview, ReviewDataError } from '../../src/review/data';
import { QA_RULES } from '../../src/review/qa';
import { DATA_PATH, records, SCHEMA_PATH } from './fixtures';

const text = () => fs.readFileSync(DATA_PATH, 'utf8');
const schema = () => JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));

/** Parses an edited copy of the records and returns the one-line error it gives. */
function errorOf(edit: (doc: any) => void): string {
  const doc = parse(text());
  edit(doc);
  try {
    parseDesignReview(stringify(doc), 'design-review.yaml', SCHEMA_PATH);
  } catch (e) {
    expect(e).to.be.instanceOf(ReviewDataError);
    return (e as Error).message;
  }
  throw new Error('the edited records were accepted');
}

describe('design review data (input/data/design-review.yaml)', () => {
  it('validates against its JSON Schema', () => {
    expect(() => parseDesignReview(text(), DATA_PATH, SCHEMA_PATH)).to.not.throw();
  });

  const reviewList = () => records().records.filter((r) => !r.id.startsWith('contract-'));

  it('has one record per item of the review list: 26, with unique ids, then the contract records', () => {
    const ids = records().records.map((r) => r.id);
    expect(reviewList()).to.have.length(26);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.filter((id) => id.startsWith('contract-'))).to.deep.equal(['contract-identity', 'contract-elements', 'contract-value-set', 'contract-extension']);
  });

  it('matches the statuses of the design card: 20 decided, 3 open, 3 check', () => {
    const count = (s: string) => reviewList().filter((r) => r.status === s).length;
    expect([count('decided'), count('open'), count('check')]).to.deep.equal([20, 3, 3]);
  });

  it('lists the options of the open items: identifier or id, title, imagingStudy name', () => {
    const open = records().records.filter((r) => r.status === 'open');
    expect(open.map((r) => r.id)).to.deep.equal(['identifier-or-id', 'title-needed', 'imaging-study-name']);
    expect(open.find((r) => r.id === 'imaging-study-name')!.options!.map((o) => o.name)).to.deep.equal(['studyReference', 'basedOn', 'derivedFrom']);
    for (const r of open) expect(r.options!.length, r.id).to.be.at.least(2);
  });

  it('gives every decided record at least one machine check', () => {
    for (const r of records().records.filter((x) => x.status === 'decided')) expect(r.checks, r.id).to.not.be.empty;
  });

  it('records why description and endpoint have no W5 mapping', () => {
    expect(Object.keys(records().w5Unmapped).sort()).to.deep.equal(['description', 'endpoint']);
  });

  it('keeps the schema in step with the check vocabulary and the QA rules', () => {
    const kinds = schema().definitions.check.oneOf.map((b: any) => b.properties.kind.const);
    expect([...kinds].sort()).to.deep.equal(Object.keys(CHECK_KINDS).sort());
    expect(schema().definitions.record.properties.rule.enum).to.deep.equal(QA_RULES.map((r) => r.id));
  });

  describe('reports a broken file in one line, with where and what', () => {
    it('a check that lacks a field', () => {
      const message = errorOf((d) => delete d.records[6].checks[2].min);
      expect(message).to.match(/^design-review\.yaml:\d+:\d+: records\[6\] \(patient-to-subject\)\.checks\[2\] must have required property 'min'/);
      expect(message).to.not.include('\n');
    });

    it('an unknown check kind', () => {
      expect(errorOf((d) => (d.records[0].checks[0].kind = 'color'))).to.include('records[0] (rename-resource).checks[0] has unknown check kind "color"');
    });

    it('an unknown status', () => {
      expect(errorOf((d) => (d.records[1].status = 'maybe'))).to.include('records[1] (root-short).status must be equal to one of the allowed values: decided, open, check');
    });

    it('a decided record without checks', () => {
      expect(errorOf((d) => (d.records[1].checks = []))).to.include('records[1] (root-short).checks must NOT have fewer than 1 items');
    });

    it('an open record without options', () => {
      expect(errorOf((d) => delete d.records[5].options)).to.include("records[5] (identifier-or-id) must have required property 'options'");
    });

    it('a W5 exception without a reason', () => {
      expect(errorOf((d) => (d.w5Unmapped.endpoint = ''))).to.include('w5Unmapped.endpoint must NOT have fewer than 1 characters');
    });

    it('a record id used twice', () => {
      expect(errorOf((d) => (d.records[2].id = d.records[1].id))).to.equal('design-review.yaml: record id root-short is used twice');
    });

    it('text that is not YAML', () => {
      expect(() => parseDesignReview('records: [\n', 'x.yaml', SCHEMA_PATH)).to.throw(ReviewDataError, /^x\.yaml:\d+:\d+: not valid YAML: /);
    });
  });
});
