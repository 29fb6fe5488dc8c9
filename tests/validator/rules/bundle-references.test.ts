import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { conditionalType, isSearchQuery } from '../../../src/validator/rules/reference-syntax';
import { isAbsoluteUrl, restfulType } from '../../../src/validator/rules/restful-url';
import { validator } from '../helpers';

type Json = Record<string, any>;
const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const isResource = (name: string) => ['Patient', 'Observation', 'Organization'].includes(name);
const patient = (id?: string, more: Json = {}): Json => ({ resourceType: 'Patient', ...(id ? { id } : {}), text: narrative, ...more });
const observation = (subject: Json): Json => ({ resourceType: 'Observation', id: 'o1', text: narrative, status: 'final', code: { text: 'x' }, subject });
const bundle = (type: string, entry: Json[]): Json => ({ resourceType: 'Bundle', id: 'b', type, entry });
const transactionEntry = (resource: Json) => ({ fullUrl: 'urn:uuid:9b1e7c4a-3d2f-4a6b-8c5d-1e2f3a4b5c6d', resource, request: { method: 'POST', url: resource.resourceType } });

/** `rule severity expression` of the issues with one of these rule ids. */
function ruled(issues: ValidationIssue[], rules: string[]): string[] {
  return issues.filter((i) => rules.includes(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);
}

describe('Bundle and reference syntax', () => {
  describe('RESTful URLs and absolute URLs, as the HL7 validator reads them', () => {
    it('finds the type of [base]/Type/id, Type/id and their _history forms', () => {
      expect(restfulType('http://example.org/fhir/Patient/1', isResource)).to.equal('Patient');
      expect(restfulType('https://example.org:8443/fhir/r5/Patient/a.b-c', isResource)).to.equal('Patient');
      expect(restfulType('http://example.org/fhir/Patient/1/_history/2', isResource)).to.equal('Patient');
      expect(restfulType('Patient/1', isResource)).to.equal('Patient');
      expect(restfulType('Patient/1/_history/2', isResource)).to.equal('Patient');
    });

    it('finds no type where the shape or the name is not that of a RESTful URL', () => {
      expect(restfulType('urn:uuid:9b1e7c4a-3d2f-4a6b-8c5d-1e2f3a4b5c6d', isResource)).to.equal(undefined);
      expect(restfulType('http://example.org/fhir/Foo/1', isResource)).to.equal(undefined);
      expect(restfulType('http://example.org/fhir~x/Patient/1', isResource)).to.equal(undefined);
      expect(restfulType('http://example.org/fhir/Patient/' + 'x'.repeat(65), isResource)).to.equal(undefined);
      expect(restfulType('a/Patient/1', isResource)).to.equal(undefined);
      expect(restfulType('ftp://example.org/Patient/1', isResource)).to.equal(undefined);
    });

    it('tells absolute URLs from relative ones', () => {
      for (const url of ['http://x.org/a', 'urn:uuid:1', 'urn:oid:1.2.3', 'mailto:a@b.org', 'tel:123']) expect(isAbsoluteUrl(url), url).to.equal(true);
      for (const url of ['Patient/1', '#x', 'HTTP://x.org', 'http:', 'urn:a b', '1a:b']) expect(isAbsoluteUrl(url), url).to.equal(false);
    });
  });

  describe('fullUrl and the entry resource (BUNDLE_ENTRY_URL_*)', () => {
    const rules = ['BUNDLE_ENTRY_URL_MATCHES_TYPE_ID', 'BUNDLE_ENTRY_URL_MATCHES_NO_ID', 'BUNDLE_ENTRY_URL_ABSOLUTE'];

    it('accepts RESTful fullUrls ending with the entry Type/id, and fullUrls that are not RESTful', () => {
      const b = bundle('collection', [
        { fullUrl: 'http://example.org/fhir/Patient/p1', resource: patient('p1') },
        { fullUrl: 'urn:uuid:4f1c2a7e-9d6b-4c3a-8e21-5b7d9f0a1c22', resource: patient('p2') },
        { fullUrl: 'https://example.org/fhir/Foo/p3', resource: patient('p3') },
      ]);
      expect(ruled(validator().issues(b), rules)).to.deep.equal([]);
    });

    it('rejects a RESTful fullUrl with another id or type, or whose resource has no id, and a relative fullUrl', () => {
      const b = bundle('collection', [
        { fullUrl: 'http://example.org/fhir/Patient/p2', resource: patient('p1') },
        { fullUrl: 'http://example.org/fhir/Observation/p3', resource: patient('p3') },
        { fullUrl: 'http://example.org/fhir/Patient/p4', resource: patient() },
        { fullUrl: 'Patient/p5', resource: patient('p5') },
      ]);
      expect(ruled(validator().issues(b), rules)).to.deep.equal([
        'BUNDLE_ENTRY_URL_MATCHES_TYPE_ID error Bundle.entry[0].fullUrl',
        'BUNDLE_ENTRY_URL_MATCHES_TYPE_ID error Bundle.entry[1].fullUrl',
        'BUNDLE_ENTRY_URL_MATCHES_NO_ID error Bundle.entry[2].fullUrl',
        'BUNDLE_ENTRY_URL_ABSOLUTE error Bundle.entry[3].fullUrl',
      ]);
    });

    it('checks the entries of a Bundle inside a Bundle', () => {
      const inner = bundle('collection', [{ fullUrl: 'http://example.org/fhir/Patient/p9', resource: patient('p1') }]);
      const b = bundle('collection', [{ fullUrl: 'urn:uuid:7c2a9d3e-5d1b-4b8e-9a55-0f7b2d1f6a10', resource: inner }]);
      expect(ruled(validator().issues(b), rules)).to.deep.equal(['BUNDLE_ENTRY_URL_MATCHES_TYPE_ID error Bundle.entry[0].resource.entry[0].fullUrl']);
    });
  });

  describe('Reference.type and the literal reference (Reference_REF_BadTargetType)', () => {
    const rules = ['Reference_REF_BadTargetType'];
    const group = { resourceType: 'Group', id: 'g1', type: 'person', membership: 'definitional' };

    it('rejects a type that is not that of the reference: Type/id, a contained resource, a Bundle entry', () => {
      expect(ruled(validator().issues(observation({ reference: 'Group/g1', type: 'Patient' })), rules)).to.deep.equal(['Reference_REF_BadTargetType error Observation.subject']);
      expect(ruled(validator().issues({ ...observation({ reference: '#g1', type: 'Patient' }), contained: [group] }), rules)).to.deep.equal(['Reference_REF_BadTargetType error Observation.subject']);
      const b = bundle('collection', [
        { fullUrl: 'urn:uuid:4f1c2a7e-9d6b-4c3a-8e21-5b7d9f0a1c22', resource: observation({ reference: 'urn:uuid:6a0f3e1d-2b4c-4d5e-9f6a-7b8c9d0e1f23', type: 'Patient' }) },
        { fullUrl: 'urn:uuid:6a0f3e1d-2b4c-4d5e-9f6a-7b8c9d0e1f23', resource: group },
      ]);
      expect(ruled(validator().issues(b), rules)).to.deep.equal(['Reference_REF_BadTargetType error Bundle.entry[0].resource.subject']);
    });

    it('accepts a type that agrees, a type with no literal reference, and a reference whose type cannot be told', () => {
      expect(ruled(validator().issues({ ...observation({ reference: '#g1', type: 'Group' }), contained: [group] }), rules)).to.deep.equal([]);
      expect(ruled(validator().issues(observation({ type: 'Patient', identifier: { value: '1' } })), rules)).to.deep.equal([]);
      expect(ruled(validator().issues(observation({ reference: 'urn:uuid:6a0f3e1d-2b4c-4d5e-9f6a-7b8c9d0e1f23', type: 'Patient' })), rules)).to.deep.equal([]);
    });
  });

  describe('conditional references and relative references in Bundles', () => {
    const rules = ['REFERENCE_REF_QUERY_INVALID', 'REFERENCE_REF_QUERY_NOT_TRANSACTION', 'Reference_REF_Format1', 'Reference_REF_Format2'];

    it('reads a query as the HL7 validator: name=value pairs separated by & or ;, names from the search parameter alphabet', () => {
      for (const q of ['identifier=http://example.org/mrn|12345', 'identifier=', '_id=1&name=x', 'a=1;b=2', 'a=1&&b=2', 'identifier:of-type=x', 'name=a+b', 'subject.name=x']) expect(isSearchQuery(q), q).to.equal(true);
      for (const q of ['', '&', 'identifier', 'a=b=c', '1a=2', 'a=%3D', 'na me=1', '=1']) expect(isSearchQuery(q), q).to.equal(false);
      expect(conditionalType('Patient?identifier=1', isResource)).to.equal('Patient');
      expect(conditionalType('Foo?identifier=1', isResource)).to.equal(undefined);
      expect(conditionalType('http://x.org/Patient?a=1', isResource)).to.equal(undefined);
    });

    it('allows a conditional reference with a well-formed query inside a transaction only', () => {
      const ok = bundle('transaction', [transactionEntry(observation({ reference: 'Patient?identifier=http://example.org/mrn|12345' }))]);
      expect(ruled(validator().issues(ok), rules)).to.deep.equal([]);
      const bad = bundle('transaction', [transactionEntry(observation({ reference: 'Patient?identifier=a=b' }))]);
      expect(ruled(validator().issues(bad), rules)).to.deep.equal(['REFERENCE_REF_QUERY_INVALID error Bundle.entry[0].resource.subject']);
      const batch = bundle('batch', [transactionEntry(observation({ reference: 'Patient?identifier=1' }))]);
      expect(ruled(validator().issues(batch), rules)).to.deep.equal(['REFERENCE_REF_QUERY_NOT_TRANSACTION error Bundle.entry[0].resource.subject']);
      expect(ruled(validator().issues(observation({ reference: 'Patient?identifier' })), rules)).to.deep.equal([
        'REFERENCE_REF_QUERY_INVALID error Observation.subject',
        'REFERENCE_REF_QUERY_NOT_TRANSACTION error Observation.subject',
      ]);
    });

    it('requires Type/id of a relative reference in a transaction, and in a Bundle whose entry has a RESTful fullUrl', () => {
      const transaction = bundle('transaction', [transactionEntry(observation({ reference: 'Patient/p1/x' }))]);
      expect(ruled(validator().issues(transaction), rules)).to.deep.equal(['Reference_REF_Format1 error Bundle.entry[0].resource.subject']);
      const restful = bundle('collection', [{ fullUrl: 'http://example.org/fhir/Observation/o1', resource: observation({ reference: 'Patient/p1/x' }) }]);
      expect(ruled(validator().issues(restful), rules)).to.deep.equal(['Reference_REF_Format2 error Bundle.entry[0].resource.subject']);
      // With a urn:uuid fullUrl a relative reference has no base to resolve against: the HL7 validator says nothing either.
      const urn = bundle('collection', [{ fullUrl: 'urn:uuid:4f1c2a7e-9d6b-4c3a-8e21-5b7d9f0a1c22', resource: observation({ reference: 'Patient/p1/x' }) }]);
      expect(ruled(validator().issues(urn), rules)).to.deep.equal([]);
      const fine = bundle('collection', [{ fullUrl: 'http://example.org/fhir/Observation/o1', resource: observation({ reference: 'Patient/p1/_history/2' }) }]);
      expect(ruled(validator().issues(fine), rules)).to.deep.equal([]);
    });
  });

  it('evaluates ref-1 in a Bundle entry against the entry resource (%rootResource), not the Bundle', () => {
    const entry = patient('p1', { contained: [{ resourceType: 'Organization', id: 'o1', name: 'O' }], managingOrganization: { reference: '#o1' } });
    const b = bundle('collection', [{ fullUrl: 'http://example.org/fhir/Patient/p1', resource: entry }]);
    expect(validator().issues(b).filter((i) => i.rule === 'ref-1')).to.deep.equal([]);
  });
});

describe('relative references in a document or message Bundle resolve against the fullUrl of their entry', () => {
  const RULES = ['BUNDLE_BUNDLE_ENTRY_NOTFOUND_CANNOT', 'BUNDLE_BUNDLE_ENTRY_NOTFOUND_APPARENT'];
  const entries = (sourceUrl: string, targetUrl: string): Json[] => [
    { fullUrl: sourceUrl, resource: observation({ reference: 'Patient/p1' }) },
    { fullUrl: targetUrl, resource: patient('p1') },
  ];

  it('resolves `Type/id` to the entry at the base of a RESTful fullUrl', () => {
    expect(ruled(validator().issues(bundle('collection', entries('http://example.org/fhir/Observation/o1', 'http://example.org/fhir/Patient/p1'))), RULES)).to.deep.equal([]);
  });

  it('in a document or message, finds no target from a urn:uuid entry, or at another base (as the HL7 validator says)', () => {
    for (const type of ['document', 'message']) {
      const fromUuid = validator().issues(bundle(type, entries('urn:uuid:2f0e2f4c-8a4b-4b8e-9d3c-6f1a2b3c4d5e', 'http://example.org/fhir/Patient/p1')));
      expect(ruled(fromUuid, RULES), type).to.deep.equal(['BUNDLE_BUNDLE_ENTRY_NOTFOUND_CANNOT error Bundle.entry[0].resource.subject.reference']);
      const elsewhere = validator().issues(bundle(type, entries('http://example.org/fhir/Observation/o1', 'http://example.org/other/Patient/p1')));
      expect(ruled(elsewhere, RULES), type).to.deep.equal(['BUNDLE_BUNDLE_ENTRY_NOTFOUND_APPARENT error Bundle.entry[0].resource.subject.reference']);
    }
  });

  it('elsewhere (a collection) takes the entry with that type and id as the target, as the HL7 validator does', () => {
    expect(ruled(validator().issues(bundle('collection', entries('urn:uuid:2f0e2f4c-8a4b-4b8e-9d3c-6f1a2b3c4d5e', 'http://example.org/other/Patient/p1'))), RULES)).to.deep.equal([]);
  });
});
