import { expect } from 'chai';
import { resolves } from '../../../src/validator/rules/url-resolution';
import { summary, validator } from '../helpers';

const urlErrors = (resource: object) => validator().issues(resource).filter((i) => i.rule === 'Type_Specific_Checks_DT_URL_Resolve');
const coding = (system: string) => ({ resourceType: 'Observation', status: 'final', code: { coding: [{ system, code: 'x' }] } });

describe('URLs in HL7 spaces resolve (rules/url-resolution)', () => {
  it('knows loaded definitions (a url#part too), NamingSystem identifiers, and the URIs the specification assigns', () => {
    const definitions = validator().models.definitions;
    expect(resolves('http://terminology.hl7.org/CodeSystem/v3-RoleCode', definitions)).to.equal(true);
    expect(resolves('http://hl7.org/fhir/StructureDefinition/Observation#Observation.referenceRange', definitions)).to.equal(true);
    expect(resolves('http://hl7.org/fhir/sid/us-npi', definitions)).to.equal(true);
    expect(resolves('http://hl7.org/fhirpath/System.String', definitions)).to.equal(true);
    expect(resolves('http://hl7.org/fhir/4.0/StructureDefinition/extension-Patient.animal', definitions)).to.equal(true);
    expect(resolves('http://terminology.hl7.org/CodeSystem/v2-0360/2.7', definitions)).to.equal(false);
  });

  it('rejects a uri in an HL7 space that names nothing, and leaves other spaces alone', () => {
    const [issue] = urlErrors(coding('http://hl7.org/fhir/ex-serviceproduct'));
    expect(issue?.expression).to.equal('Observation.code.coding[0].system');
    expect(issue?.severity).to.equal('error');
    expect(urlErrors(coding('http://example.com/codes'))).to.deep.equal([]);
    expect(urlErrors(coding('https://hl7.org/fhir/nothing'))).to.deep.equal([]);
    expect(urlErrors(coding('http://terminology.hl7.org/CodeSystem/v3-RoleCode'))).to.deep.equal([]);
  });

  it('does not judge a URL that defines (a canonical resource\'s url, a Bundle entry\'s fullUrl) or a canonical', () => {
    const cs = { resourceType: 'CodeSystem', url: 'http://hl7.org/fhir/CodeSystem/not-loaded', status: 'draft', content: 'complete' };
    expect(urlErrors(cs), summary(validator().issues(cs))).to.deep.equal([]);
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'http://hl7.org/fhir/Patient/p1', resource: { resourceType: 'Patient', id: 'p1' } }] };
    expect(urlErrors(bundle)).to.deep.equal([]);
    const vs = { resourceType: 'ValueSet', status: 'draft', compose: { include: [{ valueSet: ['http://hl7.org/fhir/ValueSet/not-loaded'] }] } };
    expect(urlErrors(vs)).to.deep.equal([]);
  });

  it('does not judge what cannot be known here: the hl7.fhir.uv.tools space, a mapping\'s target specification', () => {
    expect(urlErrors(coding('http://hl7.org/fhir/tools/CodeSystem/ig-parameters'))).to.deep.equal([]);
    const sd = { resourceType: 'StructureDefinition', url: 'http://example.org/sd', name: 'X', status: 'draft', kind: 'logical', abstract: false, type: 'http://example.org/sd', mapping: [{ identity: 'r5', uri: 'http://hl7.org/fhir/R5/imagingselection.html' }] };
    expect(urlErrors(sd)).to.deep.equal([]);
  });

  it('checks an extension url, but not the value of an extension that names a page (textLink, in its parts too)', () => {
    const unknown = { resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/not-an-extension', valueString: 'x' }] };
    expect(urlErrors(unknown).map((i) => i.expression)).to.deep.equal(['Patient.extension[0].url']);
    const link = { resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/textLink', extension: [{ url: 'linkTarget', valueUri: 'http://hl7.org/fhir/patient.html' }] }] };
    expect(urlErrors(link).filter((i) => /patient\.html/.test(i.message))).to.deep.equal([]);
    const other = { resourceType: 'Patient', extension: [{ url: 'http://example.org/ext', extension: [{ url: 'part', valueUri: 'http://hl7.org/fhir/patient.html' }] }] };
    expect(urlErrors(other).map((i) => i.expression)).to.deep.equal(['Patient.extension[0].extension[0].valueUri']);
    const value = { resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/textLink', valueUri: 'http://hl7.org/fhir/patient.html' }] };
    expect(urlErrors(value).filter((i) => /patient\.html/.test(i.message))).to.deep.equal([]);
  });
});
