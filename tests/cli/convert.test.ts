import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { CONVERT_FIXTURES } from '../convert/helpers/fixtures';
import { kosFixture } from '../convert/helpers/kos-fixtures';
import type { OperationOutcome } from '../../src/validator';
import { runImgref } from '../helpers/cli';
import { readWithDcmtk } from '../convert/helpers/dcmtk';

const imgref = (...args: string[]) => runImgref(args);

const example = (id: string) => path.join(generatedResourcesDir(PROJECT_DIR), `ImagingReference-${id}.json`);

describe('imgref convert', () => {
  it('writes one resource to stdout, and nothing to stderr when nothing is lost (and validation is off)', () => {
    const run = imgref('convert', '--from', 'imagingmanifest', '--no-validate', path.join(CONVERT_FIXTURES, 'imaging-manifest', 'one-series.json'));
    expect(run.status).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ resourceType: 'ImagingReference', id: 'manifest-knee-teaching' });
    expect(run.stderr).to.equal('');
  });

  it('writes a collection Bundle for a KOS over several series, and the losses as an OperationOutcome on stderr', () => {
    const run = imgref('convert', '--from', 'kos', kosFixture('key-images-two-studies'));
    expect(run.status).to.equal(0);
    const bundle = JSON.parse(run.stdout);
    expect(bundle).to.include({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).to.deep.equal(Array(3).fill('ImagingReference'));
    const outcome = JSON.parse(run.stderr) as OperationOutcome;
    expect(outcome.resourceType).to.equal('OperationOutcome');
    const losses = outcome.issue.filter((i) => i.code === 'not-supported');
    expect(losses.map((i) => i.severity)).to.deep.equal(['warning', 'warning']);
    expect(losses.map((i) => i.details.text)).to.satisfy((texts: string[]) => texts.every((t) => t.startsWith(kosFixture('key-images-two-studies'))));
  });

  it('keeps dcmjs quiet: a KOS with an unknown value representation gives JSON on stdout and an OperationOutcome alone on stderr', () => {
    const bytes = fs.readFileSync(kosFixture('key-images-two-studies'));
    const at = bytes.indexOf(Buffer.from([0x10, 0x00, 0x10, 0x00, 0x50, 0x4e])); // (0010,0010) PN
    bytes.write('AI', at + 4, 'latin1');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-kos-')), 'vr.dcm');
    fs.writeFileSync(file, bytes);
    const run = imgref('convert', '--from', 'kos', file);
    expect(run.stderr).to.not.include('Invalid vr type');
    if (run.status === 2) expect(run.stderr.trim().split('\n')).to.have.length(1);
    else expect((JSON.parse(run.stderr) as OperationOutcome).resourceType).to.equal('OperationOutcome');
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('refuses to widen a selection (exit 2, one line, nothing on stdout) unless --allow-widening', () => {
    const refused = imgref('convert', '--from', 'kos', '--no-validate', kosFixture('segments'));
    expect(refused.status).to.equal(2);
    expect(refused.stdout).to.equal('');
    expect(refused.stderr.trim().split('\n')).to.have.length(1);
    expect(refused.stderr).to.include('--allow-widening');
    const allowed = imgref('convert', '--from', 'kos', '--allow-widening', kosFixture('segments'));
    expect(allowed.status).to.equal(0);
    expect(JSON.parse(allowed.stdout)).to.include({ resourceType: 'ImagingReference' });
  });

  it('refuses an entered-in-error ImagingSelection (exit 2, one line)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-eie-'));
    const file = path.join(dir, 'eie.json');
    const selection = JSON.parse(fs.readFileSync(path.join(CONVERT_FIXTURES, 'imaging-selection', 'rich-selection.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...selection, status: 'entered-in-error' }));
    const run = imgref('convert', '--from', 'imagingselection', file);
    expect(run.status).to.equal(2);
    expect(run.stdout).to.equal('');
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.include('entered-in-error');
    fs.rmSync(dir, { recursive: true });
  });

  it('writes an STU3 ImagingManifest with --to imagingmanifest, saying it is not validated', () => {
    const run = imgref('convert', '--from', 'imagingreference', '--to', 'imagingmanifest', example('key-image-note'));
    expect(run.status).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ resourceType: 'ImagingManifest' });
    expect((JSON.parse(run.stderr) as OperationOutcome).issue.map((i) => i.details.text)).to.include('output: an STU3 ImagingManifest is not validated (the validator knows FHIR R5)');
  });

  it('writes FHIR XML with --format xml (or an --output ending in .xml), and reads it back', () => {
    const run = imgref('convert', '--from', 'imagingreference', '--format', 'xml', '--no-validate', example('key-image-note'));
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/<ImagingSelection xmlns="http:\/\/hl7.org\/fhir">/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-xml-'));
    const xml = path.join(dir, 'selection.xml');
    fs.writeFileSync(xml, run.stdout);
    const back = imgref('convert', '--from', 'imagingselection', '--output', path.join(dir, 'back.xml'), xml);
    expect(back.status, back.stderr).to.equal(0);
    expect(fs.readFileSync(path.join(dir, 'back.xml'), 'utf8')).to.match(/<ImagingReference xmlns="http:\/\/hl7.org\/fhir">/);
    fs.rmSync(dir, { recursive: true });
  });

  describe('--to kos', () => {
    it('needs --output (a DICOM file is not written to the terminal)', () => {
      const run = imgref('convert', '--from', 'imagingreference', '--to', 'kos', example('key-image-note'));
      expect(run.status).to.equal(2);
      expect(run.stderr.trim()).to.match(/--output FILE\.dcm/);
    });

    it('writes a KOS that dcmtk reads, the Patient resolved from --resolve, losses on stderr', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-kos-out-'));
      const out = path.join(dir, 'kos.dcm');
      const run = imgref('convert', '--from', 'imagingreference', '--to', 'kos', '--output', out, '--resolve', generatedResourcesDir(PROJECT_DIR), example('key-image-note'));
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.equal('');
      expect((JSON.parse(run.stderr) as OperationOutcome).issue.some((i) => i.details.text.includes('performer has no counterpart in a KOS'))).to.equal(true);
      const reading = readWithDcmtk(fs.readFileSync(out));
      expect(reading.complaints).to.deep.equal([]);
      expect(reading.json['00100020'].Value).to.deep.equal(['MRN-4711']);
      fs.rmSync(dir, { recursive: true });
    });
  });

  describe('validation of the output, a step after the conversion', () => {
    const invalid = path.join(CONVERT_FIXTURES, 'imaging-selection', 'group-subject-bad-uid.json');

    it('reports the validator findings on stderr, prefixed "output:", and exits 1 on an error', () => {
      const run = imgref('convert', '--from', 'imagingselection', invalid);
      expect(run.status).to.equal(1);
      expect(JSON.parse(run.stdout)).to.include({ resourceType: 'ImagingReference' });
      const errors = (JSON.parse(run.stderr) as OperationOutcome).issue.filter((i) => i.severity === 'error');
      expect(errors.map((i) => [i.expression?.[0], i.details.text.slice(0, 13)])).to.have.deep.members([
        ['ImagingReference.subject.reference', 'output: a ref'],
        ['ImagingReference.instance[0].uid', 'output: irf-1'],
      ]);
    });

    it('is skipped with --no-validate: same output, exit 0, only the conversion warnings', () => {
      const run = imgref('convert', '--from', 'imagingselection', '--no-validate', invalid);
      expect(run.status).to.equal(0);
      expect(JSON.parse(run.stdout)).to.deep.equal(JSON.parse(imgref('convert', '--from', 'imagingselection', invalid).stdout));
      const texts = (JSON.parse(run.stderr) as OperationOutcome).issue.map((i) => i.details.text);
      expect(texts).to.have.length(1);
      expect(texts[0]).to.match(/subject refers to a Group/);
    });

    it('passes the converted KOS (exit 0, no error)', () => {
      const run = imgref('convert', '--from', 'kos', kosFixture('key-images-two-studies'));
      expect(run.status).to.equal(0);
      const outcome = JSON.parse(run.stderr) as OperationOutcome;
      expect(outcome.issue.some((i) => i.details.text.startsWith('output: '))).to.equal(true);
      expect(outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')).to.deep.equal([]);
    });
  });

  it('converts ImagingReference to ImagingSelection and back (--to)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-convert-'));
    try {
      const there = imgref('convert', '--from', 'imagingreference', example('key-image-note'));
      expect(there.status).to.equal(0);
      fs.writeFileSync(path.join(dir, 'selection.json'), there.stdout);
      const back = imgref('convert', '--from', 'imagingselection', '--to', 'imagingreference', path.join(dir, 'selection.json'));
      expect(back.status).to.equal(0);
      // All but the build's generated narrative, which is derived from the data and not carried over.
      const { text, ...original } = JSON.parse(fs.readFileSync(example('key-image-note'), 'utf8'));
      expect(text.status).to.equal('generated');
      expect(JSON.parse(back.stdout)).to.deep.equal(original);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const refused = (args: string[], message: RegExp) => {
      const run = imgref('convert', ...args);
      expect(run.status).to.equal(2);
      expect(run.stdout).to.equal('');
      expect(run.stderr.trim().split('\n')).to.have.length(1);
      expect(run.stderr).to.match(message);
    };

    it('a wrong resourceType', () => refused(['--from', 'imagingselection', example('key-image-note')], /^imgref: .*ImagingReference-key-image-note\.json: resourceType is ImagingReference, expected ImagingSelection$/m));
    it('not a Part 10 file', () => refused(['--from', 'kos', kosFixture('key-images-two-studies', 'dataset-only')], /not a DICOM Part 10 file/));
    it('not a KOS', () => refused(['--from', 'kos', kosFixture('not-a-kos-sr')], /not a Key Object Selection document/));
    it('a good file and a bad one', () => refused(['--from', 'kos', kosFixture('key-images-two-studies'), kosFixture('not-a-kos-sr')], /not-a-kos-sr\.part10\.dcm: not a Key Object Selection/));
    it('a missing file', () => refused(['--from', 'kos', path.join(CONVERT_FIXTURES, 'no-such-file.dcm')], /cannot read .*no-such-file\.dcm: ENOENT/));
    it('the same --from and --to', () => refused(['--from', 'imagingselection', '--to', 'imagingselection', example('key-image-note')], /nothing to convert/));
  });

  it('refuses a truncated KOS (exit 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-convert-'));
    try {
      const whole = fs.readFileSync(kosFixture('key-images-two-studies'));
      const cut = path.join(dir, 'cut.dcm');
      fs.writeFileSync(cut, whole.subarray(0, whole.length - 40));
      const run = imgref('convert', '--from', 'kos', cut);
      expect([run.status, run.stdout]).to.deep.equal([2, '']);
      expect(run.stderr).to.match(/^imgref: .*cut\.dcm: truncated or damaged DICOM file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
