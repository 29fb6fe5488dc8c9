import { expect } from 'chai';
import { ConversionInputError } from '../../../src/convert/errors';
import { imagingManifestToImagingReferences } from '../../../src/convert/imaging-manifest/imaging-manifest-to-imaging-reference';
import { ConversionReport } from '../../../src/convert/outcome';
import type { ImagingManifest } from '../../../src/convert/resources';
import { jsonFixture } from '../helpers/fixtures';
import { validationErrors } from '../helpers/validation';

function convertManifest(manifest: ImagingManifest) {
  const report = new ConversionReport();
  return { references: imagingManifestToImagingReferences(manifest, report), report };
}

const expressions = (report: ConversionReport) => report.issues.flatMap((i) => i.expression ?? []);

describe('convert: STU3 ImagingManifest -> ImagingReference', () => {
  describe('a manifest over two studies and three series', () => {
    const { references, report } = convertManifest(jsonFixture('imaging-manifest/two-studies.json'));

    it('flattens study and series into one ImagingReference per series, with urn:oid: stripped', () => {
      expect(references.map((r) => [r.id, r.studyUid, r.seriesUid])).to.deep.equal([
        ['manifest-ct-chest-1', '2.25.200000000000000000000000000000000001', '2.25.200000000000000000000000000000000001.1'],
        ['manifest-ct-chest-2', '2.25.200000000000000000000000000000000001', '2.25.200000000000000000000000000000000001.2'],
        ['manifest-ct-chest-3', '2.25.300000000000000000000000000000000002', '2.25.300000000000000000000000000000000002.1'],
      ]);
      expect(references[0].instance).to.deep.equal([
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: '2.25.200000000000000000000000000000000001.1.41' },
        { sopClass: '1.2.840.10008.5.1.4.1.1.2', uid: '2.25.200000000000000000000000000000000001.1.42' },
      ]);
    });

    it('renames patient -> subject, authoringTime -> issued, author -> performer, keeps description', () => {
      const first = references[0];
      expect(first.subject).to.deep.equal({ reference: 'Patient/patient-jane-doe' });
      expect(first.issued).to.equal('2026-11-02T10:02:31+01:00');
      expect(first.performer).to.deep.equal({ reference: 'Practitioner/practitioner-radiologist' });
      expect(first.description).to.equal('Spiculated nodule in the right upper lobe; AI findings in the SR.');
      for (const old of ['patient', 'authoringTime', 'author', 'study', 'series']) expect(first).to.not.have.property(old);
    });

    it('keeps study-level imagingStudy and endpoint with the series of that study only', () => {
      expect(references.map((r) => r.imagingStudy?.reference)).to.deep.equal(['ImagingStudy/imagingstudy-ct-chest', 'ImagingStudy/imagingstudy-ct-chest', undefined]);
      expect(references.map((r) => r.endpoint?.length ?? 0)).to.deep.equal([1, 1, 0]);
    });

    it('gives ImagingReferences that the project validator accepts', () => {
      for (const r of references) expect(validationErrors(r), r.id).to.deep.equal([]);
    });

    it('drops the series endpoint with a warning', () => {
      expect(JSON.stringify(references)).to.not.include('endpoint-wado-series-1');
      const issue = report.issues.find((i) => i.expression === 'ImagingManifest.study[0].series[0].endpoint');
      expect(issue).to.include({ severity: 'warning', code: 'not-supported' });
    });

    it('drops the KOS SOP Instance UID identifier, carries the narrative, reporting both', () => {
      expect(expressions(report)).to.include.members(['ImagingManifest.identifier', 'ImagingManifest.text']);
      expect(report.issues.find((i) => i.expression === 'ImagingManifest.text')?.severity).to.equal('information');
      expect(report.issues).to.have.length(4);
    });

    it('gives the parts one shared identifier (not a DICOM UID), the same for the same manifest', () => {
      const shared = references.map((r) => r.identifier);
      expect(shared[0]).to.have.length(1);
      expect(shared[0]![0]).to.deep.include({ use: 'secondary', system: 'urn:ietf:rfc:3986' });
      expect(shared[0]![0].value).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
      for (const s of shared) expect(s).to.deep.equal(shared[0]);
      expect(convertManifest(jsonFixture('imaging-manifest/two-studies.json')).references[0].identifier).to.deep.equal(shared[0]);
      expect(report.issues.some((i) => i.message.includes('they share identifier'))).to.equal(true);
    });
  });

  describe('a manifest of one series', () => {
    const { references, report } = convertManifest(jsonFixture('imaging-manifest/one-series.json'));

    it('keeps the id and a business identifier', () => {
      expect(references).to.have.length(1);
      expect(references[0].id).to.equal('manifest-knee-teaching');
      expect(references[0].identifier).to.deep.equal([{ system: 'http://pacs.example.org/manifests', value: 'MAN-2026-0042' }]);
      expect(report.issues).to.deep.equal([]);
      expect(validationErrors(references[0])).to.deep.equal([]);
    });
  });

  it('drops a business identifier when the manifest splits, since it would name several resources', () => {
    const manifest = jsonFixture<ImagingManifest>('imaging-manifest/two-studies.json');
    manifest.identifier = { system: 'http://pacs.example.org/manifests', value: 'MAN-1' };
    const { references, report } = convertManifest(manifest);
    expect(references.every((r) => r.identifier?.length === 1 && r.identifier[0].value !== 'MAN-1')).to.equal(true);
    expect(report.issues.find((i) => i.expression === 'ImagingManifest.identifier')?.message).to.match(/spans 3 series/);
  });

  it('takes a UID without urn:oid: as it is, and says so', () => {
    const manifest = jsonFixture<ImagingManifest>('imaging-manifest/one-series.json');
    manifest.study![0].uid = '1.2.826.0.1.3680043.8.498.10473916548013125';
    const { references, report } = convertManifest(manifest);
    expect(references[0].studyUid).to.equal('1.2.826.0.1.3680043.8.498.10473916548013125');
    expect(expressions(report)).to.deep.equal(['ImagingManifest.study[0].uid']);
  });

  it('refuses a manifest without study, series, instance or patient', () => {
    const without = (change: (m: ImagingManifest) => void) => {
      const manifest = jsonFixture<ImagingManifest>('imaging-manifest/one-series.json');
      change(manifest);
      return () => convertManifest(manifest);
    };
    expect(without((m) => delete m.study)).to.throw(ConversionInputError, /no study/);
    expect(without((m) => (m.study![0].series = []))).to.throw(ConversionInputError, /study\[0\] has no series/);
    expect(without((m) => (m.study![0].series![0].instance = []))).to.throw(ConversionInputError, /series\[0\] has no instance/);
    expect(without((m) => delete m.patient)).to.throw(ConversionInputError, /no patient/);
  });

  describe('real-world content', () => {
    const oneSeries = () => jsonFixture<ImagingManifest>('imaging-manifest/one-series.json');

    it('refuses a modifierExtension (a modifier that ImagingReference cannot carry across versions)', () => {
      const manifest = { ...oneSeries(), modifierExtension: [{ url: 'http://example.org/not-really', valueBoolean: true }] };
      expect(() => convertManifest(manifest)).to.throw(ConversionInputError, /^ImagingManifest\.modifierExtension is a modifier that ImagingReference cannot carry: refused/);
    });

    it('merges an instance listed twice and reports it', () => {
      const manifest = oneSeries();
      const series = manifest.study![0].series![0];
      series.instance = [series.instance![0], { ...series.instance![0] }];
      const { references, report } = convertManifest(manifest);
      expect(references[0].instance).to.have.length(1);
      expect(report.issues.map((i) => i.message).some((m) => /is listed 2 times: merged/.test(m))).to.equal(true);
      expect(validationErrors(references[0])).to.deep.equal([]);
    });

    it('merges a series listed twice in its study into one ImagingReference', () => {
      const manifest = oneSeries();
      const study = manifest.study![0];
      study.series = [study.series![0], { uid: study.series![0].uid, instance: [{ sopClass: 'urn:oid:1.2.840.10008.5.1.4.1.1.4', uid: 'urn:oid:2.25.77' }] }];
      const { references, report } = convertManifest(manifest);
      expect(references).to.have.length(1);
      expect(references[0].id).to.equal('manifest-knee-teaching');
      expect(references[0].instance!.map((i) => i.uid)).to.deep.equal(['1.2.826.0.1.3680043.8.498.10473916548013125.3.12', '2.25.77']);
      expect(report.issues.some((i) => i.expression === 'ImagingManifest.study[0].series[1]' && /listed more than once: merged/.test(i.message))).to.equal(true);
    });

    it('carries meta security labels, text and contained resources, so #references still resolve (ref-1)', () => {
      const manifest = {
        ...oneSeries(),
        meta: { lastUpdated: '2026-10-22T08:00:00Z', security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Knee teaching file</div>' },
        contained: [{ resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe' }] }],
        patient: { reference: '#p1' },
      } as ImagingManifest;
      const { references, report } = convertManifest(manifest);
      expect(references[0].meta).to.deep.equal({ security: manifest.meta!.security });
      expect(references[0].text).to.deep.equal(manifest.text);
      expect(references[0].contained).to.deep.equal(manifest.contained);
      expect(references[0].subject).to.deep.equal({ reference: '#p1' });
      expect(expressions(report)).to.include('ImagingManifest.meta.lastUpdated');
      expect(expressions(report)).to.not.include('ImagingManifest.contained.0');
      expect(validationErrors(references[0])).to.deep.equal([]);
    });

    it('gives each part the contained resources it refers to, directly or through another, and drops those nobody refers to (dom-3)', () => {
      const manifest = jsonFixture<ImagingManifest>('imaging-manifest/two-studies.json');
      manifest.patient = { reference: '#p' };
      manifest.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">See <a href="#note">the note</a></div>' };
      manifest.study![0].imagingStudy = { reference: '#s1' };
      manifest.study![1].imagingStudy = { reference: '#s2' };
      manifest.contained = [
        { resourceType: 'Patient', id: 'p' },
        { resourceType: 'ImagingStudy', id: 's1', status: 'available', subject: { reference: '#p' }, referrer: { reference: '#ref' } },
        { resourceType: 'ImagingStudy', id: 's2', status: 'available', subject: { reference: '#p' } },
        { resourceType: 'Practitioner', id: 'ref' },
        { resourceType: 'Basic', id: 'note' },
        { resourceType: 'Organization', id: 'nobody' },
        { resourceType: 'Provenance', id: 'to-container', target: [{ reference: '#' }] },
      ];
      const { references, report } = convertManifest(manifest);
      const ids = references.map((r) => (r.contained as { id: string }[]).map((c) => c.id));
      expect(ids).to.deep.equal([
        ['p', 's1', 'ref', 'note', 'to-container'],
        ['p', 's1', 'ref', 'note', 'to-container'],
        ['p', 's2', 'note', 'to-container'],
      ]);
      const dropped = report.issues.filter((i) => i.message.includes('no part of the output refers to this contained resource'));
      expect(dropped.map((i) => i.expression)).to.deep.equal(['ImagingManifest.contained[5]']);
    });
  });
});
