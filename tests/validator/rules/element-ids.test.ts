import { expect } from 'chai';
import { minimalImagingReference, summary, validator } from '../helpers';

const duplicates = (resource: object | string) => {
  const issues = validator().issues(resource, { fileName: 'x.json' });
  return issues.filter((i) => i.rule === 'DUPLICATE_ID').map((i) => `${i.severity} ${i.code} ${i.expression}: ${i.message}`);
};

describe('element ids (DUPLICATE_ID)', () => {
  it('reports an element id used twice in a resource, at the second use, primitives and extensions included', () => {
    const r = minimalImagingReference();
    r.subject.id = 'a';
    r.instance[1].extension = [{ id: 'a', url: 'http://example.org/x', valueString: 'x' }];
    r._studyUid = { id: 'a' };
    // In the order of the properties (the id of `_studyUid` was added last).
    expect(duplicates(r)).to.deep.equal([
      "error business-rule ImagingReference.instance[1].extension[0]: Duplicate id value 'a'",
      "error business-rule ImagingReference.studyUid: Duplicate id value 'a'",
    ]);
  });

  it('gives each contained resource and Bundle entry ids of its own, and does not count the resource id', () => {
    const patient = (id: string) => ({ resourceType: 'Patient', id, identifier: [{ id: 'i', value: '1' }] });
    const bundle = { resourceType: 'Bundle', id: 'i', type: 'collection', entry: [1, 2].map((n) => ({ id: 'i', fullUrl: `http://example.org/fhir/Patient/p${n}`, resource: patient(`p${n}`) })) };
    expect(duplicates(bundle)).to.deep.equal(["error business-rule Bundle.entry[1]: Duplicate id value 'i'"]);
    const r = { ...patient('i'), contained: [{ resourceType: 'Organization', id: 'o', identifier: [{ id: 'i', value: '2' }] }], managingOrganization: { reference: '#o' } };
    expect(duplicates(r), summary(validator().issues(r))).to.deep.equal([]);
  });

  it('lets a StructureDefinition snapshot repeat the differential element ids', () => {
    const element = (id: string) => ({ id, path: id });
    const sd = {
      resourceType: 'StructureDefinition', url: 'http://example.org/fhir/StructureDefinition/p', name: 'P', status: 'draft', kind: 'resource', abstract: false, type: 'Patient',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient', derivation: 'constraint',
      snapshot: { element: [element('Patient'), element('Patient.name')] },
      differential: { element: [element('Patient'), element('Patient.name'), element('Patient.name')] },
    };
    expect(duplicates(sd)).to.deep.equal(["error business-rule StructureDefinition.differential.element[2]: Duplicate id value 'Patient.name'"]);
  });
});
