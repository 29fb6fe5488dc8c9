import { expect } from 'chai';
import { IssueCollector } from '../../../src/validator/outcome/issue-collector';
import { checkBinding } from '../../../src/validator/rules/terminology';
import { ValueSetExpander } from '../../../src/validator/rules/value-set-expander';
import { errorsOf, minimalImagingReference, summary, validator } from '../helpers';

describe('terminology: bindings on codings of the wrong JSON type', () => {
  it('reports a system that is not a string as a structure error, never as an internal error (found by npm run fuzz)', () => {
    // An object whose own "toString" is a string cannot be turned into text: it once made the binding rule throw.
    const resource = { ...minimalImagingReference(), title: { coding: [{ system: [{ reference: 'x', toString: '0' }], code: '113000' }] } };
    const issues = validator().issues(resource);
    expect(issues.filter((i) => i.code === 'exception'), summary(issues)).to.deep.equal([]);
    expect(errorsOf(issues).map((i) => i.expression), summary(issues)).to.include('ImagingReference.title.coding[0].system');
  });
});

describe('terminology: bindings to value sets that include a known code system whole', () => {
  const errors = (resource: Record<string, unknown>) =>
    validator()
      .issues(resource)
      .filter((i) => i.severity === 'error')
      .map((i) => [i.rule, i.expression]);

  it('checks a code element bound to mimetypes, all-languages or currencies against the system (binding-required)', () => {
    expect(errors({ resourceType: 'Binary', contentType: 'application/pdf' })).to.deep.equal([]);
    expect(errors({ resourceType: 'Binary', contentType: 'not a mime type' })).to.deep.equal([['binding-required', 'Binary.contentType']]);
    expect(errors({ resourceType: 'Basic', code: { text: 'x' }, language: 'en-AU' })).to.deep.equal([]);
    expect(errors({ resourceType: 'Basic', code: { text: 'x' }, language: 'english' })).to.deep.equal([['binding-required', 'Basic.language']]);
    expect(errors({ resourceType: 'Invoice', status: 'draft', totalNet: { value: 1, currency: 'EUR' } })).to.deep.equal([]);
    expect(errors({ resourceType: 'Invoice', status: 'draft', totalNet: { value: 1, currency: 'XXQ' } })).to.deep.equal([['binding-required', 'Invoice.totalNet.currency']]);
  });

  it('says why a code is not in the value set: the known system\'s own reason', () => {
    const issue = validator().issues({ resourceType: 'Binary', contentType: 'aplication/pdf' }).find((i) => i.rule === 'binding-required');
    expect(issue?.message).to.equal('"aplication/pdf" is not in the value set http://hl7.org/fhir/ValueSet/mimetypes|5.0.0 (required binding): "aplication" is not a registered top-level media type (RFC 6838)');
  });

  it('lets the mimetypes value set hold the R5 format shorthands xml, json and ttl, and no other plain word', () => {
    const capability = (format: string[]) => ({ resourceType: 'CapabilityStatement', status: 'draft', date: '2024-01-01', kind: 'instance', fhirVersion: '5.0.0', format, implementation: { description: 'x' }, rest: [{ mode: 'server' }] });
    expect(errors(capability(['xml', 'json', 'ttl', 'application/fhir+json']))).to.deep.equal([]);
    expect(errors(capability(['yaml']))).to.deep.equal([['binding-required', 'CapabilityStatement.format[0]']]);
  });

  it('checks a Coding or CodeableConcept bound to a known system by its system and code', () => {
    const patient = (coding: Record<string, unknown>) => ({ resourceType: 'Patient', communication: [{ language: { coding: [coding] } }] });
    expect(errors(patient({ system: 'urn:ietf:bcp:47', code: 'nl-BE' }))).to.deep.equal([]);
    // all-languages is a required binding on Patient.communication.language: another system is not in it.
    expect(errors(patient({ system: 'http://example.org/langs', code: 'nl-BE' }))).to.deep.equal([['binding-required', 'Patient.communication[0].language']]);
  });

  it('checks a code element bound to ucum-units (SampledData.intervalUnit) as a UCUM unit', () => {
    const sampled = (intervalUnit: string) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueSampledData: { origin: { value: 0 }, interval: 1, intervalUnit, dimensions: 1 } });
    expect(errors(sampled('ms'))).to.deep.equal([]);
    expect(errors(sampled('milliseconds'))).to.deep.equal([['binding-required', 'Observation.valueSampledData.intervalUnit']]);
  });

  it('tests a bound Quantity as the coding system|code (the vital signs profiles bind component.valueQuantity)', () => {
    const expander = new ValueSetExpander(validator().models.definitions);
    const check = (quantity: Record<string, unknown>, valueSet: string) => {
      const out = new IssueCollector();
      checkBinding(quantity, 'Quantity', { strength: 'required', valueSet }, expander, 'Observation.component[0].valueQuantity', {}, out);
      return out.issues.map((i) => i.rule);
    };
    const vitals = 'http://hl7.org/fhir/ValueSet/ucum-vitals-common|5.0.0';
    expect(check({ value: 120, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }, vitals)).to.deep.equal([]);
    expect(check({ value: 120, system: 'http://unitsofmeasure.org', code: 'kPa' }, vitals)).to.deep.equal(['binding-required']);
    expect(check({ value: 120, system: 'http://unitsofmeasure.org', code: 'kPa' }, 'http://hl7.org/fhir/ValueSet/ucum-units')).to.deep.equal([]);
    expect(check({ value: 120, system: 'http://unitsofmeasure.org', code: 'kPaa' }, 'http://hl7.org/fhir/ValueSet/ucum-units')).to.deep.equal(['binding-required']);
  });

  it('warns that a bound coding without a system cannot be checked (Coding_has_no_system__cannot_validate), and still fails a required binding', () => {
    const allergy = { resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ code: 'active' }] }, patient: { reference: 'Patient/p' } };
    const issues = validator().issues(allergy);
    expect(issues.filter((i) => i.rule === 'Coding_has_no_system__cannot_validate').map((i) => [i.severity, i.expression])).to.deep.equal([['warning', 'AllergyIntolerance.clinicalStatus.coding[0]']]);
    expect(errors(allergy)).to.deep.include(['binding-required', 'AllergyIntolerance.clinicalStatus']);
  });

  it('checks a bound CodeableReference by its concept, and leaves a reference alone', () => {
    const expander = new ValueSetExpander(validator().models.definitions);
    const rules = (value: Record<string, unknown>) => {
      const out = new IssueCollector();
      checkBinding(value, 'CodeableReference', { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' }, expander, 'X.y', {}, out);
      return out.issues.map((i) => `${i.rule} ${i.expression}`);
    };
    expect(rules({ concept: { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: 'female' }] } })).to.deep.equal([]);
    expect(rules({ concept: { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: 'femme' }] } })).to.deep.equal(['binding-required X.y.concept']);
    expect(rules({ reference: { reference: 'Observation/o1' } })).to.deep.equal([]);
    // Appointment.serviceType is a CodeableReference with an example binding: the coding without a system is still said.
    const appointment = { resourceType: 'Appointment', status: 'proposed', serviceType: [{ concept: { coding: [{ code: '52' }] } }], participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }] };
    expect(validator().issues(appointment).filter((i) => i.rule === 'Coding_has_no_system__cannot_validate').map((i) => i.expression)).to.deep.equal(['Appointment.serviceType[0].concept.coding[0]']);
  });
});

