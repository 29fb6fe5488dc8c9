import { expect } from 'chai';
import * as path from 'node:path';
import { createValidatorSync } from '../../src/validator/validator';
import type { ValidationIssue } from '../../src/validator/outcome/issue';
import { errorsOf, FIXTURES, minimalImagingReference, summary, validator } from './helpers';

const find = (issues: ReturnType<ReturnType<typeof validator>['issues']>, severity: string, code: string, expression?: string) =>
  issues.find((i) => i.severity === severity && i.code === code && (expression === undefined || i.expression === expression));

describe('validator rules', () => {
  it('accepts a minimal ImagingReference', () => {
    expect(errorsOf(validator().issues(minimalImagingReference()))).to.deep.equal([]);
  });

  describe('structure', () => {
    it('reports a duplicate property name at its line and column', () => {
      const issues = validator().issues('{\n  "resourceType": "Patient",\n  "active": true,\n  "active": false\n}');
      const dup = find(issues, 'error', 'structure');
      expect(dup?.message).to.match(/duplicate property name "active"/);
      expect(dup?.position).to.deep.equal({ line: 4, col: 3 });
      expect(dup?.expression).to.equal('Patient');
      const nested = validator().issues('{"resourceType": "Patient", "name": [{"family": "a"}, {"family": "b", "family": "c"}]}');
      expect(find(nested, 'error', 'structure', 'Patient.name[1]')?.message).to.match(/duplicate property name "family"/);
    });

    it('treats __proto__ as an unknown element and never as a prototype', () => {
      const issues = validator().issues('{"resourceType":"Patient","__proto__":{"polluted":true}}');
      expect(find(issues, 'error', 'structure', 'Patient.__proto__')).to.not.equal(undefined);
      expect(({} as any).polluted).to.equal(undefined);
    });

    it('accepts the BackboneElement children that the SUSHI snapshot leaves out', () => {
      const r = minimalImagingReference();
      r.instance[0].id = 'i1';
      r.instance[0].modifierExtension = [{ url: 'http://example.org/unknown', valueBoolean: true }];
      const issues = validator().issues(r);
      expect(find(issues, 'error', 'structure')).to.equal(undefined);
      expect(find(issues, 'error', 'extension', 'ImagingReference.instance[0].modifierExtension[0]')).to.not.equal(undefined);
    });

    it('refuses an abstract resourceType', () => {
      expect(find(validator().issues({ resourceType: 'DomainResource' }), 'error', 'structure', 'DomainResource')?.message).to.match(/abstract/);
    });

    it('reports an XML value attribute that cannot be its type', () => {
      const xml = '<Patient xmlns="http://hl7.org/fhir"><active value="yes"/></Patient>';
      expect(find(validator().issues(xml), 'error', 'value', 'Patient.active')?.message).to.match(/"yes" is not a valid boolean/);
    });

    it('refuses attributes FHIR XML does not have', () => {
      const xml = '<Patient xmlns="http://hl7.org/fhir"><active value="true" checked="yes"/></Patient>';
      expect(find(validator().issues(xml), 'error', 'structure', 'Patient.active')?.message).to.match(/attribute checked/);
    });

    it('gives indexed expressions', () => {
      const r = minimalImagingReference();
      r.instance[1].uid = '1.2.03';
      expect(find(validator().issues(r), 'error', 'invariant', 'ImagingReference.instance[1].uid')?.message).to.match(/^irf-1/);
    });
  });

  describe('references', () => {
    it('resolves #id inside a contained resource against its siblings, and # against the container', () => {
      const r: Record<string, any> = minimalImagingReference();
      r.contained = [
        { resourceType: 'Patient', id: 'p1', generalPractitioner: [{ reference: '#o1' }] },
        { resourceType: 'Organization', id: 'o1', name: 'Radiology' },
      ];
      r.subject = { reference: '#p1' };
      expect(errorsOf(validator().issues(r)), summary(validator().issues(r))).to.deep.equal([]);
      r.contained[0].generalPractitioner = [{ reference: '#missing' }];
      expect(find(validator().issues(r), 'error', 'not-found', 'ImagingReference.contained[0].generalPractitioner[0].reference')).to.not.equal(undefined);
    });
  });

  describe('references in a Bundle', () => {
    const entry = (fullUrl: string, resource: Record<string, unknown>) => ({ fullUrl, resource });
    const bundle = (entries: unknown[]) => ({ resourceType: 'Bundle', type: 'collection', entry: entries });
    const refIssues = (issues: ValidationIssue[]) => issues.filter((i) => i.rule === 'ref-bundle' || i.rule === 'ref-target');

    it('resolves a relative reference by the end of a fullUrl, the first such entry winning', () => {
      const issues = validator().issues(
        bundle([
          entry('http://x.org/fhir/Patient/a', { resourceType: 'Patient', link: [{ other: { reference: 'Patient/b' }, type: 'seealso' }] }),
          // no id: found only by its fullUrl; a later entry with the same end does not replace it
          entry('http://x.org/fhir/Patient/b', { resourceType: 'Patient' }),
          entry('http://y.org/Patient/b', { resourceType: 'Organization' }),
          entry('urn:uuid:c', { resourceType: 'Patient', link: [{ other: { reference: 'Patient/zz' }, type: 'seealso' }, { other: { reference: 'Patient/a' }, type: 'seealso' }] }),
        ]),
      );
      expect(refIssues(issues).map((i) => `${i.severity} ${i.expression}`)).to.deep.equal(['warning Bundle.entry[3].resource.link[0].other.reference']);
    });

    it('looks up 30,000 unresolved references without scanning every fullUrl for each (20 s timeout before the index)', () => {
      const entries = Array.from({ length: 30_000 }, (_, i) =>
        entry(`http://x.org/fhir/Patient/p${i}`, { resourceType: 'Patient', id: `p${i}`, link: [{ other: { reference: `Patient/q${i}` }, type: 'seealso' }] }),
      );
      const issues = validator().issues(bundle(entries));
      // Every reference is reported: listed up to the per-input limit, the rest counted in the summary.
      const listed = refIssues(issues).length;
      const omitted = issues.filter((i) => i.rule === 'issue-limit').reduce((n, i) => n + Object.values(i.omitted ?? {}).reduce((a, b) => a + b, 0), 0);
      expect(listed).to.be.greaterThan(9_000);
      expect(listed + omitted).to.be.at.least(30_000);
    });
  });

  describe('terminology', () => {
    it('warns on a code outside an extensible binding', () => {
      const r = minimalImagingReference();
      r.title = { coding: [{ system: 'http://example.org/titles', code: 'x' }] };
      const issues = validator().issues(r);
      expect(find(issues, 'warning', 'code-invalid', 'ImagingReference.title')).to.not.equal(undefined);
      expect(errorsOf(issues)).to.deep.equal([]);
    });

    it('accepts a code of the IG value set expanded offline', () => {
      const r = minimalImagingReference();
      r.title = { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113004' }] };
      expect(find(validator().issues(r), 'warning', 'code-invalid')).to.equal(undefined);
    });

    it('says so, without an error, when a value set cannot be expanded offline', () => {
      // The IANA time zones: not a code system the validator knows (all-languages, since it does, is checked).
      const r = minimalImagingReference();
      r.meta = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'Europe/Amsterdam' }] };
      const issues = validator().issues(r);
      expect(find(issues, 'information', 'not-supported', 'ImagingReference.meta.extension[0].valueCode')?.message).to.match(/not checked/);
      expect(errorsOf(issues)).to.deep.equal([]);
    });
  });

  describe('extensions', () => {
    it('warns on an unknown extension URL', () => {
      const r = minimalImagingReference();
      r.extension = [{ url: 'http://example.org/fhir/StructureDefinition/unknown', valueString: 'x' }];
      const issues = validator().issues(r);
      expect(find(issues, 'warning', 'extension', 'ImagingReference.extension[0]')).to.not.equal(undefined);
      expect(errorsOf(issues)).to.deep.equal([]);
    });

    it('checks the parts of a complex extension against its slices', () => {
      const nationality = (parts: unknown[]) => ({ resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality', extension: parts }] });
      const good = nationality([{ url: 'code', valueCodeableConcept: { text: 'Belgian' } }, { url: 'period', valuePeriod: { start: '2001' } }]);
      expect(errorsOf(validator().issues(good)), summary(validator().issues(good))).to.deep.equal([]);
      const wrongType = validator().issues(nationality([{ url: 'code', valueString: 'Belgian' }]));
      expect(find(wrongType, 'error', 'structure', 'Patient.extension[0].extension[0].valueString')?.message).to.match(/allows valueCodeableConcept/);
      const twice = validator().issues(nationality([{ url: 'code', valueCodeableConcept: { text: 'a' } }, { url: 'code', valueCodeableConcept: { text: 'b' } }]));
      // Slice cardinality is reported on the element that holds the items, as the HL7 validator does.
      expect(find(twice, 'error', 'structure', 'Patient.extension[0]')?.message).to.match(/Extension\.extension:code: max allowed = 1, but found 2 \(from http:\/\/hl7\.org\/fhir\/StructureDefinition\/patient-nationality\|/);
      const animal = validator().issues({ resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-animal', extension: [{ url: 'breed', valueCodeableConcept: { text: 'x' } }] }] });
      expect(find(animal, 'error', 'required', 'Patient.extension[0]')?.message).to.match(/Slice 'Extension\.extension:species': a matching slice is required, but not found/);
    });

    it('allows an extension whose context is an interface or base type of the resource (CanonicalResource)', () => {
      const cs = {
        resourceType: 'CodeSystem',
        url: 'http://example.org/cs',
        status: 'draft',
        content: 'complete',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status', valueCode: 'draft' }],
      };
      const issues = validator().issues(cs);
      expect(find(issues, 'error', 'extension'), summary(issues)).to.equal(undefined);
      const patient = { resourceType: 'Patient', extension: cs.extension };
      expect(find(validator().issues(patient), 'error', 'extension', 'Patient.extension[0]')?.message).to.match(/not allowed here/);
    });

    it('checks a known extension against its definition', () => {
      const issues = validator().issues({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        extension: [{ url: 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link', valueReference: { reference: 'ImagingReference/a' } }],
      });
      expect(errorsOf(issues), summary(issues)).to.deep.equal([]);
      expect(find(issues, 'warning', 'extension')).to.equal(undefined);
    });
  });

  describe('profiles', () => {
    const profileUrl = 'http://example.org/fhir/StructureDefinition/imaging-reference-described';
    const withProfile = () => createValidatorSync({ igPaths: [path.join(FIXTURES, 'profiles')], profiles: [profileUrl] });

    it('also validates against a --profile', () => {
      const r = minimalImagingReference();
      expect(find(withProfile().issues(r), 'error', 'required', 'ImagingReference')?.message).to.match(/description/);
      expect(find(validator().issues(r), 'error', 'required')).to.equal(undefined);
      r.description = 'described';
      expect(errorsOf(withProfile().issues(r))).to.deep.equal([]);
    });

    it('checks the profile\'s pattern values', () => {
      const r = { ...minimalImagingReference(), description: 'described' };
      r.title = { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113004', display: 'For Teaching' }] };
      expect(errorsOf(withProfile().issues(r))).to.deep.equal([]);
      r.title = { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000' }] };
      expect(find(withProfile().issues(r), 'error', 'value', 'ImagingReference.title')?.message).to.match(/pattern/);
    });

    it('accepts _element with only an id when the primitive has a value (ele-1 holds)', () => {
      const r = { ...minimalImagingReference(), description: 'd', _description: { id: 'd1' } };
      expect(errorsOf(validator().issues(r))).to.deep.equal([]);
      delete (r as any).description;
      expect(find(validator().issues(r), 'error', 'invariant', 'ImagingReference.description')?.message).to.match(/ele-1/);
    });

    it('validates against the profiles a resource declares in meta.profile, and warns on unknown ones', () => {
      const v = createValidatorSync({ igPaths: [path.join(FIXTURES, 'profiles')] });
      const r: Record<string, any> = { ...minimalImagingReference(), meta: { profile: [profileUrl] } };
      expect(find(v.issues(r), 'error', 'required', 'ImagingReference')?.message).to.match(/description/);
      r.meta.profile = ['http://example.org/fhir/StructureDefinition/unknown'];
      expect(find(v.issues(r), 'warning', 'not-found', 'ImagingReference.meta.profile[0]')).to.not.equal(undefined);
    });

    it('applies a --profile to the Bundle entries of its type', () => {
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1b0e0e3c-5c1e-4c9c-9d83-6a5c0c6f9d01', resource: { ...minimalImagingReference(), subject: { display: 'x' } } }] };
      expect(find(withProfile().issues(bundle), 'error', 'required', 'Bundle.entry[0].resource')?.message).to.match(/description/);
    });

    it('refuses an unknown profile', () => {
      expect(() => createValidatorSync({ profiles: ['http://example.org/none'] })).to.throw(/unknown profile/);
    });
  });

  describe('API', () => {
    it('returns an OperationOutcome with expression and line/column extensions', async () => {
      const outcome = await validator().validate('{\n  "resourceType": "ImagingReference",\n  "subject": {"reference": "Patient/p"},\n  "studyUid": "1.2",\n  "seriesUid": "1.2.x"\n}');
      expect(outcome.resourceType).to.equal('OperationOutcome');
      const issue = outcome.issue.find((i) => i.severity === 'error');
      expect(issue?.expression).to.deep.equal(['ImagingReference.seriesUid']);
      expect(issue?.details.text).to.match(/irf-1/);
      expect(issue?.extension).to.deep.include({ url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line', valueInteger: 5 });
      expect(issue?.extension).to.deep.include({ url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col', valueString: '3' });
    });

    it('says All OK for a valid resource', async () => {
      const r = minimalImagingReference();
      r.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Two instances</div>' };
      const outcome = await validator().validate(r);
      expect(outcome.issue).to.deep.equal([{ severity: 'information', code: 'informational', details: { text: 'All OK' } }]);
    });

    it('reads FHIR XML, with line and column', () => {
      const xml = '<ImagingReference xmlns="http://hl7.org/fhir">\n  <subject><reference value="Patient/p"/></subject>\n  <studyUid value="1.2"/>\n  <seriesUid value="01.2"/>\n</ImagingReference>';
      const issue = find(validator().issues(xml, { fileName: 'x.xml' }), 'error', 'invariant', 'ImagingReference.seriesUid');
      expect(issue?.position?.line).to.equal(4);
    });
  });
});
