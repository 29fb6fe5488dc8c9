import { expect } from 'chai';
import * as fhirpath from 'fhirpath';
import r5 from 'fhirpath/fhir-context/r5';
import { generated } from '../helpers/project';

type Resource = Record<string, unknown> & { resourceType: string; id?: string };

const params = () => generated().filter((r) => r.resourceType === 'SearchParameter') as Resource[];
const examples = () => generated().filter((r) => r.resourceType === 'ImagingReference') as Resource[];
const param = (code: string) => {
  const found = params().find((p) => p.code === code);
  if (!found) throw new Error(`no SearchParameter ${code}`);
  return found;
};
/** What a parameter's expression finds in one example, by example id. */
const found = (code: string, id: string): unknown[] => fhirpath.evaluate(examples().find((e) => e.id === id), param(code).expression as string, undefined, r5);
/** Each example's id that the expression finds something in. */
const matching = (code: string): string[] => examples().filter((e) => fhirpath.evaluate(e, param(code).expression as string, undefined, r5).length).map((e) => e.id as string).sort();

describe('SearchParameters of ImagingReference (expressions evaluated with fhirpath.js on the examples)', () => {
  it('defines the search parameters of the resource proposal, each on ImagingReference, in the core namespace', () => {
    expect(params().map((p) => p.code).sort()).to.deep.equal(['identifier', 'imaging-study', 'instance-uid', 'issued', 'patient', 'performer', 'series-uid', 'study-uid', 'subject', 'title']);
    for (const p of params()) {
      // R5 has no ImagingReference type for base: Resource, and the extension names the proposed resource.
      expect(p.base, String(p.code)).to.deep.equal(['Resource']);
      expect(p.extension, String(p.code)).to.deep.equal([{ url: 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/search-parameter-base-resource', valueCode: 'ImagingReference' }]);
      expect(p.url).to.equal(`http://hl7.org/fhir/SearchParameter/ImagingReference-${p.code}`);
      expect(p, String(p.code)).to.include({ status: 'draft', version: '0.1.0', processingMode: 'normal' });
    }
  });

  it('every expression parses, starts at ImagingReference and finds something in some example', () => {
    for (const p of params()) {
      expect(p.expression, String(p.code)).to.match(/^ImagingReference\./);
      expect(matching(p.code as string), String(p.code)).to.not.be.empty;
    }
  });

  it('subject and patient find the patient, of every example', () => {
    for (const code of ['subject', 'patient']) {
      expect(matching(code)).to.deep.equal(examples().map((e) => e.id).sort());
      expect(found(code, 'key-image-note')).to.deep.equal([{ reference: 'Patient/patient-jane-doe' }]);
      expect(param(code).target).to.deep.equal(['Patient']);
    }
  });

  it('identifier finds the business identifier of the key image note only', () => {
    expect(matching('identifier')).to.deep.equal(['key-image-note']);
    expect(found('identifier', 'key-image-note')).to.deep.equal([{ system: 'http://pacs.example.org/key-image-notes', value: 'KIN-2026-000417' }]);
    expect(param('identifier').type).to.equal('token');
  });

  it('issued finds the dateTime, as a date parameter', () => {
    expect(found('issued', 'whole-series-teaching')).to.deep.equal(['2026-10-22T08:00:00Z']);
    expect(param('issued').type).to.equal('date');
  });

  it('performer finds humans and machines, each of a declared target type', () => {
    expect(found('performer', 'ai-sr-observation')).to.deep.equal([{ reference: 'Device/device-ai-nodule-detector' }]);
    expect(found('performer', 'whole-series-teaching')).to.deep.equal([{ reference: 'PractitionerRole/practitionerrole-teaching-radiologist' }]);
    expect(matching('performer')).to.not.include('fhircast-volume');
    const targets = param('performer').target as string[];
    for (const e of examples()) for (const ref of found('performer', e.id as string) as { reference: string }[]) expect(targets).to.include(ref.reference.split('/')[0]);
  });

  it('study-uid, series-uid and instance-uid find the DICOM UIDs', () => {
    expect(found('study-uid', 'whole-series-teaching')).to.deep.equal(['1.2.826.0.1.3680043.8.498.10473916548013125']);
    expect(found('series-uid', 'whole-series-teaching')).to.deep.equal(['1.2.826.0.1.3680043.8.498.10473916548013125.3']);
    expect(found('instance-uid', 'key-image-note')).to.deep.equal(['41', '42', '43'].map((n) => `2.25.171046583014950388436207729540151290.${n}`));
    // A whole series selects no instance: instance-uid finds nothing there.
    expect(found('instance-uid', 'whole-series-teaching')).to.deep.equal([]);
    for (const code of ['study-uid', 'series-uid', 'instance-uid']) expect(param(code).type).to.equal('token');
  });

  it('imaging-study finds the ImagingStudy reference; title finds the KOS document title', () => {
    expect(found('imaging-study', 'whole-series-teaching')).to.deep.equal([{ reference: 'ImagingStudy/imagingstudy-mr-knee' }]);
    expect(matching('imaging-study')).to.not.include('fhircast-volume');
    expect(param('imaging-study').target).to.deep.equal(['ImagingStudy']);
    expect((found('title', 'key-image-note')[0] as { coding: { code: string }[] }).coding[0].code).to.equal('113000');
    expect(matching('title')).to.deep.equal(['key-image-note', 'multiframe-frames', 'report-images', 'whole-series-teaching']);
  });
});

describe('ImagingReference: HL7 metadata and its compartment', () => {
  const sd = () => generated().find((r) => r.resourceType === 'StructureDefinition' && r.id === 'ImagingReference') as { extension?: { url: string; [k: string]: unknown }[] };
  const ext = (name: string) => sd().extension?.find((e) => e.url === `http://hl7.org/fhir/StructureDefinition/${name}`);

  it('carries the work group (Imaging Integration), maturity level and standards status', () => {
    expect(ext('structuredefinition-wg')).to.deep.include({ valueCode: 'ii' });
    expect(ext('structuredefinition-fmm')).to.deep.include({ valueInteger: 0 });
    expect(ext('structuredefinition-standards-status')).to.deep.include({ valueCode: 'draft' });
  });

  it('is in the Patient compartment by subject, a search parameter it defines', () => {
    expect(ext('additional-resource-compartment')?.extension).to.deep.equal([
      { url: 'compartment', valueCanonical: 'http://hl7.org/fhir/CompartmentDefinition/patient' },
      { url: 'param', valueString: 'subject' },
    ]);
    expect(params().map((p) => p.code)).to.include('subject');
  });
});
