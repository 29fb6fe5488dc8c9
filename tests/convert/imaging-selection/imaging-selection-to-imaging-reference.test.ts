import { expect } from 'chai';
import { ConversionInputError } from '../../../src/convert/errors';
import { imagingSelectionToImagingReference } from '../../../src/convert/imaging-selection/imaging-selection-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingSelection } from '../../../src/convert/resources';
import { jsonFixture } from '../helpers/fixtures';
import { validationErrors } from '../helpers/validation';

/** The rich selection widens (a segmentation subset, an image region): allowed unless a test says otherwise. */
function toReference(selection: ImagingSelection, allowWidening = true) {
  const report = new ConversionReport(undefined, undefined, { allowWidening });
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

  it('reports status unknown as lost', () => {
    const selection = rich();
    selection.status = 'unknown';
    expect(issueAt(toReference(selection).report, 'ImagingSelection.status')?.message).to.match(/status unknown/);
    expect(issueAt(toReference(rich()).report, 'ImagingSelection.status')).to.equal(undefined);
  });

  describe('modifiers it cannot carry refuse the conversion', () => {
    it('status entered-in-error', () => {
      const selection = rich();
      selection.status = 'entered-in-error';
      expect(() => toReference(selection)).to.throw(ConversionInputError, /^ImagingSelection\.status is entered-in-error \(a modifier\).*refused$/);
    });
    it('implicitRules', () => {
      const selection = { ...rich(), implicitRules: 'http://example.org/rules' };
      expect(() => toReference(selection)).to.throw(ConversionInputError, /^ImagingSelection\.implicitRules is a modifier that ImagingReference cannot carry: refused/);
    });
    it('a modifierExtension inside an instance', () => {
      const selection = rich();
      selection.instance![0].modifierExtension = [{ url: 'http://example.org/not-really', valueBoolean: true }];
      expect(() => toReference(selection)).to.throw(ConversionInputError, /ImagingSelection\.instance\[0\]\.modifierExtension is a modifier/);
    });
    it('but carries a resource-level modifierExtension (ImagingReference has one)', () => {
      const modifierExtension = [{ url: 'http://example.org/not-really', valueBoolean: true }];
      expect(toReference({ ...rich(), modifierExtension } as ImagingSelection).reference.modifierExtension).to.deep.equal(modifierExtension);
    });
  });

  describe('refuses to widen the selection unless allowed', () => {
    const segmentation = (sopClass: string) => {
      const selection = rich();
      selection.instance = [{ uid: '2.25.9.1', sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${sopClass}` }, subset: ['1', '3'] }];
      return selection;
    };
    for (const [name, uid] of [['Segmentation', '1.2.840.10008.5.1.4.1.1.66.4'], ['Label Map Segmentation', '1.2.840.10008.5.1.4.1.1.66.7'], ['Height Map Segmentation', '1.2.840.10008.5.1.4.1.1.66.8']]) {
      it(`segment numbers of a ${name} (never taken as frames)`, () => {
        expect(() => toReference(segmentation(uid), false)).to.throw(ConversionInputError, /instance\[0\]\.subset: subset of SOP class .* lists segments or ROIs \(1, 3\).*refused \(--allow-widening converts anyway\)$/);
        const { reference, report } = toReference(segmentation(uid), true);
        expect(reference.instance).to.deep.equal([{ uid: '2.25.9.1', sopClass: uid }]);
        expect(issueAt(report, 'ImagingSelection.instance[0].subset')?.message).to.include('--allow-widening');
      });
    }
    it('an image region', () => {
      const selection = rich();
      selection.instance = [selection.instance![3]];
      expect(() => toReference(selection, false)).to.throw(ConversionInputError, /imageRegion2D selects a region/);
    });
    it('subset items that are neither frames nor UIDs', () => {
      const selection = rich();
      selection.instance = [{ uid: '2.25.9.2', subset: ['1', 'x'] }];
      expect(() => toReference(selection, false)).to.throw(ConversionInputError, /neither all frame numbers/);
    });
  });

  describe('duplicates (irf-3: one entry per instance)', () => {
    const selection = rich();
    const frames = (uid: string, ...subset: string[]) => ({ uid, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2.1' }, subset });
    selection.instance = [frames('2.25.9.3', '2', '1', '2'), frames('2.25.9.4'), frames('2.25.9.3', '5', '1'), frames('2.25.9.4', '7')];
    const { reference, report } = toReference(selection, false);

    it('merges instances listed twice, frames unioned, whole outweighing frames', () =>
      expect(reference.instance).to.deep.equal([
        { uid: '2.25.9.3', sopClass: '1.2.840.10008.5.1.4.1.1.2.1', frameNumber: [2, 1, 5] },
        { uid: '2.25.9.4', sopClass: '1.2.840.10008.5.1.4.1.1.2.1' },
      ]));
    it('reports each merge and the duplicate subset item', () => {
      const messages = report.issues.map((i) => i.message);
      expect(messages).to.include('ImagingSelection.instance: instance 2.25.9.3 is listed 2 times: merged into one, parts unioned');
      expect(messages).to.include('ImagingSelection.instance: instance 2.25.9.4 is listed 2 times: merged into one (selected whole)');
      expect(messages).to.include('ImagingSelection.instance[0].subset lists the same item more than once: duplicates removed');
    });
    it('gives an ImagingReference that the project validator accepts', () => expect(validationErrors(reference)).to.deep.equal([]));
  });

  describe('resource-level content', () => {
    const selection = {
      ...rich(),
      meta: { versionId: '3', profile: ['http://example.org/StructureDefinition/my-selection'], security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }], tag: [{ code: 'x' }] },
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Frames 40-42</div>' },
    } as ImagingSelection;
    const { reference, report } = toReference(selection);

    it('carries security labels and tags, drops the version and the profiles of the source type', () => {
      expect(reference.meta).to.deep.equal({ security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }], tag: [{ code: 'x' }] });
      expect(issueAt(report, 'ImagingSelection.meta.profile')?.code).to.equal('not-supported');
      expect(issueAt(report, 'ImagingSelection.meta')).to.equal(undefined);
    });
    it('carries the narrative', () => {
      expect(reference.text).to.deep.equal(selection.text);
      expect(issueAt(report, 'ImagingSelection.text')?.severity).to.equal('information');
    });
    it('drops an identifier that is a DICOM UID (urn:dicom:uid), keeps business identifiers', () => {
      const withUid = { ...rich(), identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:2.25.1' }, { system: 'http://pacs.example.org/selections', value: 'SEL-77' }] };
      const converted = toReference(withUid);
      expect(converted.reference.identifier).to.deep.equal([{ system: 'http://pacs.example.org/selections', value: 'SEL-77' }]);
      expect(issueAt(converted.report, 'ImagingSelection.identifier[0]')?.message).to.match(/is a DICOM UID.*dropped/);
    });
    it('gives an ImagingReference that the project validator accepts', () => expect(validationErrors(reference)).to.deep.equal([]));
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
