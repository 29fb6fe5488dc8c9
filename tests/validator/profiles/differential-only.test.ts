import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createValidatorSync, ValidatorSetupError } from '../../../src/validator/validator';
import { runImgref } from '../../helpers/cli';
import { errorsOf, summary } from '../helpers';

const BASE = 'http://example.org/fhir/StructureDefinition';

/** A profile as people write it: a differential, no snapshot. */
function differentialOnly(id: string, elements: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: 'StructureDefinition',
    id,
    url: `${BASE}/${id}`,
    name: id.replace(/-/g, ''),
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: { element: [{ id: 'Patient', path: 'Patient' }, ...elements] },
  };
}

describe('validator: profiles that come with only a differential', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-diff-'));
    const write = (sd: Record<string, unknown>) => fs.writeFileSync(path.join(dir, `StructureDefinition-${sd.id}.json`), JSON.stringify(sd));
    write(differentialOnly('birth-date-required', [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }]));
    // A profile on that profile, also differential-only: its base is snapshotted first.
    write({ ...differentialOnly('named-with-birth-date', [{ id: 'Patient.name', path: 'Patient.name', min: 1 }]), baseDefinition: `${BASE}/birth-date-required` });
    write(differentialOnly('broken-path', [{ id: 'Patient.nickname', path: 'Patient.nickname', min: 1 }]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the snapshot from the base and applies it (--profile)', () => {
    const validator = createValidatorSync({ igPaths: [dir], profiles: [`${BASE}/birth-date-required`] });
    const errors = errorsOf(validator.issues({ resourceType: 'Patient', id: 'p' }));
    expect(errors.map((e) => `${e.expression} ${e.message}`), summary(errors)).to.deep.equal([`Patient birthDate: minimum required = 1, but only found 0 (from ${BASE}/birth-date-required)`]);
    expect(errorsOf(validator.issues({ resourceType: 'Patient', id: 'p', birthDate: '1970-01-01' }))).to.deep.equal([]);
  });

  it('applies a differential-only profile on a differential-only profile named in meta.profile, with both constraints', () => {
    const validator = createValidatorSync({ igPaths: [dir] });
    const errors = errorsOf(validator.issues({ resourceType: 'Patient', id: 'p', meta: { profile: [`${BASE}/named-with-birth-date`] } }));
    expect(errors.map((e) => e.message.split(':')[0]).sort(), summary(errors)).to.deep.equal(['birthDate', 'name']);
  });

  it('refuses a profile whose snapshot cannot be generated as a setup error naming the profile and the element', () => {
    expect(() => createValidatorSync({ igPaths: [dir], profiles: [`${BASE}/broken-path`] }))
      .to.throw(ValidatorSetupError, /profile http:\/\/example\.org\/fhir\/StructureDefinition\/broken-path cannot be used: .*Patient\.nickname/);
  });

  it('reports such a profile in meta.profile as an error at that entry, not as an unknown profile', () => {
    const validator = createValidatorSync({ igPaths: [dir] });
    const errors = errorsOf(validator.issues({ resourceType: 'Patient', id: 'p', meta: { profile: [`${BASE}/broken-path`] } }));
    expect(errors.map((e) => `${e.rule} ${e.expression}`)).to.deep.equal(['profile-snapshot Patient.meta.profile[0]']);
    expect(errors[0].message).to.match(/Patient\.nickname/);
  });

  it('imgref validate: exit 2 and one line for such a --profile', () => {
    const patient = `${dir}-patient.json`;
    fs.writeFileSync(patient, JSON.stringify({ resourceType: 'Patient', id: 'p' }));
    try {
      const { status, stderr } = runImgref(['validate', '--ig', dir, '--profile', `${BASE}/broken-path`, patient]);
      expect(status).to.equal(2);
      expect(stderr.trim().split('\n'), stderr).to.have.length(1);
      expect(stderr).to.match(/broken-path cannot be used/);
    } finally {
      fs.rmSync(patient, { force: true });
    }
  });
});
