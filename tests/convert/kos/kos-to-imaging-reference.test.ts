import { expect } from 'chai';
import { ConversionInputError } from '../../../src/convert/errors';
import { kosToImagingReferences } from '../../../src/convert/kos/kos-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingReference } from '../../../src/convert/resources';
import { kosBytes } from '../helpers/kos-fixtures';
import { validationErrors } from '../helpers/validation';

const STUDY_A = '2.25.200000000000000000000000000000000001';
const STUDY_B = '2.25.300000000000000000000000000000000002';

function convertKos(bytes: Uint8Array, allowWidening = false): { references: ImagingReference[]; report: ConversionReport } {
  const report = new ConversionReport(undefined, undefined, { allowWidening });
  return { references: kosToImagingReferences(bytes, report), report };
}

function messages(report: ConversionReport): string[] {
  return report.issues.map((i) => i.message);
}

describe('convert: DICOM KOS -> ImagingReference', () => {
  describe('a KOS over two studies, several series, frames and an SR (written by dcmtk)', () => {
    let references: ImagingReference[];
    let report: ConversionReport;
    before(() => ({ references, report } = convertKos(kosBytes('key-images-two-studies'))));

    it('makes one ImagingReference per referenced series, in evidence order', () => {
      expect(references.map((r) => [r.studyUid, r.seriesUid])).to.deep.equal([
        [STUDY_A, `${STUDY_A}.1`],
        [STUDY_A, `${STUDY_A}.2`],
        [STUDY_B, `${STUDY_B}.1`],
      ]);
    });

    it('lists the SOP class and instance UIDs of each series', () => {
      expect(references[0].instance).to.deep.equal([
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: `${STUDY_A}.1.41` },
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: `${STUDY_A}.1.42` },
      ]);
    });

    it('takes frame numbers from the IMAGE content item (Referenced Frame Number)', () => {
      expect(references[1].instance).to.deep.equal([{ sopClass: '1.2.840.10008.5.1.4.1.1.2.1', uid: `${STUDY_A}.2.1`, frameNumber: [40, 41, 42] }]);
    });

    it('references the SR document of the second study as an instance of its SOP class', () => {
      expect(references[2].instance).to.deep.equal([{ sopClass: '1.2.840.10008.5.1.4.1.1.88.33', uid: `${STUDY_B}.1.1` }]);
    });

    it('gives every ImagingReference the document title, description, subject and issued', () => {
      for (const r of references) {
        expect(r.title).to.deep.equal({ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000', display: 'Of Interest' }] });
        expect(r.description).to.equal('Spiculated nodule in the right upper lobe; AI findings in the SR.');
        expect(r.subject).to.deep.equal({ type: 'Patient', identifier: { value: 'PID-0001', assigner: { display: 'HOSP-A' } }, display: 'Jane Doe' });
        expect(r.issued).to.equal('2026-11-02T10:02:31+01:00');
      }
    });

    it('does not share objects between the ImagingReferences it returns', () => {
      expect(references[0].subject).to.not.equal(references[1].subject);
    });

    it('reports what has no counterpart: the KOS SOP Instance UID and the Accession Number', () => {
      const warnings = report.issues.filter((i) => i.severity === 'warning');
      expect(messages(report).some((d) => d.includes('KOS SOP Instance UID 2.25.100000000000000000000000000000000001'))).to.equal(true);
      expect(messages(report).some((d) => d.includes('Accession Number (0008,0050)'))).to.equal(true);
      expect(warnings).to.have.length(2);
    });

    it('gives the three parts one shared identifier, and says so in a note', () => {
      const identifiers = references.map((r) => JSON.stringify(r.identifier));
      expect(new Set(identifiers).size).to.equal(1);
      expect(references[0].identifier![0].value).to.match(/^urn:uuid:/);
      expect(report.issues.filter((i) => i.severity === 'information').map((i) => i.message)).to.have.length(1);
    });

    it('gives ImagingReferences that the project validator accepts', () => {
      for (const r of references) expect(validationErrors(r), r.seriesUid).to.deep.equal([]);
    });

    it('reads the same from implicit VR little endian with undefined lengths', () => {
      expect(convertKos(kosBytes('key-images-two-studies', 'implicit')).references).to.deep.equal(references);
    });

    for (const variant of ['big-endian', 'deflated'] as const) {
      it(`reads the same from ${variant === 'deflated' ? 'deflated explicit VR little endian' : 'explicit VR big endian'}`, () =>
        expect(convertKos(kosBytes('key-images-two-studies', variant)).references).to.deep.equal(references));
    }
  });

  describe('a KOS without a timezone offset, overlapping frame selections and other content', () => {
    let references: ImagingReference[];
    let report: ConversionReport;
    before(() => ({ references, report } = convertKos(kosBytes('frames-no-timezone'))));

    it('keeps only the date of issued, never a time without a zone, and reports the loss', () => {
      expect(references[0].issued).to.equal('2026-10-22');
      const issue = report.issues.find((i) => i.expression === 'ImagingReference.issued');
      expect(issue?.message).to.match(/no Timezone Offset From UTC.*0800 dropped/);
    });

    it('merges the frames of two IMAGE items selecting one instance, and keeps a whole instance whole', () => {
      expect(references).to.have.length(1);
      expect(references[0].instance!.map((i) => i.frameNumber)).to.deep.equal([[7, 8, 9], undefined]);
    });

    it('takes the patient identifier system from the ISO issuer qualifier and formats the name', () => {
      expect(references[0].subject).to.deep.equal({
        type: 'Patient',
        identifier: { system: 'urn:oid:1.2.826.0.1.3680043.8.498.1', value: '7766' },
        display: 'Dr Richard Roe',
      });
    });

    it('has no description when there is no Key Object Description item', () => expect(references[0]).to.not.have.property('description'));

    it('reports the Document Title Modifier and the series Retrieve URL as losses', () => {
      expect(messages(report).some((d) => d.includes('"Document Title Modifier"'))).to.equal(true);
      expect(report.issues.find((i) => i.message.includes('RetrieveURL'))?.expression).to.equal('ImagingReference.endpoint');
    });

    it('gives an ImagingReference that the project validator accepts', () => expect(validationErrors(references[0])).to.deep.equal([]));

    it('does not report an empty Accession Number', () => expect(messages(report).some((d) => d.includes('Accession'))).to.equal(false));
  });

  describe('refuses input that is not a KOS', () => {
    const refuses = (bytes: Uint8Array, message: RegExp) => expect(() => convertKos(bytes)).to.throw(ConversionInputError, message);

    it('a data set without the Part 10 header', () => refuses(kosBytes('key-images-two-studies', 'dataset-only'), /not a DICOM Part 10 file/));
    it('a JSON file', () => refuses(Buffer.from('{"resourceType":"ImagingSelection"}'), /not a DICOM Part 10 file/));
    it('an empty file', () => refuses(new Uint8Array(0), /not a DICOM Part 10 file/));
    it('a Part 10 file of another SOP class (Comprehensive SR)', () => refuses(kosBytes('not-a-kos-sr'), /not a Key Object Selection document: SOP Class UID is 1\.2\.840\.10008\.5\.1\.4\.1\.1\.88\.33/));
    it('a KOS without evidence', () => refuses(kosBytes('no-evidence'), /no Current Requested Procedure Evidence Sequence/));

    for (const variant of ['part10', 'implicit'] as const) {
      it(`a KOS (${variant}) cut short anywhere: every 11th length tried, none converts`, () => {
        const whole = kosBytes('key-images-two-studies', variant);
        const accepted: number[] = [];
        for (let n = 0; n < whole.length; n += 11) {
          try {
            convertKos(whole.subarray(0, n));
            accepted.push(n);
          } catch (e) {
            expect(e).to.be.instanceOf(ConversionInputError);
          }
        }
        expect(accepted).to.deep.equal([]);
      });
    }

    it('a KOS cut just before its content sequence', () => {
      const whole = kosBytes('key-images-two-studies');
      // The Content Sequence (0040,A730) is the last attribute: cut at its tag, explicit VR little endian.
      const at = Buffer.from(whole).lastIndexOf(Buffer.from([0x40, 0x00, 0x30, 0xa7]));
      expect(at).to.be.greaterThan(0);
      refuses(whole.subarray(0, at), /references no instance/);
    });
  });

  describe('a KOS listing its series twice and each instance four times', () => {
    const S = '2.25.400000000000000000000000000000000004';
    let references: ImagingReference[];
    let report: ConversionReport;
    before(() => ({ references, report } = convertKos(kosBytes('duplicates'))));

    it('gives one ImagingReference with one entry per instance, frames kept', () => {
      expect(references).to.have.length(1);
      expect(references[0].instance).to.deep.equal([
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: `${S}.1.1`, frameNumber: [3, 1] },
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: `${S}.1.2` },
      ]);
    });
    it('reports the merges', () => {
      expect(messages(report)).to.include(`evidence series ${S}.1 of study ${S} is listed more than once: merged`);
      expect(messages(report)).to.include(`evidence series ${S}.1: instance ${S}.1.1 is listed 4 times: merged into one, parts unioned`);
    });
    it('gives an ImagingReference that the project validator accepts (irf-3)', () => expect(validationErrors(references[0])).to.deep.equal([]));
  });

  describe('a KOS selecting segments of a Segmentation', () => {
    it('refuses, since the whole instance would be selected', () =>
      expect(() => convertKos(kosBytes('segments'))).to.throw(ConversionInputError, /selects segments 2, 4 of .*refused \(--allow-widening converts anyway\)$/));
    it('converts with --allow-widening, reporting the loss', () => {
      const { references, report } = convertKos(kosBytes('segments'), true);
      expect(references[0].instance).to.deep.equal([{ sopClass: '1.2.840.10008.5.1.4.1.1.66.4', uid: '2.25.400000000000000000000000000000000004.1.1' }]);
      expect(messages(report).some((m) => m.includes('selects segments 2, 4') && m.includes('(--allow-widening)'))).to.equal(true);
    });
  });
});
