import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { createValidatorSync } from '../../../src/validator/validator';
import { validator } from '../helpers';

type Json = Record<string, any>;
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const careTeam = (member: Json, contained: Json[]): Json => ({ resourceType: 'CareTeam', id: 'ct', text: narrative, contained, participant: [{ member, onBehalfOf: { reference: '#org' } }] });
const org = { resourceType: 'Organization', id: 'org', name: 'O' };
const practitioner = { resourceType: 'Practitioner', id: 'pr' };

/** Issues of constraint ctm-1 or enc-2 (both need resolve()), and whether any says it could not be evaluated. */
const about = (issues: ValidationIssue[], key: string) => issues.filter((i) => i.rule === key).map((i) => `${i.severity} ${i.code} ${i.expression}`);

describe('resolve() in FHIRPath constraints', () => {
  it('finds contained resources: ctm-1 holds for a Practitioner member and fails for an Organization', () => {
    expect(about(validator().issues(careTeam({ reference: '#pr' }, [practitioner, org])), 'ctm-1')).to.deep.equal([]);
    expect(about(validator().issues(careTeam({ reference: '#org' }, [org])), 'ctm-1')).to.deep.equal(['error invariant CareTeam.participant[0]']);
  });

  it('finds Bundle entries by fullUrl and by Type/id: enc-2 fails for a typed Patient participant', () => {
    const encounter = (actor: string) => ({ resourceType: 'Encounter', id: 'e1', text: narrative, status: 'completed', participant: [{ type: [{ text: 'attender' }], actor: { reference: actor } }] });
    const bundle = (actor: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'http://example.org/fhir/Encounter/e1', resource: encounter(actor) },
        { fullUrl: 'urn:uuid:4f1c2a7e-9d6b-4c3a-8e21-5b7d9f0a1c22', resource: { resourceType: 'Patient', id: 'p1', text: narrative } },
        { fullUrl: 'http://example.org/fhir/Practitioner/pr', resource: { ...practitioner, text: narrative } },
      ],
    });
    expect(about(validator().issues(bundle('Patient/p1')), 'enc-2')).to.deep.equal(['error invariant Bundle.entry[0].resource.participant[0]']);
    expect(about(validator().issues(bundle('urn:uuid:4f1c2a7e-9d6b-4c3a-8e21-5b7d9f0a1c22')), 'enc-2')).to.deep.equal(['error invariant Bundle.entry[0].resource.participant[0]']);
    expect(about(validator().issues(bundle('Practitioner/pr')), 'enc-2')).to.deep.equal([]);
  });

  it('resolves what it cannot find to nothing, with no "could not be evaluated" issue, on either engine', () => {
    for (const v of [validator(), createValidatorSync({ invariantEngine: 'fhirpath.js' })]) {
      const issues = v.issues(careTeam({ reference: 'Practitioner/elsewhere' }, [org]));
      expect(issues.filter((i) => i.code === 'not-supported'), JSON.stringify(issues)).to.deep.equal([]);
      expect(about(issues, 'ctm-1')).to.deep.equal([]);
    }
  });
});
