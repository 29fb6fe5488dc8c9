import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { percentile, summarize } from '../../scripts/bench/timing';
import { growthSection, hl7Section, largeFileSection, ndjsonSection, type ResourceRow } from '../../scripts/bench/report';
import { hl7Rows, Hl7TimingOutputError, measureHl7, parseHl7Timing, type Hl7Case } from '../../scripts/bench/hl7';
import { imagingReference, imagingStudyR4, imagingStudyR5, INSTANCES, withUnknownElement } from '../../scripts/bench/samples';
import { PROJECT_DIR } from '../helpers/project';

describe('bench: statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).to.equal(50);
    expect(percentile(sorted, 95)).to.equal(95);
    expect(percentile([7], 95)).to.equal(7);
    expect(() => percentile([], 50)).to.throw('no samples');
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([3, 1, 2, 10])).to.deep.equal({ iterations: 4, medianMs: 2, p95Ms: 10, meanMs: 4, minMs: 1 });
  });
});

describe('bench: inputs of the same size', () => {
  it('gives every resource 20 instances', () => {
    const study = (r: Record<string, unknown>) => ((r.series as Record<string, unknown>[])[0].instance as unknown[]).length;
    expect((imagingReference(PROJECT_DIR).instance as unknown[]).length).to.equal(INSTANCES);
    expect(study(imagingStudyR5(PROJECT_DIR))).to.equal(INSTANCES);
    expect(study(imagingStudyR4(PROJECT_DIR))).to.equal(INSTANCES);
  });

  it('writes the R4 modality as a Coding and leaves the original untouched by the invalid copy', () => {
    const r4 = imagingStudyR4(PROJECT_DIR);
    expect((r4.series as Record<string, unknown>[])[0].modality).to.have.property('code');
    const bad = withUnknownElement(r4);
    expect(JSON.stringify(bad)).to.contain('unknownElement');
    expect(JSON.stringify(r4)).not.to.contain('unknownElement');
  });
});

describe('bench: cost on large inputs', () => {
  it('shows each case at n and 4n with the ratio of the times', () => {
    const row = (n: number, ms: number) => ({ name: 'irf-3', unit: 'instances', n, megabytes: n / 1000, ms, detail: 'valid, 0 issues' });
    const table = growthSection([row(10, 5), row(40, 21)]).filter((l) => l.startsWith('| irf-3'));
    expect(table).to.deep.equal(['| irf-3 | 10 instances | 0.01 | 5 | 40 | 0.04 | 21 | 4.2 | valid, 0 issues |']);
  });
});

describe('bench: large files', () => {
  const run = (name: string, megabytes: number, seconds: number, peakRssMb: number) => ({ name, megabytes, seconds, peakRssMb, baselineRssMb: 70, exitCode: 0 });

  it('judges the largest file against 5 MB/s, 10 s and 10x memory', () => {
    const met = largeFileSection([run('small.json', 7.5, 1, 180), run('big.json', 42, 4.2, 400)]);
    expect(met).to.include('| big.json | 42.0 | 4.20 | 10.0 | 400 | 9.5x | 7.9x | 0 |');
    expect(met.at(-1)).to.match(/10\.0 MB\/s, 4\.2 s, met; peak memory under 10x the input: 9\.5x, met\.$/);
    const slow = largeFileSection([run('big.json', 42, 12, 500)]);
    expect(slow.at(-1)).to.match(/3\.5 MB\/s, 12\.0 s, \*\*not met\*\*; .* 11\.9x, \*\*not met\*\*\.$/);
  });

  it('says why the rows are missing', () => {
    expect(largeFileSection('node_modules/hl7.fhir.r5.examples/package is missing (run npm ci)').at(-1)).to.equal('Not run: node_modules/hl7.fhir.r5.examples/package is missing (run npm ci).');
  });
});

describe('bench: the HL7 validator rows', () => {
  const line = (medianMs: number, errors = 0, file = '/w/a.json') =>
    JSON.stringify({ file, errors, runs: 200, medianMs, p90Ms: medianMs + 1, p95Ms: medianMs + 2, meanMs: medianMs + 0.5, minMs: medianMs - 1 });
  const stdout = (timings: string[], checks = '[{"file":"/w/invalid-a.json","errors":2}]') =>
    `Loading hl7.fhir.r5.core#5.0.0\n  - 4506 resources\n{"timings":[${timings.join(',')}],"checks":${checks}}\n`;

  it('reads the timing line among the engine log and keeps the runner numbers', () => {
    const parsed = parseHl7Timing(stdout([line(40)]));
    expect(parsed.timings).to.deep.equal([{ file: '/w/a.json', errors: 0, timing: { iterations: 200, medianMs: 40, p95Ms: 42, meanMs: 40.5, minMs: 39 } }]);
    expect(parsed.checks.get('/w/invalid-a.json')).to.equal(2);
  });

  it('refuses output without a timing line, or with one that is not JSON or lacks a number', () => {
    expect(() => parseHl7Timing('Loading ...\nvalidated 1 file(s)\n')).to.throw(Hl7TimingOutputError, 'no timing line');
    expect(() => parseHl7Timing('{"timings":[{"file"')).to.throw(Hl7TimingOutputError, 'not JSON');
    expect(() => parseHl7Timing('{"timings":[{"file":"/w/a.json","errors":0,"runs":3,"medianMs":null}]}')).to.throw(Hl7TimingOutputError, 'lacks medianMs');
  });

  const hl7Case: Hl7Case = { input: 'bp, JSON file', comparedWith: 'bp', fileName: 'a.json', resource: {}, invalid: {} };
  const fileFor = (c: Hl7Case, invalid: boolean) => `/w/${invalid ? 'invalid-' : ''}${c.fileName}`;

  it('makes a row per case: passes without errors, rejects the invalid copy with errors', () => {
    const [row] = hl7Rows([hl7Case], parseHl7Timing(stdout([line(40)])), fileFor, '6.10.4');
    expect(row).to.include({ validator: 'HL7 validator, warm', version: 'org.hl7.fhir.validation 6.10.4', input: 'bp, JSON file', comparedWith: 'bp', passed: true, rejectsInvalid: true });
    const [failing] = hl7Rows([hl7Case], parseHl7Timing(stdout([line(40, 3)], '[{"file":"/w/invalid-a.json","errors":0}]')), fileFor, '6.10.4');
    expect(failing).to.include({ passed: false, rejectsInvalid: false });
    expect(() => hl7Rows([{ ...hl7Case, fileName: 'b.json' }], parseHl7Timing(stdout([line(40)])), fileFor, '6.10.4')).to.throw(Hl7TimingOutputError, 'no timing for b.json');
  });

  const timing = (medianMs: number) => ({ iterations: 1, medianMs, p95Ms: medianMs, meanMs: medianMs, minMs: medianMs });
  const row = (validator: string, input: string, medianMs: number, comparedWith?: string): ResourceRow => ({ validator, version: 'v', input, passed: true, rejectsInvalid: true, timing: timing(medianMs), comparedWith });
  const note = { warmup: 50, runs: 200, offline: true };

  it('gives the ratio of medians per case and the 50x target with the worst row', () => {
    const rows = [row('imgref validator', 'bp', 0.05), row('imgref validator', 'bundle', 0.04), row('HL7 validator, warm', 'bp, JSON file', 60, 'bp'), row('HL7 validator, warm', 'bundle, JSON file', 1.6, 'bundle')];
    const lines = hl7Section(rows, note);
    expect(lines).to.include('| bp, JSON file | 0.050 | 60.00 | 1200x faster |');
    expect(lines).to.include('| bundle, JSON file | 0.040 | 1.60 | 40x faster |');
    expect(lines).to.include('Target: at least 50x faster than the HL7 validator on every row: **not met** (worst: 40x, bundle, JSON file).');
    const met = hl7Section([rows[0], rows[2]], note);
    expect(met).to.include('Target: at least 50x faster than the HL7 validator on every row: met (worst: 1200x, bp, JSON file).');
  });

  it('skips the rows, without running anything, when the jars have not been resolved', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-bench-test-'));
    try {
      fs.mkdirSync(path.join(project, 'tools', 'oracle'), { recursive: true });
      fs.writeFileSync(path.join(project, 'tools', 'oracle', 'pom.xml'), '<fhir.core.version>6.10.4</fhir.core.version>');
      const measured = measureHl7(project, [hl7Case], project, [], []);
      expect(measured).to.deep.equal({ skipped: "the HL7 validator's jars are not in tools/oracle/target/lib (run `npm run oracle` once, with network)" });
      expect(fs.readdirSync(project)).to.deep.equal(['tools']);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('says in one line why the rows are missing', () => {
    expect(hl7Section([row('imgref validator', 'bp', 0.05)], { skipped: 'java could not run' })).to.deep.equal(['', 'HL7 validator rows skipped: java could not run.']);
  });
});

describe('bench: the NDJSON section', () => {
  const run = (lines: number, peakRssMb: number, threads?: number, kind = 'valid, no issue') => ({ kind, lines, threads, megabytes: lines * 1.14e-3, seconds: lines / 60_000, peakRssMb, exitCode: 0 });
  const runs = (oneThreadMillion: number) => [run(10_000, 190), run(100_000, 211), run(100_000, 221, undefined, 'one warning (dom-6, no narrative)'), run(1_000_000, 292), run(100_000, 163, 1), run(1_000_000, oneThreadMillion, 1)];

  it('judges streaming on one thread, and gives the worker threads\' peak beside it', () => {
    const text = ndjsonSection(runs(177)).join('\n');
    expect(text).to.include('Valid lines on one thread: peak RSS 163 MB for 100000 lines, 177 MB for 1000000 (10x the input): 1026 MB more input, +14 MB of peak (+1% of it): streamed');
    expect(text).to.include('With worker threads (one per core): 211 MB for 100000 lines, 292 MB for 1000000');
    expect(text).to.match(/Target: 1,000,000 ImagingReference lines in under 60 s\. Measured 16\.7 s .*peak RSS 292 MB\): met/);
  });

  it('says so when one thread\'s memory grows with the input, not when V8 collects later in one run', () => {
    expect(ndjsonSection(runs(252)).join('\n')).to.include('streamed, the input is not held');
    expect(ndjsonSection(runs(400)).join('\n')).to.include('**not streamed**');
  });
});
