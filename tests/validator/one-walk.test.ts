import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InstanceWalker } from '../../src/validator/instance-walker';
import type { ValidationIssue } from '../../src/validator/outcome/issue';
import { VALIDATOR_RULES } from '../../src/validator/rules';
import { createValidatorSync, type Validator } from '../../src/validator/validator';
import { PROJECT_DIR } from '../helpers/project';
import { BP, bloodPressure, bpComponent, FIXTURES, summary } from './helpers';

const VITALS = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';
const component = bpComponent;
const bp = (extra: Record<string, unknown> = {}) => bloodPressure([component('8480-6', 120), component('8462-4', 80)], extra);

let shared: Validator | undefined;
const validator = () => (shared ??= createValidatorSync({ igPaths: [path.join(FIXTURES, 'profiles')] }));

/** Issues that say the same thing at the same place more than once. */
function repeated(issues: ValidationIssue[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const i of issues) {
    const key = `${i.severity} ${i.code} ${i.expression} ${i.message}`;
    if (seen.has(key)) twice.push(key);
    seen.add(key);
  }
  return twice;
}

/** Counts how often the walker validates each object as a resource. */
function visits(run: () => void): Map<object, number> {
  const count = new Map<object, number>();
  const original = InstanceWalker.prototype.validateResource;
  InstanceWalker.prototype.validateResource = function (this: InstanceWalker, value: unknown, ...rest: any[]) {
    // A probe for a profile discriminator (expression '', inside the input) is not the walk of the input.
    const probe = rest[0] === '' && rest[2] !== undefined;
    if (value && typeof value === 'object' && !probe) count.set(value, (count.get(value) ?? 0) + 1);
    return (original as any).call(this, value, ...rest);
  } as typeof original;
  try {
    run();
  } finally {
    InstanceWalker.prototype.validateResource = original;
  }
  return count;
}

describe('one walk: the base type and every profile together, each finding once', () => {
  const constraintKeys = new Set<string>();
  const registered = new Set(VALIDATOR_RULES.flatMap((r) => r.ids));

  describe('no issue is reported twice, and every rule id is in the table (fixtures and IG examples)', () => {
    const folders = [path.join(FIXTURES, 'valid'), path.join(FIXTURES, 'invalid'), path.join(PROJECT_DIR, 'fsh-generated', 'resources')];
    for (const folder of folders) {
      it(path.relative(PROJECT_DIR, folder), () => {
        for (const file of fs.readdirSync(folder).filter((f) => /\.(json|xml)$/.test(f))) {
          const issues = validator().issues(fs.readFileSync(path.join(folder, file), 'utf8'), { fileName: file });
          expect(repeated(issues), `${file}:\n${summary(issues)}`).to.deep.equal([]);
          for (const i of issues) if (i.rule && !registered.has(i.rule)) constraintKeys.add(i.rule);
        }
      });
    }
    it('the ids outside the table are constraint keys of the loaded definitions', () => {
      for (const key of constraintKeys) expect(key, key).to.match(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
    });
  });

  describe('a finding of both the base and a profile is reported once', () => {
    it('a required element missing in both (min 1 in Observation and in bp)', () => {
      const issues = validator().issues(bp({ status: undefined }));
      expect(issues.filter((i) => i.rule === 'cardinality-min').map((i) => `${i.expression} ${i.message}`)).to.deep.equal(['Observation status: minimum required = 1, but only found 0']);
    });

    it('a constraint of the base that the profile restates (obs-6: dataAbsentReason with a value)', () => {
      const issues = validator().issues(bp({ valueString: 'x', dataAbsentReason: { text: 'unknown' } }));
      expect(issues.filter((i) => i.rule === 'obs-6'), summary(issues)).to.have.length(1);
    });

    it('a required binding of both (status not in ObservationStatus; the base names the value set with its version, bp without)', () => {
      const issues = validator().issues(bp({ status: 'bogus' }));
      expect(issues.filter((i) => i.rule === 'binding-required' && i.expression === 'Observation.status'), summary(issues)).to.have.length(1);
    });

    it('a problem in a contained resource, a reference, an extension: once each, whatever the number of profiles', () => {
      const r = bp({
        meta: { profile: [BP, VITALS] },
        contained: [{ resourceType: 'Patient', id: 'p', active: 'yes' }],
        performer: [{ reference: '#missing' }],
        extension: [{ url: 'http://example.org/unknown', valueString: 'x' }],
      });
      const issues = validator().issues(r);
      expect(repeated(issues)).to.deep.equal([]);
      expect(issues.filter((i) => i.expression === 'Observation.contained[0].active').map((i) => i.rule)).to.deep.equal(['structure-json-type']);
      expect(issues.filter((i) => i.rule === 'ref-contained')).to.have.length(1);
      expect(issues.filter((i) => i.rule === 'ext-unknown')).to.have.length(1);
    });
  });

  it('a profile\'s own finding names the profile, as the HL7 validator does', () => {
    const issues = validator().issues(bp({ component: [component('8480-6', 120)] }));
    const missing = issues.find((i) => i.rule === 'slicing-min');
    expect(missing?.message).to.include(`(from ${BP}|5.0.0)`);
    // Observation.subject is 0..1; bp (from vitalsigns) makes it 1..1.
    const subject = validator().issues(bp({ subject: undefined })).find((i) => i.rule === 'cardinality-min');
    expect(subject?.message).to.equal(`subject: minimum required = 1, but only found 0 (from ${BP}|5.0.0)`);
  });

  it('applies a profile on an element\'s type in the same walk (Range.low is a SimpleQuantity: no comparator)', () => {
    const r = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueRange: { low: { value: 1, comparator: '<' } } };
    const issues = validator().issues(r).filter((i) => i.severity === 'error');
    const simple = 'http://hl7.org/fhir/StructureDefinition/SimpleQuantity|5.0.0';
    expect(issues.map((i) => `${i.rule} ${i.expression} ${i.message}`)).to.deep.equal([
      `cardinality-max Observation.valueRange.low.comparator comparator: max allowed = 0, but found 1 (from ${simple})`,
      `sqty-1 Observation.valueRange.low sqty-1: The comparator is not used on a SimpleQuantity (from ${simple})`,
    ]);
  });

  it('walks each contained resource and Bundle entry once, whatever the number of profiles', () => {
    const observation = bp({ meta: { profile: [BP, VITALS] }, contained: [{ resourceType: 'Patient', id: 'p' }] });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1', resource: observation }] };
    const count = visits(() => validator().issues(bundle, { profiles: [VITALS] }));
    expect([...count.values()]).to.deep.equal([1, 1, 1]);
    expect(count.get(observation.contained[0])).to.equal(1);
    const entries = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'valid', 'slicing-bundle-by-type.json'), 'utf8'));
    const again = visits(() => validator().issues(entries));
    expect([...again.values()].every((n) => n === 1), [...again.values()].join(' ')).to.equal(true);
    expect(again.size).to.equal(1 + entries.entry.length);
  });
});
