import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { validator } from '../helpers';

type Json = Record<string, any>;
const RULES = /^(CONCEPTMAP_GROUP_|VALUESET_INCLUDE_SYSTEM_ABSOLUTE)/;
const keyed = (issues: ValidationIssue[]) => issues.filter((i) => RULES.test(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };

const conceptMap = (group: Json): Json => ({ resourceType: 'ConceptMap', id: 'cm', url: 'http://example.org/fhir/ConceptMap/cm', status: 'draft', text: narrative, group: [group] });

describe('terminology resources as authored', () => {
  describe('ConceptMap source and target codes (CONCEPTMAP_GROUP_*_CODE_INVALID)', () => {
    it('accepts codes of the source and target code systems', () => {
      const cm = conceptMap({ source: 'http://hl7.org/fhir/observation-status', target: 'http://hl7.org/fhir/resource-status', element: [{ code: 'final', target: [{ code: 'active', relationship: 'equivalent' }] }] });
      expect(keyed(validator().issues(cm))).to.deep.equal([]);
    });

    it('rejects a source or target code its (complete, loaded) code system does not have, as the HL7 validator does', () => {
      const cm = conceptMap({ source: 'http://hl7.org/fhir/observation-status', target: 'http://hl7.org/fhir/resource-status', element: [{ code: 'mitigated', target: [{ code: 'not-done', relationship: 'equivalent' }] }] });
      const issues = validator().issues(cm);
      expect(keyed(issues)).to.deep.equal(['CONCEPTMAP_GROUP_SOURCE_CODE_INVALID error ConceptMap.group[0].element[0].code', 'CONCEPTMAP_GROUP_TARGET_CODE_INVALID error ConceptMap.group[0].element[0].target[0].code']);
      expect(issues.find((i) => i.rule === 'CONCEPTMAP_GROUP_SOURCE_CODE_INVALID')!.message).to.equal("The source code 'mitigated' is not valid in the code system http://hl7.org/fhir/observation-status|5.0.0");
    });

    it('does not judge codes of a code system that is not loaded, or that the server alone knows (SNOMED CT)', () => {
      const cm = conceptMap({ source: 'http://example.org/none', target: 'http://snomed.info/sct', element: [{ code: 'x', target: [{ code: '123', relationship: 'equivalent' }] }] });
      expect(keyed(validator().issues(cm))).to.deep.equal([]);
    });
  });

  describe('ValueSet include and exclude systems (VALUESET_INCLUDE_SYSTEM_ABSOLUTE)', () => {
    const valueSet = (compose: Json): Json => ({ resourceType: 'ValueSet', id: 'vs', url: 'http://example.org/fhir/ValueSet/vs', status: 'draft', text: narrative, compose });

    it('accepts absolute URIs (http, urn)', () => {
      expect(keyed(validator().issues(valueSet({ include: [{ system: 'http://loinc.org' }, { system: 'urn:ietf:bcp:47' }] })))).to.deep.equal([]);
    });

    it('rejects a relative name and a #id, in include and in exclude', () => {
      const vs = valueSet({ include: [{ system: 'sample-roles' }], exclude: [{ system: '#cs', concept: [{ code: 'a' }] }] });
      expect(keyed(validator().issues(vs))).to.deep.equal(['VALUESET_INCLUDE_SYSTEM_ABSOLUTE error ValueSet.compose.include[0]', 'VALUESET_INCLUDE_SYSTEM_ABSOLUTE_FRAG error ValueSet.compose.exclude[0]']);
    });
  });
});
