import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { summary, validator } from '../helpers';

function issuesOf(resource: Record<string, unknown>, rule?: string): ValidationIssue[] {
  return validator()
    .issues(resource)
    .filter((i) => (rule ? i.rule === rule : i.severity === 'error'));
}

const basicWith = (coding: Record<string, unknown>) => ({ resourceType: 'Basic', code: { coding: [coding] } });
const observationWith = (quantity: Record<string, unknown>) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 1, ...quantity } });

describe('known codes: a code of a known system, wherever it is (rules/known-codes)', () => {
  it('reports an unknown code in a known system on a coding that no binding constrains (Unknown_Code_in)', () => {
    for (const [system, code] of [
      ['urn:ietf:bcp:47', 'zz-!!bogus'],
      ['urn:ietf:bcp:13', 'not a mime'],
      ['urn:iso:std:iso:4217', 'XXQ'],
      ['urn:iso:std:iso:3166', 'ZZZ'],
      ['urn:iso:std:iso:3166:-2', 'US-ZZ'],
      ['http://unitsofmeasure.org', 'notaunit'],
    ]) {
      const issues = issuesOf(basicWith({ system, code }));
      expect(issues.map((i) => [i.rule, i.expression]), `${system}#${code}\n${summary(issues)}`).to.deep.equal([['Unknown_Code_in', 'Basic.code.coding[0].code']]);
    }
  });

  it('accepts known codes, and leaves codes of other systems alone', () => {
    for (const [system, code] of [
      ['urn:ietf:bcp:47', 'en-US'],
      ['urn:iso:std:iso:3166', 'US'],
      ['http://unitsofmeasure.org', 'mg'],
      ['http://example.org/unknown-system', 'anything'],
    ]) {
      expect(summary(issuesOf(basicWith({ system, code })))).to.equal('');
    }
  });

  it('checks a Quantity\'s UCUM unit code, and no other system\'s', () => {
    expect(issuesOf(observationWith({ system: 'http://unitsofmeasure.org', code: 'mg/(kg' })).map((i) => i.expression)).to.deep.equal(['Observation.valueQuantity.code']);
    expect(issuesOf(observationWith({ system: 'http://unitsofmeasure.org', code: 'mmol/L' }))).to.deep.equal([]);
    expect(issuesOf(observationWith({ system: 'http://example.org/units', code: 'notaunit' }))).to.deep.equal([]);
  });

  it('warns that a UCUM annotation is ignored, as the HL7 validator does (best practice)', () => {
    const rules = (quantity: Record<string, unknown>) => validator().issues(observationWith(quantity)).filter((i) => i.rule?.startsWith('TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM')).map((i) => [i.severity, i.rule]);
    expect(rules({ system: 'http://unitsofmeasure.org', code: '{score}' })).to.deep.equal([['warning', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NO_UNIT']]);
    expect(rules({ system: 'http://unitsofmeasure.org', code: 'mL/min/{1.73_m2}', unit: 'mL/min/1.73m2' })).to.deep.equal([['warning', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NOT_IN_UNIT']]);
    expect(rules({ system: 'http://unitsofmeasure.org', code: '{score}', unit: 'score' })).to.deep.equal([['warning', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS']]);
    expect(rules({ system: 'http://unitsofmeasure.org', code: 'mg', unit: 'mg' })).to.deep.equal([]);
  });

  it('warns on a code accepted with a reservation (a media type mime-db does not list)', () => {
    const issues = validator().issues(basicWith({ system: 'urn:ietf:bcp:13', code: 'image/jpg' }));
    expect(issues.filter((i) => i.rule === 'known-system-note').map((i) => [i.severity, i.message])).to.deep.equal([['warning', 'BCP-13 mime types: image/jpg is not a registered media type (mime-db)']]);
  });

  it('warns on a coding outside a CodeableConcept that has a code and no system (TERMINOLOGY_TX_SYSTEM_NO_CODE)', () => {
    const tagged = { resourceType: 'Basic', code: { text: 'x' }, meta: { tag: [{ code: 'x' }] } };
    expect(validator().issues(tagged).filter((i) => i.rule === 'TERMINOLOGY_TX_SYSTEM_NO_CODE').map((i) => [i.severity, i.expression])).to.deep.equal([['warning', 'Basic.meta.tag[0]']]);
    // In a CodeableConcept without a binding the HL7 validator does not warn, and neither do we.
    expect(validator().issues({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueCodeableConcept: { coding: [{ code: 'x' }] } }).filter((i) => i.rule === 'TERMINOLOGY_TX_SYSTEM_NO_CODE')).to.deep.equal([]);
  });
});
