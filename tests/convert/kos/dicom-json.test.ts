import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { ConversionInputError, convert } from '../../../src/convert';
import { kosFixture, kosFromTemplate } from '../helpers/kos-fixtures';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The DICOM JSON model of a DICOM file as dcmtk's dcm2json writes it (PS3.18 F.2): not our code. */
function dicomJson(file: string): unknown {
  return JSON.parse(execFileSync('dcm2json', [file], { encoding: 'utf8' }));
}
const input = (value: unknown, name = 'metadata.json') => ({ name, content: Buffer.from(JSON.stringify(value)) });
const part10 = (file: string) => ({ name: 'kos.dcm', content: fs.readFileSync(file) });

describe('convert: DICOM JSON (PS3.18 Annex F) KOS -> ImagingReference', () => {
  for (const name of ['key-images-two-studies', 'frames-no-timezone', 'duplicates']) {
    it(`${name}: the same ImagingReferences as from the Part 10 file`, () => {
      const file = kosFixture(name);
      expect(convert([input(dicomJson(file))], 'dicomjson').resources).to.deep.equal(convert([part10(file)], 'kos').resources);
    });
  }

  it('reads names and text in UTF-8, a CJK name family name first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-dicomjson-'));
    const file = path.join(dir, 'kos.dcm');
    fs.writeFileSync(file, kosFromTemplate('text-template', { CHARSET: 'ISO_IR 192', NAME: Buffer.from('Yamada^Tarou=山田^太郎'), DESCRIPTION: Buffer.from('Zwei Schlüsselbilder') }, 'dicomjson-utf8'));
    const [reference] = convert([input(dicomJson(file))], 'dicomjson').resources as { description?: string; subject: { display?: string } }[];
    expect(reference.description).to.equal('Zwei Schlüsselbilder');
    expect(reference.subject.display).to.equal('Yamada Tarou');
    fs.rmSync(dir, { recursive: true });
  });

  it("takes the KOS out of a series' metadata (an array), passing over other instances", () => {
    const kos = dicomJson(kosFixture('key-images-two-studies'));
    const ct = { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] }, '00080018': { vr: 'UI', Value: ['2.25.5'] } };
    const { resources, issues } = convert([input([ct, kos])], 'dicomjson');
    expect(resources).to.have.length(3);
    expect(issues.every((i) => i.message.startsWith('metadata.json [1]: '))).to.equal(true);
    expect(() => convert([input([ct, ct])], 'dicomjson')).to.throw(ConversionInputError, /none of the 2 data sets is a Key Object Selection document/);
  });

  describe('refuses what is not the DICOM JSON model', () => {
    const refuses = (value: unknown, message: RegExp) => expect(() => convert([input(value)], 'dicomjson')).to.throw(ConversionInputError, message);
    it('a FHIR resource', () => refuses({ resourceType: 'ImagingSelection' }, /resourceType: not a tag/));
    it('an attribute without vr', () => refuses({ '00080016': { Value: ['x'] } }, /00080016 is an object, expected an attribute object with a vr/));
    it('a Value that is not an array', () => refuses({ '00080016': { vr: 'UI', Value: 'x' } }, /00080016\.Value is the string "x", expected an array/));
    it('a person name group that is not a string', () => refuses({ '00100010': { vr: 'PN', Value: [{ Alphabetic: 5 }] } }, /00100010\.Value\[0\]\.Alphabetic is the number 5, expected a string/));
    it('a lone data set that is not a KOS', () => refuses({ '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] } }, /not a Key Object Selection document/));
    it('text that is not JSON', () => expect(() => convert([{ name: 'x.json', content: Buffer.from('{') }], 'dicomjson')).to.throw(ConversionInputError, /^x\.json: not JSON/));
  });
});
