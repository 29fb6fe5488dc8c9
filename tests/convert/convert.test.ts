import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConversionInputError, convert, defaultTarget, singleOrCollection } from '../../src/convert';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { CONVERT_FIXTURES } from './helpers/fixtures';
import { kosBytes } from './helpers/kos-fixtures';

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
    expect(resources[1]).to.deep.include({ instance: [{ uid: '2.25.200000000000000000000000000000000001.2.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2.1' }, subset: ['40', '41', '42'] }] });
  });

  it('converts several files into one list, with issues naming their file', () => {
    const { resources, issues } = convert([file('imaging-manifest/one-series.json'), file('imaging-manifest/two-studies.json')], 'imagingmanifest');
    expect(resources).to.have.length(4);
    expect(issues.map((i) => i.diagnostics!.split(':')[0])).to.deep.equal(Array(3).fill('imaging-manifest/two-studies.json'));
  });

  it('reads a Bundle of the source type, naming the entry in its issues', () => {
    const selection = convert([example('key-image-note')], 'imagingreference').resources[0];
    const bundle = singleOrCollection([selection, { ...selection, status: 'unknown' }]);
    const { resources, issues } = convert([json(bundle)], 'imagingselection');
    expect(resources).to.have.length(2);
    expect(issues.map((i) => i.diagnostics)).to.deep.equal(['inline.json entry[1]: status unknown has no counterpart (an ImagingReference has no status): dropped']);
  });

  it('returns one resource alone, several as a collection Bundle', () => {
    expect(singleOrCollection([{ resourceType: 'Patient' }])).to.deep.equal({ resourceType: 'Patient' });
    expect(singleOrCollection([{ resourceType: 'Patient' }, { resourceType: 'Device' }])).to.deep.equal({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Device' } }],
    });
  });

  describe('refuses, naming the file, and converting nothing', () => {
    const refuses = (run: () => unknown, message: RegExp) => expect(run).to.throw(ConversionInputError, message);

    it('a wrong resourceType', () => refuses(() => convert([example('key-image-note')], 'imagingselection'), /^ImagingReference-key-image-note\.json: resourceType is ImagingReference, expected ImagingSelection$/));
    it('a Bundle with an entry of another type', () => refuses(() => convert([json({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }] })], 'imagingselection'), /entry\[0\] is a Patient, expected ImagingSelection/));
    it('a file that is not JSON', () => refuses(() => convert([{ name: 'kos.dcm', content: kosBytes('key-images-two-studies') }], 'imagingmanifest'), /^kos\.dcm: not JSON/));
    it('JSON that is not a resource', () => refuses(() => convert([json([1, 2])], 'imagingmanifest'), /not a FHIR resource/));
    it('a JSON file given as KOS', () => refuses(() => convert([example('key-image-note')], 'kos'), /not a DICOM Part 10 file/));
    it('a bad file after a good one (no partial result)', () => refuses(() => convert([file('imaging-manifest/one-series.json'), json({ resourceType: 'Patient' })], 'imagingmanifest'), /^inline\.json: resourceType is Patient/));
    it('the same source and target', () => refuses(() => convert([example('key-image-note')], 'imagingreference', 'imagingreference'), /nothing to convert/));
  });
});
