import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convert, convertToKos } from '../../../src/convert';
import { ConversionInputError } from '../../../src/convert/errors';
import { imagingReferencesToKos } from '../../../src/convert/kos/imaging-reference-to-kos';
import { kosToImagingReferences } from '../../../src/convert/kos/kos-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import { folderResolver } from '../../../src/convert/resolve';
import type { ImagingReference } from '../../../src/convert/resources';
import { generatedResourcesDir } from '../../../src/ig/generated-resources';
import { PROJECT_DIR } from '../../helpers/project';
import { readWithDcmtk } from '../helpers/dcmtk';
import { kosBytes } from '../helpers/kos-fixtures';

const examplesDir = generatedResourcesDir(PROJECT_DIR);
const example = (id: string) => JSON.parse(fs.readFileSync(path.join(examplesDir, `ImagingReference-${id}.json`), 'utf8')) as ImagingReference;
const exampleIds = fs.readdirSync(examplesDir).filter((f) => f.startsWith('ImagingReference-')).map((f) => f.slice('ImagingReference-'.length, -'.json'.length));

function toKos(references: ImagingReference[], options: { allowWidening?: boolean; resolve?: boolean } = {}) {
  const report = new ConversionReport(undefined, undefined, options);
  return { bytes: imagingReferencesToKos(references, report, options.resolve ? folderResolver(examplesDir) : undefined), report };
}
const fromKos = (bytes: Uint8Array) => kosToImagingReferences(bytes, new ConversionReport(undefined, undefined, { allowWidening: true }));
/** What an ImagingReference selects: study, series, instances with their parts. */
const selected = (references: ImagingReference[]) => references.map(({ studyUid, seriesUid, instance }) => ({ studyUid, seriesUid, instance }));

describe('convert: ImagingReference -> DICOM KOS (checked with dcmtk)', () => {
  describe('the key-image-note example, its Patient resolved', () => {
    const source = { ...example('key-image-note'), description: 'Zwei Schlüsselbilder: 山田' };
    const { bytes } = toKos([source], { resolve: true });
    const dcmtk = readWithDcmtk(bytes);

    it('is read by dsrdump and dcm2json without error or warning', () => expect(dcmtk.complaints).to.deep.equal([]));

    it('is a Key Object Selection Document of TID 2010 with its title, description and images', () => {
      expect(dcmtk.tree).to.match(/^Key Object Selection Document/);
      expect(dcmtk.tree).to.include('<CONTAINER:(113000,DCM,"Of Interest")=SEPARATE>');
      expect(dcmtk.tree).to.match(/TID 2010 \(DCMR\)/);
      expect(dcmtk.tree).to.include('<contains TEXT:(113012,DCM,"Key Object Description")="Zwei Schlüsselbilder: 山田">');
      for (const { sopClass, uid } of source.instance!) expect(dcmtk.tree).to.include(`<contains IMAGE:=("${sopClass}","${uid}")>`);
    });

    it('carries the Patient (name, ID, birth date, sex) and the evidence, in UTF-8', () => {
      const value = (tag: string) => dcmtk.json[tag]?.Value?.[0];
      expect(value('00080005')).to.equal('ISO_IR 192');
      expect(value('00100010')).to.deep.equal({ Alphabetic: 'Doe^Jane' });
      expect(value('00100020')).to.equal('MRN-4711');
      expect(value('00100030')).to.equal('19610412');
      expect(value('00100040')).to.equal('F');
      expect(value('0020000D')).to.equal(source.studyUid);
      expect(value('00080023')).to.equal('20261102');
      expect(value('00080033')).to.equal('100231');
      expect(value('00080201')).to.equal('+0100');
    });

    it('gives the document new UIDs', () => {
      const again = readWithDcmtk(toKos([source]).bytes);
      expect(again.json['00080018'].Value![0]).to.match(/^2\.25\.\d+$/).and.not.equal(dcmtk.json['00080018'].Value![0]);
    });
  });

  it('writes frame numbers on IMAGE items (Referenced Frame Number)', () => {
    const dcmtk = readWithDcmtk(toKos([example('multiframe-frames')]).bytes);
    expect(dcmtk.complaints).to.deep.equal([]);
    expect(dcmtk.tree).to.include('<contains IMAGE:=("1.2.840.10008.5.1.4.1.1.2.1","2.25.229317104652418840211873650947013558.1",40,41,42,43,44)>');
  });

  describe('round trips', () => {
    for (const id of exampleIds) {
      it(`IG example ${id}: ImagingReference -> KOS -> ImagingReference selects the same, or is refused with the reason`, () => {
        const source = example(id);
        let written;
        try {
          written = toKos([source]);
        } catch (e) {
          expect(e).to.be.instanceOf(ConversionInputError);
          // The three examples a KOS cannot hold: a whole series, an instance without SOP class, SR content items.
          expect((e as Error).message).to.match(/selects the whole series|has no sopClass|cannot select content items/);
          return;
        }
        expect(readWithDcmtk(written.bytes).complaints).to.deep.equal([]);
        const back = fromKos(written.bytes);
        expect(selected(back)).to.deep.equal(selected([source]));
        expect(back[0].title).to.deep.equal(source.title ?? { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113000', display: 'Of Interest' }] });
        expect(back[0].description).to.equal(source.description);
        expect(back[0].issued).to.equal(source.issued);
      });
    }

    for (const name of ['key-images-two-studies', 'frames-no-timezone', 'duplicates']) {
      it(`KOS test file ${name}: KOS -> ImagingReference -> KOS -> ImagingReference selects the same`, () => {
        const first = fromKos(kosBytes(name));
        const written = toKos(first).bytes;
        expect(readWithDcmtk(written).complaints).to.deep.equal([]);
        const second = fromKos(written);
        expect(selected(second)).to.deep.equal(selected(first));
        expect(second.map((r) => [r.title, r.description, r.subject])).to.deep.equal(first.map((r) => [r.title, r.description, r.subject]));
      });
    }
  });

  it('writes a KOS from an R5 ImagingSelection too (through ImagingReference)', () => {
    const source = example('multiframe-frames');
    const selection = convert([{ name: 'r.json', content: Buffer.from(JSON.stringify(source)) }], 'imagingreference').resources[0];
    const { bytes } = convertToKos([{ name: 's.json', content: Buffer.from(JSON.stringify(selection)) }], 'imagingselection');
    expect(readWithDcmtk(bytes).complaints).to.deep.equal([]);
    expect(selected(fromKos(bytes))).to.deep.equal(selected([source]));
  });

  it('takes a missing SOP class from the resolved ImagingStudy', () => {
    const source = example('report-images');
    const study = { resourceType: 'ImagingStudy', id: 's', series: [{ uid: source.seriesUid, instance: [{ uid: source.instance![1].uid, sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.88.22' } }] }] };
    const report = new ConversionReport();
    const bytes = imagingReferencesToKos([source], report, (ref) => (ref.reference === source.imagingStudy!.reference ? study : undefined));
    expect(fromKos(bytes)[0].instance![1]).to.deep.equal({ sopClass: '1.2.840.10008.5.1.4.1.1.88.22', uid: source.instance![1].uid });
    expect(report.issues.some((i) => i.message.includes('taken from the ImagingStudy'))).to.equal(true);
    expect(readWithDcmtk(bytes).complaints).to.deep.equal([]);
    expect(source.instance![1]).to.not.have.property('sopClass');
  });

  it('writes an empty patient module for an ImagingReference without subject (found by npm run fuzz)', () => {
    const source = example('multiframe-frames') as Partial<ImagingReference>;
    delete source.subject;
    const { bytes, report } = toKos([source as ImagingReference]);
    expect(readWithDcmtk(bytes).complaints).to.deep.equal([]);
    expect(report.issues.some((i) => i.expression === 'ImagingReference.subject')).to.equal(true);
  });

  describe('refuses what a KOS cannot hold', () => {
    it('SR content items (observation UIDs) unless widening is allowed', () => {
      expect(() => toKos([example('ai-sr-observation')])).to.throw(ConversionInputError, /cannot select content items of the SR document.*refused/);
      const { bytes, report } = toKos([example('ai-sr-observation')], { allowWidening: true });
      expect(readWithDcmtk(bytes).complaints).to.deep.equal([]);
      expect(report.issues.some((i) => i.expression === 'ImagingReference[0].instance[0].observationUid')).to.equal(true);
    });
    it('UIDs that are not DICOM UIDs, and frame numbers that are not positive integers', () => {
      expect(() => toKos([{ ...example('key-image-note'), seriesUid: '' }])).to.throw(ConversionInputError, /seriesUid is "", not a DICOM UID/);
      const badClass = example('key-image-note');
      badClass.instance![0].sopClass = '1.4x';
      expect(() => toKos([badClass])).to.throw(ConversionInputError, /instance\[0\]\.sopClass is "1\.4x", not a DICOM UID/);
      const badFrame = example('multiframe-frames');
      badFrame.instance![0].frameNumber = [0];
      expect(() => toKos([badFrame])).to.throw(ConversionInputError, /frameNumber 0 is not a frame number/);
    });
    it('a value too long for its VR (found by npm run fuzz: 30,000 frame numbers)', () => {
      const source = example('multiframe-frames');
      source.instance![0].frameNumber = Array.from({ length: 30000 }, (_, i) => i + 1);
      expect(() => toKos([source])).to.throw(ConversionInputError, /^ReferencedFrameNumber would be \d+ bytes, more than its VR IS can hold in a KOS/);
    });
    it('a whole series', () => expect(() => toKos([example('whole-series-teaching')])).to.throw(ConversionInputError, /selects the whole series/));
    it('(not refused) several titles or issued: the first is kept, and the loss reported', () => {
      const { report } = toKos([example('key-image-note'), example('multiframe-frames')]);
      expect(report.issues.filter((i) => /have different (title|issued)s/.test(i.message)).map((i) => i.expression)).to.deep.equal(['ImagingReference.title', 'ImagingReference.issued']);
    });
    it('references about different patients', () =>
      expect(() => toKos([example('key-image-note'), { ...example('multiframe-frames'), subject: { reference: 'Patient/other' } }])).to.throw(ConversionInputError, /different subjects/));
  });
});

describe('convert: ImagingReference -> DICOM KOS refuses a value its VR cannot hold (PS3.5 6.2)', () => {
  const refused = (source: ImagingReference, resolve = false) => {
    try {
      toKos([source], { resolve });
    } catch (e) {
      expect(e).to.be.instanceOf(ConversionInputError);
      return (e as Error).message;
    }
    return 'converted';
  };
  const base = example('key-image-note');

  it('a title display over the 64 characters of Code Meaning (LO)', () => {
    const title = { ...base.title, coding: [{ ...base.title!.coding![0], display: 'x'.repeat(65) }] };
    expect(refused({ ...base, title })).to.match(/^CodeMeaning \(VR LO\) cannot hold "x{40}…": more than 64 characters/);
    // 64 is fine, and dcmtk reads it without complaint.
    const fits = { ...base.title, coding: [{ ...base.title!.coding![0], display: 'x'.repeat(64) }] };
    expect(readWithDcmtk(toKos([{ ...base, title: fits }]).bytes).complaints).to.deep.equal([]);
  });

  it('a backslash in a single value (it would split it in two) or a control character', () => {
    expect(refused({ ...base, subject: { ...base.subject, identifier: { value: 'MRN\\4711' } } })).to.match(/^PatientID \(VR LO\) cannot hold "MRN\\\\4711": a backslash/);
    expect(refused({ ...base, subject: { ...base.subject, identifier: { value: 'MRN\u00074711' } } })).to.match(/^PatientID \(VR LO\) cannot hold .*: a control character/);
    // The description is UT: free text, line breaks and backslashes included.
    expect(readWithDcmtk(toKos([{ ...base, description: 'line one\r\nC:\\images' }]).bytes).complaints).to.deep.equal([]);
  });

  it('a name whose parts hold the separators of components (^) or component groups (=)', () => {
    expect(refused({ ...base, subject: { display: 'Jane Do^e' } })).to.match(/^PatientName \(VR PN\) cannot hold the display .*: a "\^"/);
    expect(refused({ ...base, subject: { display: 'Jane Doe=Smith' } })).to.match(/^PatientName \(VR PN\) cannot hold .*: a "=", which separates/);
  });
});
