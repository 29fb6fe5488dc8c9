import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { DATA_FILE, SCHEMA_FILE } from '../../../src/review/data';
import { runImgref } from '../../helpers/cli';
import { PROJECT_DIR } from '../../helpers/project';
import { changeUrl, definitionCopy, el } from '../../review/fixtures';

function imgref(args: string[], cwd = PROJECT_DIR) {
  const r = runImgref(['review', ...args], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BUILT = path.join(PROJECT_DIR, 'fsh-generated', 'resources');
const SD_FILE = 'StructureDefinition-ImagingReference.json';

/** A copy of the whole build in `dir` (the value set and the extension are reviewed too), with the definition replaced. */
function buildWith(dir: string, sd: object | undefined): void {
  for (const f of fs.readdirSync(BUILT)) fs.copyFileSync(path.join(BUILT, f), path.join(dir, f));
  if (sd) fs.writeFileSync(path.join(dir, SD_FILE), JSON.stringify(sd));
  else fs.rmSync(path.join(dir, SD_FILE));
}

describe('imgref review (command line)', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-review-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints the JSON report with exactly the agreed fields and exits 0', () => {
    const { code, stdout } = imgref(['--format', 'json']);
    expect(code).to.equal(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).to.deep.equal(['items', 'summary']);
    expect(report.items).to.have.length(33); // 26 records of the review list, 4 contract records, and the 3 QA rules no record runs
    for (const item of report.items) expect(Object.keys(item)).to.deep.equal(['id', 'seed', 'status', 'outcome', 'result', 'messages']);
    expect(report.summary.status).to.deep.equal({ decided: 24, open: 3, check: 6 });
    expect(report.summary.failed).to.deep.equal([]);
  });

  it('exits 1 and names the failing item when a decision no longer holds (--definitions)', () => {
    const sd = definitionCopy();
    el(sd, 'studyUid').type = [{ code: 'oid' }];
    buildWith(tmp, sd);
    const { code, stdout } = imgref(['--format', 'json', '--definitions', tmp]);
    expect(code).to.equal(1);
    expect(JSON.parse(stdout).summary.failed).to.deep.equal(['study-uid', 'contract-elements']);
  });

  it('exits 1 naming contract-identity, not "run npm run build first", when the canonical URL changed', () => {
    const sd = definitionCopy();
    changeUrl(sd, 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/ImagingReference');
    buildWith(tmp, sd);
    const { code, stdout, stderr } = imgref(['--format', 'json', '--definitions', tmp]);
    expect(stderr).to.equal('');
    expect(code).to.equal(1);
    const report = JSON.parse(stdout);
    expect(report.summary.failed).to.deep.equal(['contract-identity']);
    expect(report.items.find((i: { id: string }) => i.id === 'contract-identity').messages).to.deep.equal([
      'the canonical URL is http://hl7.org/fhir/StructureDefinition/ImagingReference: the definition\'s URL is http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/ImagingReference, expected http://hl7.org/fhir/StructureDefinition/ImagingReference',
    ]);
  });

  it('exits 1 and names every item when the definition is missing from a build', () => {
    buildWith(tmp, undefined);
    const { code, stdout, stderr } = imgref(['--definitions', tmp]);
    expect(stderr).to.equal('');
    expect(code).to.equal(1);
    expect(stdout).to.match(/FAIL +decided +contract-identity/);
    expect(stdout).to.include('not reviewed: no StructureDefinition http://hl7.org/fhir/StructureDefinition/ImagingReference in');
    expect(stdout).to.not.include('npm run build');
  });

  it('prints the text report with the summary line', () => {
    const { code, stdout } = imgref([]);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^PASS {2}decided {2}rename-resource /);
    expect(stdout).to.include('OPEN  open     imaging-study-name');
    expect(stdout.trim().split('\n').pop()).to.equal('33 items: 24 decided, 3 open, 6 check; 30 pass, 0 fail, 3 n/a. The review passes.');
  });

  it('prints Markdown with the Event pattern table', () => {
    const { code, stdout } = imgref(['--format', 'markdown']);
    expect(code).to.equal(0);
    expect(stdout).to.include('| Event pattern | ImagingReference | relation | note |');
    expect(stdout).to.include('| Event.subject | subject | same name |  |');
    expect(stdout).to.include('| Event.performer.actor | performer | named differently |  |');
  });

  it('exits 2 with one line when there is no build', () => {
    const { code, stdout, stderr } = imgref(['--definitions', path.join(tmp, 'nothing')]);
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^imgref: no built definitions in .*nothing: run `npm run build` first/);
  });

  it('exits 2 with one line when a built definition is not JSON', () => {
    fs.writeFileSync(path.join(tmp, 'StructureDefinition-ImagingReference.json'), '{ "resourceType": ');
    const { code, stderr } = imgref(['--definitions', tmp]);
    expect(code).to.equal(2);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^imgref: .*StructureDefinition-ImagingReference\.json is not a JSON resource: /);
  });

  it('exits 2 with one line when the decision records are broken', () => {
    fs.mkdirSync(path.join(tmp, 'input', 'data'), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_DIR, SCHEMA_FILE), path.join(tmp, SCHEMA_FILE));
    const broken = fs.readFileSync(path.join(PROJECT_DIR, DATA_FILE), 'utf8').replace('status: decided', 'status: agreed');
    fs.writeFileSync(path.join(tmp, DATA_FILE), broken);
    const { code, stderr } = imgref(['--definitions', path.join(PROJECT_DIR, 'fsh-generated', 'resources')], tmp);
    expect(code).to.equal(2);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/design-review\.yaml:\d+:\d+: records\[0\] \(rename-resource\)\.status must be equal to one of the allowed values/);
  });

  it('exits 2 with one line naming a FIFO or a link to /dev/zero among the definitions, without hanging', () => {
    fs.copyFileSync(path.join(PROJECT_DIR, 'fsh-generated', 'resources', 'StructureDefinition-ImagingReference.json'), path.join(tmp, 'StructureDefinition-ImagingReference.json'));
    // A run that hangs or reads without end is killed (status null) instead of stalling the suite.
    const review = () => spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'review', '--definitions', tmp], { cwd: PROJECT_DIR, timeout: 15_000, encoding: 'utf8' });
    spawnSync('mkfifo', [path.join(tmp, 'a.json')]);
    const fifo = review();
    expect(fifo.status).to.equal(2);
    expect(fifo.stderr.trim().split('\n')).to.have.length(1);
    expect(fifo.stderr).to.match(/^imgref: \S*a\.json is a FIFO \(named pipe\): only regular files are read/);
    fs.rmSync(path.join(tmp, 'a.json'));
    fs.symlinkSync('/dev/zero', path.join(tmp, 'b.json'));
    const zero = review();
    expect(zero.status).to.equal(2);
    expect(zero.stderr).to.match(/^imgref: \S*b\.json \(a symlink to \/dev\/zero\) is a character device/);
  });

  it('exits 2 with one line, not an internal error, when --definitions is a file', () => {
    const file = path.join(tmp, 'StructureDefinition-ImagingReference.json');
    fs.copyFileSync(path.join(PROJECT_DIR, 'fsh-generated', 'resources', 'StructureDefinition-ImagingReference.json'), file);
    const { code, stderr } = imgref(['--definitions', file]);
    expect(code).to.equal(2);
    expect(stderr).to.match(/^imgref: \S*StructureDefinition-ImagingReference\.json is not a folder of built definitions\n$/);
  });

  it('passes over a built JSON file that holds null, which is no resource (was: internal error, exit 2)', () => {
    buildWith(tmp, definitionCopy());
    fs.writeFileSync(path.join(tmp, 'A-null.json'), 'null');
    const { code, stdout, stderr } = imgref(['--definitions', tmp]);
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.match(/The review passes\.\s*$/);
  });

  it('exits 2 with one line naming the first error when the definition is not valid FHIR (was: exit 0)', () => {
    const sd = definitionCopy();
    (el(sd, 'subject') as Record<string, unknown>).min = '1';
    fs.writeFileSync(path.join(tmp, 'StructureDefinition-ImagingReference.json'), JSON.stringify(sd));
    const { code, stdout, stderr } = imgref(['--definitions', tmp]);
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^imgref: StructureDefinition "http:\/\/hl7\.org\/fhir\/StructureDefinition\/ImagingReference" is not valid FHIR R5, so the review cannot run: 1 error\(s\), the first at StructureDefinition\.snapshot\.element\[\d+\]\.min: /);
  });

  it('exits 2 on an unknown format', () => {
    expect(imgref(['--format', 'xml']).code).to.equal(2);
  });
});
