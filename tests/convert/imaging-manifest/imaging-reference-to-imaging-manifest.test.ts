import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionInputError } from '../../../src/convert/errors';
import { imagingManifestToImagingReferences } from '../../../src/convert/imaging-manifest/imaging-manifest-to-imaging-reference';
import { imagingReferenceToImagingManifest } from '../../../src/convert/imaging-manifest/imaging-reference-to-imaging-manifest';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingReference } from '../../../src/convert/resources';
import { generatedResourcesDir } from '../../../src/ig/generated-resources';
import { PROJECT_DIR } from '../../helpers/project';

const examplesDir = generatedResourcesDir(PROJECT_DIR);
const example = (id: string) => JSON.parse(fs.readFileSync(path.join(examplesDir, `ImagingReference-${id}.json`), 'utf8')) as ImagingReference;
const exampleIds = fs.readdirSync(examplesDir).filter((f) => f.startsWith('ImagingReference-')).map((f) => f.slice('ImagingReference-'.length, -'.json'.length));
const toManifest = (reference: ImagingReference, allowWidening = false) => {
  const report = new ConversionReport(undefined, undefined, { allowWidening });
  return { manifest: imagingReferenceToImagingManifest(reference, report), report };
};

describe('convert: ImagingReference -> STU3 ImagingManifest', () => {
  it('nests the series in its study with urn:oid: UIDs, and renames subject, issued, performer', () => {
    const source = example('key-image-note');
    const { manifest, report } = toManifest(source);
    expect(manifest).to.deep.include({
      resourceType: 'ImagingManifest',
      id: 'key-image-note',
      patient: source.subject,
      authoringTime: source.issued,
      author: source.performer,
      description: source.description,
    });
    expect(manifest.study).to.deep.equal([
      {
        uid: `urn:oid:${source.studyUid}`,
        imagingStudy: source.imagingStudy,
        endpoint: source.endpoint,
        series: [{ uid: `urn:oid:${source.seriesUid}`, instance: source.instance!.map((i) => ({ sopClass: `urn:oid:${i.sopClass}`, uid: `urn:oid:${i.uid}` })) }],
      },
    ]);
    expect(report.issues.find((i) => i.expression === 'ImagingReference.title')?.code).to.equal('not-supported');
  });

  for (const id of exampleIds) {
    it(`IG example ${id}: ImagingReference -> ImagingManifest -> ImagingReference selects the same, or is refused with the reason`, () => {
      const source = example(id);
      let manifest;
      try {
        manifest = toManifest(source).manifest;
      } catch (e) {
        expect(e).to.be.instanceOf(ConversionInputError);
        expect((e as Error).message).to.match(/whole series|cannot select frames|cannot select content items/);
        return;
      }
      const [back] = imagingManifestToImagingReferences(manifest, new ConversionReport());
      const { studyUid, seriesUid, subject, issued, performer, description } = source;
      expect(back).to.deep.include({ studyUid, seriesUid, subject, ...(issued ? { issued } : {}), ...(performer ? { performer } : {}), ...(description ? { description } : {}) });
      expect(back.instance).to.deep.equal(source.instance);
    });
  }

  it('marks a missing sopClass (1..1 in STU3) data-absent instead of inventing one', () => {
    const { manifest } = toManifest(example('report-images'));
    expect(manifest.study![0].series![0].instance![1]).to.deep.equal({
      _sopClass: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
      uid: 'urn:oid:2.25.171046583014950388436207729540151290.77',
    });
  });

  it('refuses to drop frames unless widening is allowed', () => {
    expect(() => toManifest(example('multiframe-frames'))).to.throw(ConversionInputError, /cannot select frames \(40, 41, 42, 43, 44\).*refused/);
    expect(toManifest(example('multiframe-frames'), true).manifest.study![0].series![0].instance).to.have.length(1);
  });

  it('refuses a modifier it cannot carry', () =>
    expect(() => toManifest({ ...example('key-image-note'), implicitRules: 'http://example.org/rules' } as ImagingReference)).to.throw(ConversionInputError, /implicitRules is a modifier/));
});
