import { expect } from 'chai';
import { createValidatorSync } from '../../../src/validator/validator';
import { validator } from '../helpers';

/** The expressions of the URL errors (Type_Specific_Checks_DT_URL_Resolve) of a resource. */
function unresolved(resource: Record<string, unknown>): string[] {
  return validator()
    .issues(resource)
    .filter((i) => i.rule === 'Type_Specific_Checks_DT_URL_Resolve')
    .map((i) => `${i.severity} ${i.expression}`);
}

const basic = (more: Record<string, unknown>) => ({ resourceType: 'Basic', code: { text: 'x' }, ...more });
const identifiers = (...systems: string[]) => basic({ identifier: systems.map((system) => ({ system, value: '1' })) });

describe('url resolution: a URL in HL7\'s spaces names something loaded (rules/url-resolution)', () => {
  it('reports a uri or url in hl7.org/fhir, terminology.hl7.org or fhir.org/guides that names nothing loaded, as the HL7 validator does', () => {
    expect(unresolved(basic({ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/does-not-exist', code: 'x' }] } }))).to.deep.equal(['error Basic.code.coding[0].system']);
    expect(unresolved(identifiers('http://hl7.org/fhir/sid/nothing', 'http://fhir.org/guides/nothing', 'http://hl7.org/fhir', 'http://hl7.org/fhirz'))).to.deep.equal([0, 1, 2, 3].map((i) => `error Basic.identifier[${i}].system`));
    expect(unresolved(basic({ meta: { source: 'http://hl7.org/fhir/nothing' }, extension: [{ url: 'http://example.org/ext', valueUri: 'http://hl7.org/fhir/nothing' }] }))).to.deep.equal(['error Basic.meta.source', 'error Basic.extension[0].valueUri']);
    expect(unresolved(basic({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/nothing-here', valueString: 'x' }] }))).to.deep.equal(['error Basic.extension[0].url']);
  });

  it('resolves loaded definitions of any type, NamingSystem identifiers, fragments; a version only when that version is loaded', () => {
    expect(unresolved(identifiers('http://hl7.org/fhir/StructureDefinition/Patient', 'http://hl7.org/fhir/ValueSet/administrative-gender', 'http://hl7.org/fhir/sid/us-npi', 'http://terminology.hl7.org/NamingSystem/CMSCertificationNumber'))).to.deep.equal([]);
    expect(unresolved({ resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: '1', type: 'string', definition: 'http://hl7.org/fhir/StructureDefinition/Patient#Patient.name' }] })).to.deep.equal([]);
    expect(unresolved(basic({ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203|5.0.0', code: 'MR' }] } }))).to.deep.equal([]);
    expect(unresolved(basic({ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203|2.9', code: 'MR' }] } }))).to.deep.equal(['error Basic.code.coding[0].system']);
  });

  it('knows what the HL7 validator knows without a definition: FHIRPath types, spec code systems, passports, mapping spaces, cross-version extensions', () => {
    expect(unresolved(basic({ code: { coding: [{ system: 'http://hl7.org/fhirpath/System.String', code: 'x' }, { system: 'http://hl7.org/fhir/sid/icd-9', code: '401.9' }] } }))).to.deep.equal([]);
    expect(unresolved(identifiers('http://hl7.org/fhir/sid/passport-NLD', 'http://hl7.org/fhir/w5', 'http://hl7.org/fhir/sid/us-ssn'))).to.deep.equal([]);
    expect(unresolved(basic({ extension: [{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Basic.author', valueString: 'x' }] }))).to.deep.equal([]);
  });

  it('does not judge the space of hl7.fhir.uv.tools, a package no registry here serves (the IG resource\'s ig-parameters)', () => {
    expect(unresolved(basic({ code: { coding: [{ system: 'http://hl7.org/fhir/tools/CodeSystem/ig-parameters', code: 'autoload-resources' }] } }))).to.deep.equal([]);
  });

  it('leaves alone other spaces (https, example.org, urn), canonicals, a canonical resource\'s own url, and Bundle.entry.fullUrl', () => {
    expect(unresolved(identifiers('https://hl7.org/fhir/nothing', 'http://example.org/nothing', 'urn:oid:1.2.3'))).to.deep.equal([]);
    expect(unresolved(basic({ extension: [{ url: 'http://example.org/x', valueCanonical: 'http://hl7.org/fhir/ValueSet/nothing' }] }))).to.deep.equal([]);
    expect(unresolved({ resourceType: 'ValueSet', url: 'http://hl7.org/fhir/ValueSet/not-yet-published', status: 'draft' })).to.deep.equal([]);
    // A mapping names the specification it maps to, a web page: not a definition to load.
    const profile = { resourceType: 'StructureDefinition', url: 'http://example.org/sd', name: 'Sd', status: 'draft', kind: 'resource', abstract: false, type: 'Patient', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient', derivation: 'constraint', mapping: [{ identity: 'stu3', uri: 'http://hl7.org/fhir/STU3/imagingmanifest.html' }] };
    expect(unresolved(profile)).to.deep.equal([]);
    expect(unresolved({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'http://hl7.org/fhir/Basic/b1', resource: { resourceType: 'Basic', id: 'b1', code: { text: 'x' } } }] })).to.deep.equal([]);
  });

  it('knows the common identifier systems by name, without reading every NamingSystem (70 ms or more on first use)', () => {
    const fresh = createValidatorSync();
    const store = fresh.models.definitions;
    const ofResourceType = store.ofResourceType.bind(store);
    store.ofResourceType = ((type: string, where?: never) => {
      if (type === 'NamingSystem') throw new Error('NamingSystems read');
      return ofResourceType(type, where);
    }) as typeof store.ofResourceType;
    const issues = fresh.issues({ resourceType: 'Patient', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1' }, { system: 'http://hl7.org/fhir/sid/us-ssn', value: '2' }] });
    expect(issues.filter((i) => i.rule === 'Type_Specific_Checks_DT_URL_Resolve' || i.code === 'exception')).to.deep.equal([]);
  });
});

