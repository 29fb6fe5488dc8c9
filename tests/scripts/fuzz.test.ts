// The fuzz harness (`npm run fuzz`): determinism, replay, what it detects, and a small fixed-seed
// slice of it (the long runs are not part of npm test).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FindingLog, loadFinding, saveFinding } from '../../scripts/fuzz/findings';
import { inputSeed, Rng } from '../../scripts/fuzz/random';
import { budgetMs, emptyStats, generateCase, judge, runCase, type Finding, type Weights } from '../../scripts/fuzz/runner';
import { memoryVerdict } from '../../scripts/fuzz/report';
import { PROJECT_DIR } from '../helpers/project';
import { TARGETS, type FuzzCase, type FuzzTarget, type RunResult } from '../../scripts/fuzz/targets';

const EVERY_TARGET: Weights = { validate: 45, convert: 45, review: 10 };

describe('fuzz harness', function () {
  this.timeout(120_000);

  it('makes the same input from the same run seed and index, and others from others', () => {
    const a = generateCase(7, 123, EVERY_TARGET).fuzzCase;
    const b = generateCase(7, 123, EVERY_TARGET).fuzzCase;
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).to.equal(true);
    expect(inputSeed(7, 123)).to.not.equal(inputSeed(7, 124));
    expect(inputSeed(7, 123)).to.not.equal(inputSeed(8, 123));
    const r = new Rng(1);
    const first = [r.next(), r.next()];
    const again = new Rng(1);
    expect([again.next(), again.next()]).to.deep.equal(first);
  });

  it('reaches every target and every input form', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const c = generateCase(11, i, EVERY_TARGET).fuzzCase;
      kinds.add(`${c.target}:${c.kind.replace(/^file-/, '')}`);
    }
    expect([...kinds].sort()).to.include.members([
      'convert:imagingmanifest', 'convert:imagingreference', 'convert:imagingselection', 'convert:kos',
      'review:sd', 'validate:json', 'validate:ndjson', 'validate:xml',
    ]);
  });

  describe('detects', () => {
    let saved: FuzzTarget['run'];
    beforeEach(() => (saved = TARGETS.convert.run));
    afterEach(() => (TARGETS.convert.run = saved));
    const aCase: FuzzCase = { target: 'convert', kind: 'imagingreference', fileName: 'x.json', bytes: Buffer.from('{}') };

    it('output printed by the library while it runs', async () => {
      TARGETS.convert.run = async (): Promise<RunResult> => {
        console.warn('Invalid vr type AI - using UN');
        return { problems: [], ms: 0 };
      };
      const { problems } = await runCase(aCase);
      expect(problems.map((p) => p.kind)).to.deep.equal(['leak']);
      expect(problems[0].detail).to.include('Invalid vr type');
    });

    it('an input over its time budget, after a second try', async () => {
      TARGETS.convert.run = async (): Promise<RunResult> => ({ problems: [], ms: budgetMs(2) + 1 });
      const stats = emptyStats();
      const weights: Weights = { validate: 0, convert: 1, review: 0 };
      const found = await judge(3, 0, weights, stats);
      expect(found.map((f) => f.kind)).to.deep.equal(['slow']);
      expect(stats.convert.findings).to.deep.equal({ slow: 1 });
    });

    it('a convert over its budget for what it read and wrote, not for what it read alone (a split may write far more)', async () => {
      const weights: Weights = { validate: 0, convert: 1, review: 0 };
      const { fuzzCase } = generateCase(3, 0, weights);
      const ms = budgetMs(fuzzCase.bytes.length) + 1;
      TARGETS.convert.run = async (): Promise<RunResult> => ({ problems: [], ms, outputBytes: 5_000_000 });
      expect(await judge(3, 0, weights, emptyStats())).to.deep.equal([]);
      TARGETS.convert.run = async (): Promise<RunResult> => ({ problems: [], ms: budgetMs(fuzzCase.bytes.length + 5_000_000) + 1, outputBytes: 5_000_000 });
      expect((await judge(3, 0, weights, emptyStats())).map((f) => f.kind)).to.deep.equal(['slow']);
    });

    it('the output of a real conversion, in what its budget counts', async () => {
      TARGETS.convert.run = saved;
      const manifest = { resourceType: 'ImagingManifest', patient: { reference: 'Patient/p' }, study: [{ uid: 'urn:oid:1.2.3', series: [1, 2, 3].map((i) => ({ uid: `urn:oid:1.2.3.${i}`, instance: [{ sopClass: 'urn:oid:1.2.840.10008.5.1.4.1.1.2', uid: `urn:oid:1.2.3.${i}.1` }] })) }] };
      const input = Buffer.from(JSON.stringify(manifest));
      const { bytes } = await runCase({ target: 'convert', kind: 'imagingmanifest', fileName: 'm.json', bytes: input });
      expect(bytes).to.be.above(input.length * 2);
    });

    it('memory that grows through the run', () => {
      const flat = Array.from({ length: 9 }, (_, i) => ({ at: i, heapUsed: 100e6, rss: 300e6 }));
      const growing = Array.from({ length: 9 }, (_, i) => ({ at: i, heapUsed: (100 + 100 * i) * 1e6, rss: 300e6 }));
      expect(memoryVerdict(flat).flat).to.equal(true);
      expect(memoryVerdict(growing).flat).to.equal(false);
    });
  });

  it('saves a finding that replays the exact input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-fuzz-findings-'));
    try {
      const { seed, fuzzCase } = generateCase(5, 9, EVERY_TARGET);
      const finding: Finding = { kind: 'escaped', detail: 'TypeError: x', runSeed: 5, index: 9, inputSeed: seed, case: fuzzCase };
      const file = saveFinding(dir, finding);
      expect(saveFinding(dir, finding)).to.equal(file); // the same input is saved once
      const back = loadFinding(file);
      expect(Buffer.from(back.fuzzCase.bytes).equals(Buffer.from(fuzzCase.bytes))).to.equal(true);
      expect(back.fuzzCase).to.deep.include({ target: fuzzCase.target, kind: fuzzCase.kind, fileName: fuzzCase.fileName });
      expect(back.finding).to.deep.include({ kind: 'escaped', runSeed: 5, index: 9, inputSeed: seed });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps each distinct finding once in memory, however often the same input is flagged (a loaded machine flags thousands)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-log-'));
    try {
      const log = new FindingLog(dir);
      const finding = (index: number, kind: Finding['kind'], text: string): Finding => ({ kind, detail: 'x', runSeed: 1, index, inputSeed: index, case: { target: 'validate', kind: 'json', fileName: 'a.json', bytes: Buffer.from(text) } });
      const added = [finding(1, 'slow', 'a'), finding(2, 'slow', 'a'), finding(3, 'hang', 'a'), finding(4, 'slow', 'b'), finding(5, 'slow', 'a')].map((f) => log.add(f) !== undefined);
      expect(added).to.deep.equal([true, false, true, true, false]);
      expect(log.distinct.map((f) => f.index)).to.deep.equal([1, 3, 4]);
      expect(fs.readdirSync(dir)).to.have.length(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('saves the input a worker process died on (V8 aborts the process when a heap runs out in native code)', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-abort-'));
    try {
      const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(PROJECT_DIR, 'scripts', 'fuzz.ts'), '--seed', '7', '--count', '4', '--workers', '1', '--findings', dir], {
        cwd: PROJECT_DIR,
        env: { ...process.env, FUZZ_SELF_TEST_ABORT_AT: '2' },
        encoding: 'utf8',
        timeout: 110_000,
      });
      expect(run.status, run.stdout + run.stderr).to.equal(1);
      expect(run.stdout).to.match(/oom .*index 2\): the worker process ended on this input/);
      const files = fs.readdirSync(dir);
      expect(files).to.have.length(1);
      const back = loadFinding(path.join(dir, files[0]));
      expect(back.finding).to.deep.include({ kind: 'oom', runSeed: 7, index: 2 });
      // The run went on after the dead worker: inputs 0, 1, 2 and 3 were all counted.
      expect(run.stdout).to.match(/\b4 inputs\b/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing in a fixed-seed slice of 600 inputs across validate, convert and review', async () => {
    const stats = emptyStats();
    const found: Finding[] = [];
    for (let i = 0; i < 600; i++) found.push(...(await judge(20261201, i, EVERY_TARGET, stats)));
    // Time is not judged here (a loaded test machine is no benchmark): `npm run fuzz` does that.
    const problems = found.filter((f) => f.kind !== 'slow').map((f) => `${f.case.target} ${f.kind} (index ${f.index}): ${f.detail}`);
    expect(problems).to.deep.equal([]);
    expect(stats.validate.inputs + stats.convert.inputs + stats.review.inputs).to.equal(600);
    for (const t of ['validate', 'convert', 'review'] as const) expect(stats[t].inputs, t).to.be.greaterThan(20);
  });
});
