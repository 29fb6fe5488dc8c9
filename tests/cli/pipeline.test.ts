import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImgref } from '../helpers/cli';
import { PROJECT_DIR } from '../helpers/project';

const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');
const VALID = path.join(FIXTURES, 'valid', 'imaging-reference-minimal.json'); // one warning: dom-6
const INVALID = path.join(FIXTURES, 'invalid', 'invariant-irf-2-frames-and-observations.json');
const PROFILE_FILE = path.join(FIXTURES, 'profiles', 'StructureDefinition-imaging-reference-described.json');
const PROFILE = 'http://example.org/fhir/StructureDefinition/imaging-reference-described';

const imgref = (args: string[]) => runImgref(['validate', ...args]);

describe('imgref validate in pipelines (CLI)', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-pipeline-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--fail-on warning fails on warnings; the default fails on errors only', () => {
    expect(imgref([VALID]).status).to.equal(0);
    expect(imgref(['--fail-on', 'warning', VALID]).status).to.equal(1);
    expect(imgref(['--fail-on', 'error', INVALID]).status).to.equal(1);
  });

  it('--suppress RULE takes the issues out of the verdict and lists them as suppressed', () => {
    const r = imgref(['--suppress', 'irf-2', INVALID]);
    expect(imgref([INVALID]).stdout).to.match(/ error ImagingReference\.instance\[1\] irf-2: /);
    expect(r.stdout).to.match(/ suppressed error ImagingReference\.instance\[1\] irf-2: .* \[irf-2\]/);
    expect(r.stdout).to.match(/1 file\(s\) valid: 0 error\(s\), \d+ warning\(s\), \d+ information, 1 suppressed/);
    expect(r.status).to.equal(0);
  });

  it('--suppress RULE:PATH only where the file glob or the FHIRPath matches', () => {
    expect(imgref(['--suppress', 'irf-2:**/invalid/*.json', INVALID]).status).to.equal(0);
    expect(imgref(['--suppress', 'irf-2:**/elsewhere/*.json', INVALID]).status).to.equal(1);
    expect(imgref(['--suppress', 'irf-2:ImagingReference.instance', INVALID]).status).to.equal(0);
    expect(imgref(['--suppress', 'irf-2:ImagingReference.subject', INVALID]).status).to.equal(1);
    expect(imgref(['--fail-on', 'warning', '--suppress', 'dom-6', VALID]).status).to.equal(0);
  });

  it('a suppressions file: RULE[:PATH] lines, comments and blank lines; a bad line is a usage error', () => {
    const file = path.join(tmp, 'suppressions.txt');
    fs.writeFileSync(file, '# known findings\n\nirf-2:ImagingReference.instance  # tracked elsewhere\n');
    expect(imgref(['--suppressions', file, INVALID]).status).to.equal(0);
    fs.writeFileSync(file, 'irf-2\n!!!\n');
    const bad = imgref(['--suppressions', file, INVALID]);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.include(`${file}:2:`);
  });

  it('the HL7 validator spellings: -ig, -profile, -output (format from its extension), -version', () => {
    const out = path.join(tmp, 'outcome.json');
    const r = imgref(['-ig', PROFILE_FILE, '-profile', PROFILE, '-output', out, '-version', '5.0', VALID]);
    expect(r.status, r.stderr).to.equal(1); // the described profile needs a description the minimal one lacks
    const outcome = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(outcome.resourceType).to.equal('OperationOutcome');
    const wrong = imgref(['-version', '4.0', VALID]);
    expect(wrong.status).to.equal(2);
    expect(wrong.stderr).to.match(/FHIR R5 \(5\.0\) only/);
  });

  it('--ig takes id#version, a package.tgz, a folder or a JSON file', () => {
    expect(imgref(['--ig', 'hl7.fhir.r5.core#5.0.0', VALID]).status).to.equal(0);
    expect(imgref(['--ig', path.join(FIXTURES, 'profiles'), '--profile', PROFILE, VALID]).status).to.equal(1);
    expect(imgref(['--ig', PROFILE_FILE, '--profile', PROFILE, VALID]).status).to.equal(1);
    const tgz = path.join(PROJECT_DIR, 'output', 'package.tgz');
    if (fs.existsSync(tgz)) expect(imgref(['--ig', tgz, VALID]).status).to.equal(0);
    const missing = imgref(['--ig', path.join(tmp, 'none.tgz'), VALID]);
    expect(missing.status).to.equal(2);
  });

  it('a missing path is a fatal issue for that path; the other inputs are still validated (exit 1)', () => {
    const r = imgref([path.join(tmp, 'missing.json'), VALID]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include(`${path.join(tmp, 'missing.json')} fatal - no such file or folder`);
    expect(r.stdout).to.include('imaging-reference-minimal.json:2:3 warning');
    expect(r.stdout).to.match(/1 of 2 file\(s\) invalid/);
  });

  it('folders skip files that are not FHIR resources and say how many; --all-files, --exclude', () => {
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.copyFileSync(VALID, path.join(dir, 'a.json'));
    fs.copyFileSync(INVALID, path.join(dir, 'sub', 'b.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"indent": 2}');
    fs.writeFileSync(path.join(dir, 'pom.xml'), '<project/>');
    const r = imgref([dir]);
    expect(r.stderr).to.match(/skipped 3 file\(s\) in folders that are not FHIR resources/);
    expect(r.stdout).to.match(/1 of 2 file\(s\) invalid/);
    const all = imgref(['--all-files', dir]);
    expect(all.stderr).to.not.include('skipped');
    expect(all.stdout).to.match(/of 5 file\(s\) invalid/);
    const excluded = imgref(['--exclude', '**/sub/**', dir]);
    expect(excluded.status).to.equal(0);
    expect(excluded.stdout).to.match(/1 file\(s\) valid/);
  });

  it('JUnit lists every failing issue in the failure and the warnings and suppressed ones in system-out', () => {
    const r = imgref(['--format', 'junit', '--suppress', 'dom-6', INVALID, VALID]);
    const invalidCase = /<testcase[^>]*invariant-irf-2[^]*?<\/testcase>/.exec(r.stdout)![0];
    const failure = /<failure message="([^"]*)"[^>]*>([^<]*)<\/failure>/.exec(invalidCase)!;
    const oneThread = imgref(['--threads', '1', INVALID]).stdout;
    const errorLines = oneThread.split('\n').filter((l) => / (error|fatal) /.test(l));
    expect(failure[2].trim().split('\n')).to.have.length(errorLines.length);
    expect(r.stdout).to.match(/<system-out>[^<]*suppressed 2:3 warning ImagingReference dom-6/);
  });

  it('SARIF 2.1.0: a result per issue with rule id, file, line, column, and suppressions', () => {
    const r = imgref(['--format', 'sarif', '--suppress', 'dom-6', VALID, INVALID]);
    const log = JSON.parse(r.stdout);
    expect(log.version).to.equal('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).to.equal('imgref');
    const irf2 = run.results.find((x: any) => x.ruleId === 'irf-2');
    expect(irf2.level).to.equal('error');
    expect(irf2.locations[0].physicalLocation.artifactLocation.uri).to.match(/invariant-irf-2-frames-and-observations\.json$/);
    expect(irf2.locations[0].physicalLocation.region.startLine).to.be.a('number');
    const dom6 = run.results.filter((x: any) => x.ruleId === 'dom-6');
    expect(dom6.every((x: any) => x.suppressions?.[0].kind === 'external')).to.equal(true);
    expect(run.tool.driver.rules.map((x: any) => x.id)).to.include('irf-2');
    expect(imgref(['--output', path.join(tmp, 'x.sarif'), VALID]).status).to.equal(0);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'x.sarif'), 'utf8')).version).to.equal('2.1.0');
  });

  it('worker threads give the same report and verdict as one thread, in input order', () => {
    const dir = path.join(FIXTURES, 'invalid');
    for (const format of ['text', 'junit']) {
      const one = imgref(['--threads', '1', '--format', format, dir]);
      const two = imgref(['--threads', '2', '--format', format, dir]);
      expect(two.status).to.equal(one.status);
      expect(two.stdout).to.equal(one.stdout);
    }
  });

  it('spreads the lines of one NDJSON file over worker threads with the same report as one thread', () => {
    // 2,000 lines: valid ones, an invalid one every 7th (irf-2), one unreadable line, and dom-6 on
    // every line past the 20 repeats the report lists: the file-wide cut must fall in the same place.
    const valid = JSON.stringify(JSON.parse(fs.readFileSync(VALID, 'utf8')));
    const invalid = JSON.stringify(JSON.parse(fs.readFileSync(INVALID, 'utf8')));
    const lines = Array.from({ length: 2000 }, (_, i) => (i === 1234 ? '{"resourceType": "ImagingRef' : i % 7 === 3 ? invalid : valid));
    const file = path.join(tmp, 'bulk.ndjson');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    for (const format of ['text', 'json']) {
      const one = imgref(['--threads', '1', '--format', format, file]);
      const two = imgref(['--threads', '2', '--format', format, file]);
      expect(one.status).to.equal(1);
      expect(two.status).to.equal(one.status);
      expect(two.stdout).to.equal(one.stdout);
    }
    expect(imgref(['--threads', '1', file]).stdout).to.match(/bulk.ndjson:1235:\d+ fatal/);
  });
});
