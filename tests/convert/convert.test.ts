import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionInputError, convert, defaultTarget, singleOrCollection, validateOutput } from '../../src/convert';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import type { Bundle } from '../../src/convert/resources';
import { PROJECT_DIR } from '../helpers/project';
import { CONVERT_FIXTURES } from './helpers/fixtures';
import { kosBytes } from './helpers/kos-fixtures';
import { projectValidator, validationErrors } from './helpers/validation';

const file = (relative: string) => ({ name: relative, content: fs.readFileSync(path.join(CONVERT_FIXTURES, relative)) });
const example = (id: string) => {
  const name = `ImagingReference-${id}.json`;
  return { name, content: fs.readFileSync(path.join(generatedResourcesDir(PROJECT_DIR), name)) };
};
const json = (value: unknown) => ({ name: 'inline.json', content: Buffer.from(JSON.stringify(value)) });

describe('convert (the API)', () => {
  it('goes to ImagingReference by default, and from ImagingReference to ImagingSelection', () => {
    expect(defaultTarget('kos')).to.equal('imagingreference');
    expect(defaultTarget('imagingreference')).to.equal('imagingselection');
  });

  it('chains a KOS through ImagingReference to ImagingSelection', () => {
    const { resources } = convert([{ name: 'kos.dcm', content: kosBytes('key-images-two-studies') }], 'kos', 'imagingselection');
    expect(resources.map((r) => r.resourceType)).to.deep.equal(['ImagingSelection', 'ImagingSelection', 'ImagingSelection']);
    for (const r of resources) expect(validationErrors(r)).to.deep.equal([]);
    expect(resources[1]).to.deep.include({ instance: [{ uid: '2.25.200000000000000000000000000000000001.2.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2.1' }, subset: ['40', '41', '42'] }] });
  });

  it('converts several files into one list, with issues naming their file', () => {
    const { resources, issues } = convert([file('imaging-manifest/one-series.json'), file('imaging-manifest/two-studies.json')], 'imagingmanifest');
    expect(resources).to.have.length(4);
    expect(issues.map((i) => i.message.split(':')[0])).to.deep.equal(Array(4).fill('imaging-manifest/two-studies.json'));
  });

  it('places issues about a JSON source at their line and column (HL7 validator style)', () => {
    const { issues } = convert([file('imaging-manifest/two-studies.json')], 'imagingmanifest');
    const lines = fs.readFileSync(path.join(CONVERT_FIXTURES, 'imaging-manifest', 'two-studies.json'), 'utf8').split('\n');
    const seriesLine = lines.findIndex((l) => l.includes('"series"'));
    const endpointLine = lines.findIndex((l, i) => i > seriesLine && l.includes('"endpoint"'));
    const issue = issues.find((i) => i.expression === 'ImagingManifest.study[0].series[0].endpoint');
    expect(issue?.position).to.deep.equal({ line: endpointLine + 1, col: lines[endpointLine].indexOf('"endpoint"') + 1 });
  });

  it('reads a Bundle of the source type, naming the entry in its issues', () => {
    const selection = convert([example('key-image-note')], 'imagingreference').resources[0];
    const bundle = singleOrCollection([selection, { ...selection, status: 'unknown' }]);
    const { resources, issues } = convert([json(bundle)], 'imagingselection');
    expect(resources).to.have.length(2);
    expect(issues.map((i) => i.message)).to.deep.equal(['inline.json entry[1]: status unknown has no counterpart (an ImagingReference has no status): dropped']);
  });

  it('returns one resource alone', () => expect(singleOrCollection([{ resourceType: 'Patient' }])).to.deep.equal({ resourceType: 'Patient' }));

  describe('several resources', () => {
    const resources = convert([file('imaging-manifest/two-studies.json')], 'imagingmanifest').resources;
    const bundle = singleOrCollection(resources) as Bundle;
    const entries = bundle.entry!;

    it('go into a collection Bundle, in order', () => {
      expect(bundle).to.include({ resourceType: 'Bundle', type: 'collection' });
      expect(entries.map((e) => e.resource)).to.deep.equal(resources);
    });

    it('each with a distinct urn:uuid fullUrl (bdl-15), the same for the same input', () => {
      const urls = entries.map((e) => e.fullUrl);
      for (const url of urls) expect(url).to.match(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(urls).size).to.equal(urls.length);
      expect(singleOrCollection(resources)).to.deep.equal(bundle);
      expect(singleOrCollection([resources[1], resources[0]])).to.not.deep.equal(bundle);
    });

    it('make a Bundle that the project validator accepts', () => expect(validationErrors(bundle)).to.deep.equal([]));

    it('sum up the references that point outside the collection in one note, not a warning per reference', () => {
      const issues = validateOutput(projectValidator(), bundle);
      expect(issues.filter((i) => i.severity === 'warning' && i.rule === 'ref-bundle')).to.deep.equal([]);
      const note = issues.filter((i) => i.rule === 'ref-bundle');
      expect(note).to.have.length(1);
      expect(note[0]).to.include({ severity: 'information' });
      expect(note[0].message).to.include('Patient/patient-jane-doe');
    });
  });

  describe('refuses, naming the file, and converting nothing', () => {
    const refuses = (run: () => unknown, message: RegExp) => expect(run).to.throw(ConversionInputError, message);

    it('a wrong resourceType', () => refuses(() => convert([example('key-image-note')], 'imagingselection'), /^ImagingReference-key-image-note\.json: resourceType is ImagingReference, expected ImagingSelection$/));
    it('a Bundle with an entry of another type', () => refuses(() => convert([json({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }] })], 'imagingselection'), /entry\[0\] is a Patient, expected ImagingSelection/));
    it('a file that is not JSON', () => refuses(() => convert([{ name: 'kos.dcm', content: kosBytes('key-images-two-studies') }], 'imagingmanifest'), /^kos\.dcm: not JSON/));
    it('JSON cut short, saying where', () => refuses(() => convert([{ name: 'cut.json', content: Buffer.from('{"resourceType": "ImagingSelection",\n "status": ') }], 'imagingselection'), /^cut\.json: not JSON: .*\(line 2, column \d+\)$/));
    it('JSON that is not a resource', () => refuses(() => convert([json([1, 2])], 'imagingmanifest'), /not a FHIR resource/));
    it('a JSON file given as KOS', () => refuses(() => convert([example('key-image-note')], 'kos'), /not a DICOM Part 10 file/));
    it('a bad file after a good one (no partial result)', () => refuses(() => convert([file('imaging-manifest/one-series.json'), json({ resourceType: 'Patient' })], 'imagingmanifest'), /^inline\.json: resourceType is Patient/));
    it('the same source and target', () => refuses(() => convert([example('key-image-note')], 'imagingreference', 'imagingreference'), /nothing to convert/));
  });
});
