import { expect } from 'chai';
import { impliedProfile } from '../../../src/validator/rules/implied-profiles';
import { summary, validator } from '../helpers';

/** A heart-rate-like Observation; `extra` adds or (with undefined) removes properties. */
const observation = (coding: object[], extra: Record<string, unknown> = {}) => {
  const o: Record<string, unknown> = {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding },
    subject: { reference: 'Patient/example' },
    effectiveDateTime: '2024-07-02T09:30:00Z',
    valueQuantity: { value: 44, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
    ...extra,
  };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};
const LOINC = 'http://loinc.org';

describe('implied profiles: vital signs (rules/implied-profiles)', () => {
  it('picks the core vital-signs profile by LOINC code, then by SNOMED CT code', () => {
    const models = validator().models;
    expect(impliedProfile(observation([{ system: LOINC, code: '8867-4' }]), models)?.model.url).to.equal('http://hl7.org/fhir/StructureDefinition/heartrate');
    expect(impliedProfile(observation([{ system: LOINC, code: '85354-9' }]), models)?.model.url).to.equal('http://hl7.org/fhir/StructureDefinition/bp');
    // The LOINC codes of every profile are looked at before any SNOMED CT code.
    const both = observation([{ system: 'http://snomed.info/sct', code: '86290005' }, { system: LOINC, code: '29463-7' }]);
    expect(impliedProfile(both, models)?.model.url).to.equal('http://hl7.org/fhir/StructureDefinition/bodyweight');
    expect(impliedProfile(observation([{ system: 'http://snomed.info/sct', code: '86290005' }]), models)?.model.url).to.equal('http://hl7.org/fhir/StructureDefinition/resprate');
  });

  it('implies nothing for another code, another system, or another resource type', () => {
    const models = validator().models;
    expect(impliedProfile(observation([{ system: LOINC, code: '1234-5' }]), models)).to.equal(undefined);
    expect(impliedProfile(observation([{ system: 'http://example.org', code: '8867-4' }]), models)).to.equal(undefined);
    expect(impliedProfile({ resourceType: 'Procedure', code: { coding: [{ system: LOINC, code: '8867-4' }] } }, models)).to.equal(undefined);
  });

  it('validates a vital-signs Observation against its profile and says so', () => {
    const ok = validator().issues(observation([{ system: LOINC, code: '8867-4' }]));
    expect(ok.filter((i) => i.severity === 'error'), summary(ok)).to.deep.equal([]);
    expect(ok.find((i) => i.rule === 'VALIDATION_VAL_PROFILE_SIGNPOST_OBS')?.message).to.match(/Heart rate profile .*LOINC code 8867-4/);
    const noCategory = validator().issues(observation([{ system: LOINC, code: '8867-4' }], { category: undefined }));
    expect(noCategory.find((i) => i.severity === 'error' && /VSCat/.test(i.message)), summary(noCategory)).to.not.equal(undefined);
  });

  it('applies it inside a Bundle and to contained resources too', () => {
    const bad = observation([{ system: LOINC, code: '8867-4' }], { subject: undefined });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'http://example.org/Observation/1', resource: { ...bad, id: '1' } }] };
    const issues = validator().issues(bundle);
    expect(issues.find((i) => i.severity === 'error' && i.expression === 'Bundle.entry[0].resource' && /subject/.test(i.message)), summary(issues)).to.not.equal(undefined);
  });

  it('does not apply a profile twice when the resource claims it', () => {
    const claimed = observation([{ system: LOINC, code: '8867-4' }], { meta: { profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'] }, subject: undefined });
    const subjectErrors = validator().issues(claimed).filter((i) => i.severity === 'error' && /subject/.test(i.message));
    expect(subjectErrors).to.have.length(1);
  });
});
