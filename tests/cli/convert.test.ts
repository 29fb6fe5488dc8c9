import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedResourcesDir } from '../../src/ig/generated-resources';
import { PROJECT_DIR } from '../helpers/project';
import { CONVERT_FIXTURES } from '../convert/helpers/fixtures';
import { kosFixture } from '../convert/helpers/kos-fixtures';

/** Runs the built command (`npm run build` runs before the tests), as a user would. */
function imgref(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const example = (id: string) => path.join(generatedResourcesDir(PROJECT_DIR), `ImagingReference-${id}.json`);

describe('imgref convert', () => {
  it('writes one resource to stdout, and nothing to stderr when nothing is lost', () => {
    const run = imgref('convert', '--from', 'imagingmanifest', path.join(CONVERT_FIXTURES, 'imaging-manifest', 'one-series.json'));
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
    const outcome = JSON.parse(run.stderr);
    expect(outcome.resourceType).to.equal('OperationOutcome');
    expect(outcome.issue.map((i: { severity: string }) => i.severity)).to.deep.equal(['warning', 'warning']);
  });

  it('converts ImagingReference to ImagingSelection and back (--to)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-convert-'));
    try {
      const there = imgref('convert', '--from', 'imagingreference', example('key-image-note'));
      expect(there.status).to.equal(0);
      fs.writeFileSync(path.join(dir, 'selection.json'), there.stdout);
      const back = imgref('convert', '--from', 'imagingselection', '--to', 'imagingreference', path.join(dir, 'selection.json'));
      expect(back.status).to.equal(0);
      expect(JSON.parse(back.stdout)).to.deep.equal(JSON.parse(fs.readFileSync(example('key-image-note'), 'utf8')));
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
