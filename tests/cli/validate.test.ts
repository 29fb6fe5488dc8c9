import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImgref } from '../helpers/cli';
import { PROJECT_DIR } from '../helpers/project';
import { useColour } from '../../src/cli/commands/validate';

const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');
const VALID = path.join(FIXTURES, 'valid', 'imaging-reference-minimal.json');
const INVALID = path.join(FIXTURES, 'invalid', 'invariant-irf-2-frames-and-observations.json');

const imgref = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => runImgref(['validate', ...args], options);

describe('imgref validate (CLI)', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-validate-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('exits 0 on a valid file, with a summary line', () => {
    const r = imgref([VALID]);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/1 file\(s\) valid: 0 error\(s\)/);
  });

  it('exits 1 on an invalid file: file:line:col severity expression message, no colour when piped', () => {
    const r = imgref([INVALID]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/invariant-irf-2-frames-and-observations\.json:\d+:\d+ error ImagingReference\.instance\[1\] irf-2: /);
    expect(r.stdout).to.not.match(/\x1b\[/);
  });

  it('uses colour only on a terminal without NO_COLOR', () => {
    expect(useColour(true, {})).to.equal(true);
    expect(useColour(true, { NO_COLOR: '1' })).to.equal(false);
    expect(useColour(true, { NO_COLOR: '' })).to.equal(true);
    expect(useColour(false, {})).to.equal(false);
  });

  it('exits 2 on a usage error, in one line without a stack trace', () => {
    const r = imgref(['--threads', 'many', VALID]);
    expect(r.status).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.not.match(/\bat .*\.js:\d+/);
    expect(imgref(['--format', 'yaml', VALID]).status).to.equal(2);
    expect(imgref(['--profile', 'http://example.org/none', VALID]).status).to.equal(2);
  });

  it('writes one OperationOutcome for one input and a Bundle of them for several (--format json)', () => {
    const one = JSON.parse(imgref(['--format', 'json', INVALID]).stdout);
    expect(one.resourceType).to.equal('OperationOutcome');
    const issue = one.issue.find((i: any) => i.severity === 'error');
    expect(issue.expression).to.deep.equal(['ImagingReference.instance[1]']);
    expect(issue.extension.map((x: any) => x.url)).to.include('http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line');
    const many = JSON.parse(imgref(['--format', 'json', VALID, INVALID]).stdout);
    expect(many.resourceType).to.equal('Bundle');
    expect(many.entry.every((e: any) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl))).to.equal(true);
    expect(many.type).to.equal('collection');
    expect(many.entry.map((e: any) => e.resource.extension[0])).to.deep.equal([
      { url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-file', valueString: VALID },
      { url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-file', valueString: INVALID },
    ]);
  });

  it('loads --ig conformance resources and validates against --profile', () => {
    const profile = ['--ig', path.join(FIXTURES, 'profiles'), '--profile', 'http://example.org/fhir/StructureDefinition/imaging-reference-described'];
    const r = imgref([...profile, VALID]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/error ImagingReference description: minimum required = 1/);
    expect(imgref([VALID]).status).to.equal(0);
  });

  it('is a step of npm run build after SUSHI, over every generated example', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')).scripts;
    expect(scripts.build).to.match(/^npm run compile && npm run sushi && .*npm run validate-examples/);
    expect(scripts['validate-examples']).to.equal('node bin/imgref.js validate fsh-generated/resources');
  });

  it('writes JSON reports that are themselves valid FHIR', () => {
    const report = path.join(tmp, 'report.json');
    imgref(['--format', 'json', '--output', report, VALID, INVALID]);
    const r = imgref(['--format', 'json', report]);
    expect(JSON.parse(r.stdout).issue.filter((i: any) => i.severity === 'error' || i.severity === 'fatal')).to.deep.equal([]);
  });

  it('writes a JUnit report to --output, and never over an input', () => {
    const out = path.join(tmp, 'report.xml');
    const r = imgref(['--format', 'junit', '--output', out, VALID, INVALID]);
    expect(r.status).to.equal(1);
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).to.match(/<testsuite name="imgref validate" tests="2" failures="1"/);
    expect(xml).to.match(/<failure message="irf-2/);
    const copy = path.join(tmp, 'copy.json');
    fs.copyFileSync(VALID, copy);
    expect(imgref(['--output', copy, copy]).status).to.equal(2);
    expect(fs.readFileSync(copy, 'utf8')).to.equal(fs.readFileSync(VALID, 'utf8'));
  });

  it('validates folders recursively, standard input and NDJSON line by line', () => {
    expect(imgref([path.join(FIXTURES, 'valid')]).status).to.equal(0);
    const stdin = imgref(['-'], { input: fs.readFileSync(INVALID, 'utf8') });
    expect(stdin.status).to.equal(1);
    expect(stdin.stdout).to.match(/^-:\d+:\d+ error/m);
    const ndjson = path.join(tmp, 'batch.ndjson');
    const ok = JSON.stringify(JSON.parse(fs.readFileSync(VALID, 'utf8')));
    fs.writeFileSync(ndjson, `${ok}\n${ok.replace('"1.2.3"', '"1.02.3"')}\n${ok}\n`);
    const r = imgref([ndjson]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/batch\.ndjson:2:\d+ error ImagingReference\.studyUid irf-1/);
    expect(r.stdout).to.not.match(/batch\.ndjson:[13]:\d+ error/);
  });

  it('refuses binary and oversized files with a fatal issue and exit 1, leaving them untouched', () => {
    const binary = path.join(tmp, 'image.json');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const r1 = imgref([binary]);
    expect(r1.status).to.equal(1);
    expect(r1.stdout).to.match(/fatal - the input is binary/);
    const big = path.join(tmp, 'big.json');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 100 * 1024 * 1024); // sparse: 100 MB without writing them
    const r2 = imgref([big]);
    expect(r2.status).to.equal(1);
    expect(r2.stdout).to.match(/fatal - the file is 100 MB/);
    expect(fs.statSync(big).size).to.equal(100 * 1024 * 1024);
  });
});

describe('imgref validate: limits that hold (CLI)', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-limits-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // A run that hangs or reads without end is killed, and fails the test, instead of stalling the suite.
  const bounded = (args: string[], input?: Buffer | string) => {
    const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'validate', ...args], { input, timeout: 15_000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('a FIFO named x.json and a symlink to /dev/zero in a folder: a fatal issue naming each, no hang', () => {
    const folder = path.join(tmp, 'submissions');
    fs.mkdirSync(folder);
    spawnSync('mkfifo', [path.join(folder, 'x.json')]);
    fs.symlinkSync('/dev/zero', path.join(folder, 'zero.json'));
    fs.copyFileSync(VALID, path.join(folder, 'ok.json'));
    const r = bounded([folder]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/x\.json fatal - \S*x\.json is a FIFO \(named pipe\): only regular files are read/);
    expect(r.stdout).to.match(/zero\.json fatal - \S*zero\.json \(a symlink to \/dev\/zero\) is a character device/);
    expect(r.stdout).to.match(/2 of 3 file\(s\) invalid/);
  });

  it('prints property names and file names with their control characters escaped', () => {
    const file = path.join(tmp, 'escape.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(VALID, 'utf8')), '\x1b[2J\x1b]0;owned\x07\nfake.json:1:1 information': 1 }));
    const r = bounded([file]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.not.match(/[\x00-\x08\x0b-\x1f]/);
    expect(r.stdout).to.include('\\x1b[2J\\x1b]0;owned\\x07\\nfake.json:1:1 information');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('fake.json'))).to.deep.equal([]);
    const missing = bounded([path.join(tmp, 'no\x1b[2Jne.json')]);
    expect(missing.status).to.equal(1);
    expect(missing.stdout).to.include('no\\x1b[2Jne.json').and.not.include('\x1b');
  });

    it('stops without a stack trace when the reader closes the pipe (imgref validate … | head)', async () => {
    const file = path.join(tmp, 'distinct.ndjson');
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `{"resourceType":"Basic","code":{"text":"x"},"y${i}":1}`).join('\n'));
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'validate', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy()); // read the first lines, then close, as head does
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).to.equal('');
    expect(code).to.equal(2);
  });

    it('a FIFO in an --ig folder is a usage error in one line, not a hang', () => {
    const ig = path.join(tmp, 'ig');
    fs.mkdirSync(ig);
    spawnSync('mkfifo', [path.join(ig, 'x.json')]);
    const r = bounded(['--ig', ig, VALID]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^imgref: \S*x\.json is a FIFO \(named pipe\): only regular files are read\n$/);
  });

    it('--format json keeps a bounded number of issues over all inputs, and the verdict', () => {
    const folder = path.join(tmp, 'many');
    fs.mkdirSync(folder);
    // 11 inputs of 10,000 distinct issues each: more than the 100,000 a whole-run report keeps.
    for (let f = 0; f < 11; f++) {
      const resource: Record<string, unknown> = { resourceType: 'Basic', code: { text: 'x' } };
      for (let i = 0; i < 9_999; i++) resource[`x${i}`] = 1;
      fs.writeFileSync(path.join(folder, `r${String(f).padStart(2, '0')}.json`), JSON.stringify(resource, null, 1));
    }
    const report = path.join(tmp, 'many-report.json');
    const r = bounded(['--format', 'json', '--output', report, folder]);
    expect(r.status, r.stderr).to.equal(1);
    const outcomes = JSON.parse(fs.readFileSync(report, 'utf8')).entry.map((e: any) => e.resource);
    const total = outcomes.reduce((n: number, o: any) => n + o.issue.length, 0);
    expect(total).to.be.at.most(100_000 + outcomes.length);
    const last = outcomes.at(-1).issue;
    expect(last).to.have.length(1);
    expect(last[0].severity).to.equal('error');
    expect(last[0].details.text).to.match(/^10000 more issue\(s\) not listed \(9999 error, 1 warning\): the report of a run lists 100000 issues/);
  });

    it('standard input over the limit is a fatal issue, not a valid prefix', () => {
    const valid = JSON.stringify(JSON.parse(fs.readFileSync(VALID, 'utf8')));
    const input = Buffer.alloc(64 * 1024 * 1024 + 16, 0x20);
    input.write(valid, 0);
    input.write('garbage', input.length - 7);
    const r = bounded(['-'], input);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/^- fatal - standard input is over the 64 MB limit: not read$/m);
  });
});

describe('imgref validate --output never overwrites an input (CLI)', function () {
  this.timeout(60_000);
  let tmp: string;
  let input: string;
  const original = () => fs.readFileSync(VALID, 'utf8');
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-output-'));
    fs.mkdirSync(path.join(tmp, 'real'));
    input = path.join(tmp, 'real', 'in.json');
    fs.copyFileSync(VALID, input);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const refused = (output: string, args = [input], stdin?: number) => {
    const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), 'validate', '--output', output, ...args], { encoding: 'utf8', stdio: [stdin ?? 'pipe', 'pipe', 'pipe'] });
    expect(run.status, run.stderr).to.equal(2);
    expect(run.stderr).to.match(/^imgref: --output .* is the input .*: input files are never overwritten\n$/);
    expect(fs.readFileSync(input, 'utf8')).to.equal(original());
  };

  it('through a symlink, a hard link or a symlinked folder', () => {
    fs.symlinkSync(input, path.join(tmp, 'sym.json'));
    refused(path.join(tmp, 'sym.json'));
    fs.linkSync(input, path.join(tmp, 'hard.json'));
    refused(path.join(tmp, 'hard.json'));
    fs.symlinkSync(path.join(tmp, 'real'), path.join(tmp, 'linked'));
    refused(path.join(tmp, 'linked', 'in.json'));
    refused(path.join(tmp, 'real', '..', 'real', 'in.json'));
  });

  it('when standard input is redirected from the output file', () => {
    const fd = fs.openSync(input, 'r');
    try {
      refused(input, ['-'], fd);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('writes the report by renaming a finished file over the target, leaving no temporary file', () => {
    const report = path.join(tmp, 'report.txt');
    fs.writeFileSync(report, 'old report');
    fs.chmodSync(report, 0o640);
    const other = path.join(tmp, 'elsewhere.txt');
    fs.writeFileSync(other, 'not to be touched');
    fs.symlinkSync(other, path.join(tmp, 'report-link.txt'));
    for (const target of [report, path.join(tmp, 'report-link.txt')]) {
      const run = runImgref(['validate', '--output', target, input]);
      expect(run.status).to.equal(0);
      expect(fs.readFileSync(target, 'utf8')).to.match(/1 file\(s\) valid/);
    }
    expect(fs.statSync(report).mode & 0o777).to.equal(0o640, 'the replaced report keeps its permissions');
    // The symlink itself was replaced by the report, not the file it pointed to.
    expect(fs.readFileSync(other, 'utf8')).to.equal('not to be touched');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });
});
