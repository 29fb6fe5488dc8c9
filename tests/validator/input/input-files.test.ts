import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ndjsonBatches, validateFile, validateNdjsonFile, validateNdjsonLine } from '../../../src/validator/input/input-files';
import { TextInput } from '../../../src/validator/input/text-input';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { TextReporter } from '../../../src/validator/outcome/formatters/text';
import { minimalImagingReference, validator } from '../helpers';

describe('validateFile with an issue sink (streaming reports)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-ndjson-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands NDJSON issues over line by line and keeps none of them', async () => {
    const bad = { ...minimalImagingReference(), studyUid: '01.2.3' };
    const file = path.join(dir, 'three.ndjson');
    fs.writeFileSync(file, [bad, minimalImagingReference(), bad].map((r) => JSON.stringify(r)).join('\n'));
    const batches: ValidationIssue[][] = [];
    const result = await validateFile(validator(), file, [], (issues) => batches.push(issues));
    expect(result.issues).to.deep.equal([]);
    // One batch per line with issues, each batch from its own line; irf-1 fails on lines 1 and 3 only.
    const lineOf = (batch: ValidationIssue[]) => [...new Set(batch.map((i) => i.position?.line))];
    expect(batches.map(lineOf)).to.deep.equal([[1], [2], [3]]);
    expect(batches.filter((b) => b.some((i) => i.rule === 'irf-1')).map(lineOf)).to.deep.equal([[1], [3]]);
  });

  it('reports lines and the lines it cannot read in line order', async () => {
    const bad = JSON.stringify({ ...minimalImagingReference(), studyUid: '01.2.3' });
    const file = path.join(dir, 'mixed.ndjson');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${bad}\n\uFEFF${bad}\n${bad}\n`), Buffer.from([0xff, 0x0a]), Buffer.from(`${bad}\n`)]));
    const lines: number[] = [];
    await validateFile(validator(), file, [], (issues) => lines.push(...issues.map((i) => i.position?.line ?? 0)));
    expect(lines).to.deep.equal([...lines].sort((a, b) => a - b));
    expect(new Set(lines)).to.deep.equal(new Set([1, 2, 3, 4, 5]));
  });

  it('without a sink, returns every issue in the result', async () => {
    const file = path.join(dir, 'one.ndjson');
    fs.writeFileSync(file, JSON.stringify({ ...minimalImagingReference(), studyUid: '01.2.3' }));
    const result = await validateFile(validator(), file, []);
    expect(result.issues.some((i) => i.rule === 'irf-1')).to.equal(true);
  });
});

describe('TextReporter', () => {
  it('writes each issue when it arrives, before the summary', () => {
    const written: string[] = [];
    const reporter = new TextReporter((text) => written.push(text), false);
    reporter.issues('a.ndjson', [{ severity: 'warning', code: 'invariant', message: 'dom-6', position: { line: 1, col: 1 } }]);
    expect(written).to.deep.equal(['a.ndjson:1:1 warning - dom-6\n']);
    reporter.issues('a.ndjson', [{ severity: 'error', code: 'invariant', message: 'irf-1', position: { line: 2, col: 1 } }]);
    expect(reporter.endFile()).to.equal(true);
    expect(reporter.end()).to.equal(true);
    expect(written.at(-1)).to.equal('1 of 1 file(s) invalid: 1 error(s), 1 warning(s), 0 information\n');
  });
});

describe('validateFile: the same bytes get the same verdict as .json, .xml and .ndjson', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-decode-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const line = Buffer.from(JSON.stringify({ ...minimalImagingReference(), description: 'key images' }));
  const withDescription = (bytes: Buffer) => Buffer.from(line.toString('latin1').replace('key images', bytes.toString('latin1')), 'latin1');
  async function issuesOf(name: string, bytes: Buffer): Promise<ValidationIssue[]> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return (await validateFile(validator(), file, [])).issues;
  }
  const failures = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.message);

  it('invalid UTF-8 inside a string fails in NDJSON as in .json', async () => {
    const bytes = withDescription(Buffer.from([0x6b, 0xff, 0x65]));
    expect(failures(await issuesOf('bad.json', bytes))).to.deep.equal(['the input is not valid UTF-8 text']);
    const ndjson = await issuesOf('bad.ndjson', Buffer.concat([line, Buffer.from('\n'), bytes, Buffer.from('\n')]));
    expect(failures(ndjson)).to.deep.equal(['the input is not valid UTF-8 text']);
    expect(ndjson.find((i) => i.severity === 'fatal')?.position).to.deep.equal({ line: 2, col: 1 });
  });

  it('a file of blank lines, or an empty one, is not valid', async () => {
    expect(failures(await issuesOf('blank.ndjson', Buffer.from('\n  \n\r\n\n')))).to.deep.equal(['the NDJSON file has no resource: it is empty or only blank lines']);
    expect(failures(await issuesOf('empty.ndjson', Buffer.alloc(0)))).to.have.length(1);
    expect(failures(await issuesOf('blank.json', Buffer.from('\n  \n')))).to.have.length(1);
  });

  it('one byte order mark is allowed, two are not, in every form', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const xml = Buffer.from('<Patient xmlns="http://hl7.org/fhir"><id value="a"/></Patient>');
    for (const [name, body] of [['r.json', line], ['r.ndjson', line], ['r.xml', xml]] as const) {
      expect(failures(await issuesOf(name, Buffer.concat([bom, body]))), `one BOM, ${name}`).to.deep.equal([]);
      expect(failures(await issuesOf(name, Buffer.concat([bom, bom, body]))), `two BOMs, ${name}`).to.have.length(1);
    }
    const second = await issuesOf('later.ndjson', Buffer.concat([line, Buffer.from('\n'), bom, line]));
    expect(failures(second)).to.have.length(1);
    expect(second.find((i) => i.severity === 'fatal')?.position?.line).to.equal(2);
  });

  it('a \\u0000 escape or a lone surrogate in a string is an error in every form', async () => {
    for (const escape of ['\\u0000', '\\u001b', '\\ud800', 'a\\udc00']) {
      const bytes = withDescription(Buffer.from(escape));
      for (const name of ['e.json', 'e.ndjson']) {
        const found = failures(await issuesOf(name, bytes));
        expect(found, `${escape} in ${name}`).to.have.length(1);
        expect(found[0]).to.match(/control character U\+00(00|1B)|lone surrogate U\+D(800|C00)/);
      }
    }
    const placed = (await issuesOf('placed.json', withDescription(Buffer.from('\\u0007')))).find((i) => i.rule === 'json-string-chars');
    expect(placed?.expression).to.equal('ImagingReference');
    expect(placed?.position?.line).to.equal(1);
    // Tab, CR, LF and a proper surrogate pair stay valid.
    expect(failures(await issuesOf('ok.json', withDescription(Buffer.from('a\\tb\\r\\nc \\ud83d\\ude00'))))).to.deep.equal([]);
  });

  it('an NDJSON line of 600 MB is one fatal issue for that line, read in bounded memory', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'huge.ndjson');
    // Sparse: 600 MB of zero bytes without a line break, without writing them.
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, 600 * 1024 * 1024);
    fs.appendFileSync(file, Buffer.concat([Buffer.from('\n'), line, Buffer.from('\n')]));
    const before = process.memoryUsage().rss;
    const issues = (await validateFile(validator(), file, [])).issues;
    expect(process.memoryUsage().rss - before).to.be.lessThan(300 * 1024 * 1024);
    expect(failures(issues)).to.deep.equal(['line 1 is 600 MB, over the 64 MB limit: not read']);
    expect(issues.some((i) => i.position?.line === 2 && i.severity === 'warning')).to.equal(true, 'line 2 is still validated');
  });
});

describe('TextInput: a text handed over to the validator', () => {
  it('is validated like the same string, and is taken from the input once', () => {
    const text = JSON.stringify({ ...minimalImagingReference(), studyUid: '01.2.3', note: [{ text: '\u2026'.repeat(20) }] });
    const input = new TextInput(text);
    const strip = (issues: ValidationIssue[]) => issues.map((i) => `${i.rule} ${i.expression} ${i.position?.line}:${i.position?.col}`);
    expect(strip(validator().issues(input))).to.deep.equal(strip(validator().issues(text)));
    expect(() => input.take()).to.throw(/already taken/);
  });
});

describe('NDJSON lines validated in batches (worker threads)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-ndjson-batches-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports as one thread does, in line order, however the batches finish, with a bounded number in flight', async () => {
    const bad = JSON.stringify({ ...minimalImagingReference(), studyUid: '01.2.3' });
    const good = JSON.stringify(minimalImagingReference());
    const lines = Array.from({ length: 700 }, (_, i) => (i === 300 ? '{"resourceType":' : i % 5 === 0 ? bad : good));
    const file = path.join(dir, 'many.ndjson');
    fs.writeFileSync(file, lines.join('\n'));
    const here = (await validateFile(validator(), file, [])).issues;

    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const engine = ndjsonBatches(3, async (batch) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const call = calls++;
      // Later batches finish first: the report must not follow.
      await new Promise((resolve) => setTimeout(resolve, call % 2 ? 1 : 15));
      inFlight--;
      return batch.map((line) => validateNdjsonLine(validator(), line, []));
    });
    const batched = (await validateNdjsonFile(engine, file)).issues;
    expect(calls).to.be.above(2);
    expect(most).to.be.at.most(3).and.above(1);
    expect(batched).to.deep.equal(here);
    // The file-wide cut of repeats fell in the same place: a summary of what was left out is at the end.
    expect(here.filter((i) => i.rule === 'irf-1').length).to.be.below(lines.length / 5);
    expect(here.some((i) => i.position?.line === 301 && i.severity === 'fatal')).to.equal(true);
  });
});
