import { expect } from 'chai';
import { ConversionInputError } from '../../../src/convert/errors';
import { imagingSelectionToImagingReference } from '../../../src/convert/imaging-selection/imaging-selection-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingSelection } from '../../../src/convert/resources';
import { jsonFixture } from '../helpers/fixtures';
import { validationErrors } from '../helpers/validation';

function toReference(selection: ImagingSelection) {
  const report = new ConversionReport();
  return { reference: imagingSelectionToImagingReference(selection, report), report };
}

const rich = () => jsonFixture<ImagingSelection>('imaging-selection/rich-selection.json');
const issueAt = (report: ConversionReport, expression: string) => report.issues.find((i) => i.expression === expression);

describe('convert: R5 ImagingSelection -> ImagingReference', () => {
  describe('a selection using elements without counterpart', () => {
    const { reference, report } = toReference(rich());

    it('maps code -> title, derivedFrom -> imagingStudy, and copies the shared elements', () => {
      expect(reference).to.deep.include({
        resourceType: 'ImagingReference',
        id: 'selection-rich',
        identifier: [{ system: 'http://pacs.example.org/selections', value: 'SEL-77' }],
        subject: { reference: 'Patient/patient-jane-doe' },
        issued: '2026-11-02T10:04:45+01:00',
        performer: { reference: 'Practitioner/practitioner-radiologist' },
        title: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113036', display: 'Group of Frames for Display' }] },
        studyUid: '2.25.311846519017287463201975431864025417',
        imagingStudy: { reference: 'ImagingStudy/imagingstudy-ct-chest' },
        endpoint: [{ reference: 'Endpoint/endpoint-dicomweb' }],
        seriesUid: '2.25.229317104652418840211873650947013558',
      });
      expect(reference).to.not.have.property('status');
      expect(reference).to.not.have.property('code');
    });

    it('reads sopClass from its urn:oid: Coding, subsets as frames (images) or observation UIDs (SR)', () => {
      expect(reference.instance).to.deep.equal([
        { uid: '2.25.229317104652418840211873650947013558.1', sopClass: '1.2.840.10008.5.1.4.1.1.2.1', frameNumber: [40, 41, 42] },
        { uid: '2.25.229317104652418840211873650947013558.2', sopClass: '1.2.840.10008.5.1.4.1.1.88.34', observationUid: ['2.25.229317104652418840211873650947013558.2.7'] },
        { uid: '2.25.229317104652418840211873650947013558.3', sopClass: '1.2.840.10008.5.1.4.1.1.66.4' },
        { uid: '2.25.229317104652418840211873650947013558.4', sopClass: '1.2.840.10008.5.1.4.1.1.2' },
      ]);
    });

    it('gives an ImagingReference that the project validator accepts', () => expect(validationErrors(reference)).to.deep.equal([]));

    it('reports every element without counterpart as a loss, by its FHIRPath', () => {
      const losses = report.issues.filter((i) => i.code === 'not-supported').flatMap((i) => i.expression);
      expect(losses).to.have.members([
        'ImagingSelection.basedOn',
        'ImagingSelection.seriesNumber',
        'ImagingSelection.frameOfReferenceUid',
        'ImagingSelection.performer[0].function',
        'ImagingSelection.performer[1]',
        'ImagingSelection.derivedFrom[1]',
        'ImagingSelection.instance[0].number',
        'ImagingSelection.instance[0].sopClass.display',
        'ImagingSelection.instance[2].subset',
        'ImagingSelection.instance[3].imageRegion2D',
      ]);
      expect(report.issues.every((i) => i.severity === 'warning')).to.equal(true);
    });
  });

  it('reports a status other than available as lost', () => {
    const selection = rich();
    selection.status = 'entered-in-error';
    expect(issueAt(toReference(selection).report, 'ImagingSelection.status')?.message).to.match(/entered-in-error/);
    expect(issueAt(toReference(rich()).report, 'ImagingSelection.status')).to.equal(undefined);
  });

  it('marks a missing subject data-absent and says so', () => {
    const selection = rich();
    delete selection.subject;
    const { reference, report } = toReference(selection);
    expect(reference.subject).to.deep.equal({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
    expect(issueAt(report, 'ImagingSelection.subject')).to.include({ severity: 'warning', code: 'informational' });
  });

  it('takes a bare UID sopClass, with a warning, and drops one that is no UID', () => {
    const selection = rich();
    selection.instance![0].sopClass = { code: '1.2.840.10008.5.1.4.1.1.2.1' };
    selection.instance![1].sopClass = { system: 'http://example.org', code: 'CT' };
    const { reference, report } = toReference(selection);
    expect(reference.instance![0].sopClass).to.equal('1.2.840.10008.5.1.4.1.1.2.1');
    expect(issueAt(report, 'ImagingSelection.instance[0].sopClass')?.code).to.equal('informational');
    expect(reference.instance![1]).to.not.have.property('sopClass');
    expect(issueAt(report, 'ImagingSelection.instance[1].sopClass')?.code).to.equal('not-supported');
  });

  it('refuses a selection without seriesUid (whole study) or studyUid', () => {
    const noSeries = rich();
    delete noSeries.seriesUid;
    expect(() => toReference(noSeries)).to.throw(ConversionInputError, /no seriesUid/);
    const noStudy = rich();
    delete noStudy.studyUid;
    expect(() => toReference(noStudy)).to.throw(ConversionInputError, /no studyUid/);
  });
});
