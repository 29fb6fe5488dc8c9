import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CoreTypes } from '../../src/site/core-types';
import { FhirXmlError, FhirXmlSerializer } from '../../src/site/render/fhir-xml';
import { OUTPUT_DIR } from '../helpers/site';
import { generatedById } from '../helpers/project';

describe('FHIR XML (FhirXmlSerializer)', () => {
  let xml: FhirXmlSerializer;
  before(() => {
    xml = new FhirXmlSerializer(CoreTypes.forProject(), [generatedById('StructureDefinition', 'ImagingReference')]);
  });

  it('writes the resource type as the root element in the FHIR namespace, primitives as value attributes', () => {
    const out = xml.toXml({ resourceType: 'Patient', id: 'p1', active: true, name: [{ family: 'Doe & Co <x>' }] });
    expect(out).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Patient xmlns="http:\/\/hl7.org\/fhir">/);
    expect(out).to.contain('<id value="p1"/>');
    expect(out).to.contain('<active value="true"/>');
    expect(out).to.contain('<family value="Doe &amp; Co &lt;x&gt;"/>');
  });

  it('writes primitive extensions and ids (_element) inside the primitive element', () => {
    const out = xml.toXml({ resourceType: 'Patient', birthDate: '2000-01-01', _birthDate: { id: 'b', extension: [{ url: 'http://example.org/x', valueString: 'y' }] } });
    expect(out.replace(/\s+/g, ' ')).to.contain('<birthDate id="b" value="2000-01-01"> <extension url="http://example.org/x"> <valueString value="y"/> </extension> </birthDate>');
  });

  it('keeps the narrative xhtml div as it is (no indentation added to its mixed content)', () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml"><p>Jane <b>Doe</b> &amp; co</p></div>';
    const out = xml.toXml({ resourceType: 'Patient', text: { status: 'generated', div } });
    expect(out).to.contain(div);
  });

  it('orders ImagingReference elements as its definition does, whatever the JSON order', () => {
    const out = xml.toXml({ resourceType: 'ImagingReference', seriesUid: '1.2.4', instance: [{ uid: '1.2.4.1', sopClass: '1.2.840.10008.5.1.4.1.1.2' }], studyUid: '1.2.3', subject: { reference: 'Patient/p' } });
    const order = [...out.matchAll(/^\s*<(\w+)/gm)].map((m) => m[1]);
    expect(order).to.deep.equal(['ImagingReference', 'subject', 'reference', 'studyUid', 'seriesUid', 'instance', 'sopClass', 'uid']);
  });

  it('writes contained resources inside <contained>, under their own type name', () => {
    const out = xml.toXml({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, contained: [{ resourceType: 'Patient', id: 'p', active: true }], subject: { reference: '#p' } });
    expect(out.replace(/\s+/g, ' ')).to.contain('<contained> <Patient> <id value="p"/> <active value="true"/> </Patient> </contained>');
  });

  it('fails with a named error on a resource type it does not know', () => {
    expect(() => xml.toXml({ resourceType: 'NoSuchType' })).to.throw(FhirXmlError, /NoSuchType/);
  });

  it('the site offers each example as XML beside its page', () => {
    const file = path.join(OUTPUT_DIR, 'ImagingReference-key-image-note.xml');
    expect(fs.readFileSync(file, 'utf8')).to.contain('<studyUid value="2.25.311846519017287463201975431864025417"/>');
  });

  it('refuses a narrative that is not XML (a malformed comment) with a one-line FhirXmlError', () => {
    const bad = { resourceType: 'Patient', id: 'p', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><!-- a -- b --> x</div>' } };
    expect(() => xml.toXml(bad)).to.throw(FhirXmlError).with.property('message').that.matches(/^cannot write Patient\/p as XML: [^\n]*[Mm]alformed comment[^\n]*$/);
  });
});
