import { expect } from 'chai';
import { imagingReferenceToImagingSelection } from '../../../src/convert/imaging-selection/imaging-reference-to-imaging-selection';
import { imagingSelectionToImagingReference } from '../../../src/convert/imaging-selection/imaging-selection-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingReference, ImagingSelection } from '../../../src/convert/resources';
import { generated } from '../../helpers/project';
import { validationErrors } from '../helpers/validation';

describe('convert: round trip ImagingReference -> ImagingSelection -> ImagingReference', () => {
  const examples = generated().filter((r) => r.resourceType === 'ImagingReference') as ImagingReference[];

  it('has the IG examples to try', () => expect(examples).to.have.length.of.at.least(6));

  for (const example of examples) {
    describe(example.id!, () => {
      const there = new ConversionReport();
      const back = new ConversionReport();
      const original = structuredClone(example);
      // The build's generated narrative (text.status generated) is derived from the data, and not carried over.
      const { text, ...withoutGenerated } = original;
      const expected = (text as { status?: string } | undefined)?.status === 'generated' ? withoutGenerated : original;
      const selection = imagingReferenceToImagingSelection(example, there);
      const again = imagingSelectionToImagingReference(structuredClone(selection), back);

      it('comes back identical', () => expect(again).to.deep.equal(expected));
      it('does not change its input', () => expect(example).to.deep.equal(original));
      // Only the generated narrative is dropped (reported), nothing else.
      const generatedText = (i: { expression?: string }) => expected !== original && i.expression === 'ImagingReference.text';
      it('reports no loss either way', () => expect([...there.issues, ...back.issues].filter((i) => i.code === 'not-supported' && !generatedText(i))).to.deep.equal([]));
      it('gives an ImagingSelection that the project validator accepts', () => expect(validationErrors(selection)).to.deep.equal([]));
      it('is an ImagingSelection with status, code, studyUid and seriesUid', () => {
        expect(selection.resourceType).to.equal('ImagingSelection');
        expect(selection.status).to.equal('available');
        expect(selection.code).to.be.an('object');
        expect([selection.studyUid, selection.seriesUid]).to.deep.equal([example.studyUid, example.seriesUid]);
        expect(selection).to.not.have.any.keys('title', 'imagingStudy', 'description');
      });
    });
  }
});

describe('convert: ImagingReference -> R5 ImagingSelection', () => {
  const base = (): ImagingReference => ({
    resourceType: 'ImagingReference',
    subject: { reference: 'Patient/p' },
    studyUid: '1.2.3',
    seriesUid: '1.2.3.4',
  });
  const convertOne = (reference: ImagingReference) => {
    const report = new ConversionReport();
    return { selection: imagingReferenceToImagingSelection(reference, report), report };
  };

  it('codes sopClass as a urn:oid: URI, frames and observation UIDs as subset strings', () => {
    const { selection } = convertOne({
      ...base(),
      instance: [
        { sopClass: '1.2.840.10008.5.1.4.1.1.2.1', uid: '1.2.3.4.1', frameNumber: [4, 5] },
        { sopClass: '1.2.840.10008.5.1.4.1.1.88.34', uid: '1.2.3.4.2', observationUid: ['1.2.3.4.2.9'] },
      ],
    });
    expect(selection.instance).to.deep.equal([
      { uid: '1.2.3.4.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2.1' }, subset: ['4', '5'] },
      { uid: '1.2.3.4.2', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.88.34' }, subset: ['1.2.3.4.2.9'] },
    ]);
  });

  it('marks a missing title data-absent in the required code, and reads it back as no title', () => {
    const { selection } = convertOne(base());
    expect(selection.code).to.deep.equal({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
    expect(validationErrors(selection)).to.deep.equal([]);
    expect(imagingSelectionToImagingReference(selection, new ConversionReport())).to.not.have.property('title');
  });

  it('carries description in the STU3 ImagingManifest.description cross-version extension', () => {
    const { selection, report } = convertOne({ ...base(), description: 'key images' });
    expect(selection.extension).to.deep.equal([{ url: 'http://hl7.org/fhir/3.0/StructureDefinition/extension-ImagingManifest.description', valueString: 'key images' }]);
    expect(report.issues.map((i) => i.severity)).to.deep.equal(['information']);
  });

  it('drops an issued that is not an instant (ImagingSelection.issued is one) and reports it', () => {
    const { selection, report } = convertOne({ ...base(), issued: '2026-10-22' });
    expect(selection).to.not.have.property('issued');
    expect(report.issues.find((i) => i.expression === 'ImagingReference.issued')?.code).to.equal('not-supported');
  });

  it('reports an element it does not know (meta) as a loss', () => {
    const { selection, report } = convertOne({ ...base(), meta: { profile: ['http://example.org/p'] } });
    expect(selection).to.not.have.property('meta');
    expect(report.issues.map((i) => i.expression)).to.deep.equal(['ImagingReference.meta']);
  });
});
