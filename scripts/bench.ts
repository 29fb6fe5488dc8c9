// `npm run bench`: our validator side by side with Medplum's validateResource, fhir-tool's validate and the HL7 validator on
// resources of the same size, the CLI's cold start, NDJSON streaming memory, and the growth of the cost on large
// inputs (each at two sizes), and the live preview's edit-to-page time. Writes docs/benchmarks.md.
// A benchmark, not a test: it measures and reports, it does not fail on a missed target.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Library from '../src';
import { coldStart, largeFile, ndjsonMemory, writeNdjson, type LargeFileRun } from './bench/cli';
import { fhirTool, medplum } from './bench/contenders';
import { growthCases, measureGrowth } from './bench/growth';
import { measurePlayground } from './bench/playground';
import { measurePreview } from './bench/preview';
import { HL7_RUNS, HL7_WARMUP, measureHl7, type Hl7Case } from './bench/hl7';
import { renderBenchmarks, type Hl7Note, type ResourceRow } from './bench/report';
import { imagingReference, imagingStudyR4, imagingStudyR5, slicedFixture, withUnknownElement } from './bench/samples';
import { measure } from './bench/timing';
import { CORPUS_PACKAGE } from './oracle/corpus-inputs';

const PROJECT_DIR = path.resolve(__dirname, '..');
const WARMUP = 200;
const ITERATIONS = 1000;
const COLD_RUNS = 10;
/** Valid lines at two sizes (streaming), then lines with one warning each (issues are kept for the report). */
/**
 * The default (worker threads, one per core) for speed; one thread for the streaming claim, since each worker
 * has a heap of its own that V8 lets grow before it collects it.
 */
const NDJSON_RUNS: { lines: number; kind: string; narrative: boolean; threads?: number }[] = [
  { lines: 10_000, kind: 'valid, no issue', narrative: true },
  { lines: 100_000, kind: 'valid, no issue', narrative: true },
  { lines: 100_000, kind: 'one warning (dom-6, no narrative)', narrative: false },
  { lines: 1_000_000, kind: 'valid, no issue', narrative: true },
  { lines: 100_000, kind: 'valid, no issue', narrative: true, threads: 1 },
  { lines: 1_000_000, kind: 'valid, no issue', narrative: true, threads: 1 },
];
/** The largest files of the official R5 examples (npm hl7.fhir.r5.examples, a devDependency: the oracle's corpus). */
const R5_EXAMPLES_DIR = path.join(PROJECT_DIR, 'node_modules', CORPUS_PACKAGE);
const LARGE_FILES = ['Bundle-profiles-others.json', 'Bundle-resources.json'];

/** The compiled library (dist/), as the CLI and users run it, not the TypeScript sources through tsx. */
function compiledLibrary(): typeof Library {
  const entry = path.join(PROJECT_DIR, 'dist', 'src', 'index.js');
  if (!fs.existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as typeof Library;
}

async function main(): Promise<number> {
  const { createValidator, hasFailure, issuesOf } = compiledLibrary();
  const ownVersion = (require('../package.json') as { version: string }).version;
  const compiledValidator = await createValidator();
  const reference = imagingReference(PROJECT_DIR);
  const studyR5 = imagingStudyR5(PROJECT_DIR);
  const studyR4 = imagingStudyR4(PROJECT_DIR);
  const referenceText = JSON.stringify(reference, null, 2);
  // Read every input now: a build running meanwhile may rewrite fsh-generated/.
  const ndjsonLine = { true: imagingReference(PROJECT_DIR, 3, true), false: imagingReference(PROJECT_DIR, 3, false) };

  const loadAverage = os.loadavg();
  const rows: ResourceRow[] = [];
  const ours = async (input: string, resource: Record<string, unknown> | string, validator = compiledValidator, label = 'imgref validator', invalid?: Record<string, unknown>) => {
    const outcome = await validator.validate(resource);
    if (hasFailure(outcome)) console.error(`bench: our validator rejects the ${input}:`, issuesOf(outcome).slice(0, 3));
    rows.push({
      validator: label,
      version: `imaging-reference-ig ${ownVersion}`,
      input,
      passed: !hasFailure(outcome),
      rejectsInvalid: hasFailure(await validator.validate(invalid ?? (typeof resource === 'string' ? JSON.stringify(withUnknownElement(JSON.parse(resource))) : withUnknownElement(resource as Record<string, unknown>)))),
      timing: await measure(() => validator.validate(resource), WARMUP, ITERATIONS),
    });
  };
  const INPUT = {
    referenceText: 'ImagingReference, 20 instances (JSON text, parsed with positions)',
    studyR5: 'ImagingStudy R5, 1 series x 20 instances (object)',
    bp: 'Observation under R5 bp (2 components sliced by code)',
    bundle: 'Bundle under a profile slicing entry by type (Patient + Observation)',
  };
  await ours('ImagingReference, 20 instances (object)', reference);
  await ours(INPUT.referenceText, referenceText);
  await ours(INPUT.studyR5, studyR5);
  // Why invariants are compiled: the same validator with every constraint on fhirpath.js.
  await ours('ImagingReference, 20 instances (object)', reference, await createValidator({ invariantEngine: 'fhirpath.js' }), 'imgref validator, invariants on fhirpath.js only');
  // Sliced profiles: the R5 core blood pressure profile (components sliced by code), and a Bundle profile whose
  // entries are sliced by resource type (tests/fixtures/validator/profiles).
  const withFixtureProfiles = await createValidator({ igPaths: [path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator', 'profiles')] });
  // Each checked for rejecting its invalid fixture: a missing diastolic component, an entry in no slice of the closed slicing.
  const bp = { valid: slicedFixture(PROJECT_DIR, 'valid', 'slicing-bp.json'), invalid: slicedFixture(PROJECT_DIR, 'invalid', 'slicing-bp-missing-diastolic.json') };
  const bundle = { valid: slicedFixture(PROJECT_DIR, 'valid', 'slicing-bundle-by-type.json'), invalid: slicedFixture(PROJECT_DIR, 'invalid', 'slicing-bundle-by-type-closed.json') };
  await ours(INPUT.bp, bp.valid, compiledValidator, 'imgref validator', bp.invalid);
  await ours(INPUT.bundle, bundle.valid, withFixtureProfiles, 'imgref validator', bundle.invalid);

  for (const contender of [medplum(), fhirTool()]) {
    rows.push({
      validator: contender.name,
      version: contender.version,
      input: 'ImagingStudy R4, 1 series x 20 instances (object)',
      passed: contender.validate(studyR4),
      rejectsInvalid: !contender.validate(withUnknownElement(studyR4)),
      timing: await measure(() => contender.validate(studyR4), WARMUP, ITERATIONS),
    });
  }
  // The HL7 validator on the same resources and profiles (one JVM for all; it reads files, so each is written out).
  const hl7Cases: Hl7Case[] = [
    { input: 'ImagingReference, 20 instances (JSON file)', comparedWith: INPUT.referenceText, fileName: 'ImagingReference-20.json', resource: reference, invalid: withUnknownElement(reference) },
    { input: 'ImagingStudy R5, 1 series x 20 instances (JSON file)', comparedWith: INPUT.studyR5, fileName: 'ImagingStudy-R5-20.json', resource: studyR5, invalid: withUnknownElement(studyR5) },
    { input: `${INPUT.bp}, JSON file`, comparedWith: INPUT.bp, fileName: 'slicing-bp.json', resource: bp.valid, invalid: bp.invalid },
    { input: `${INPUT.bundle}, JSON file`, comparedWith: INPUT.bundle, fileName: 'slicing-bundle-by-type.json', resource: bundle.valid, invalid: bundle.invalid },
  ];
  const hl7Work = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-bench-hl7-'));
  let hl7: Hl7Note;
  try {
    console.error(`bench: HL7 validator, ${hl7Cases.length} inputs in one JVM (about a minute) ...`);
    const examples = path.join(PROJECT_DIR, 'fsh-generated', 'resources');
    const measured = measureHl7(PROJECT_DIR, hl7Cases, hl7Work, [examples, path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator', 'profiles')], [examples]);
    if ('skipped' in measured) {
      console.error(`bench: HL7 validator rows skipped: ${measured.skipped}`);
      hl7 = measured;
    } else {
      rows.push(...measured.rows);
      hl7 = { warmup: HL7_WARMUP, runs: HL7_RUNS, offline: measured.offline };
    }
  } finally {
    fs.rmSync(hl7Work, { recursive: true, force: true });
  }
  // The inputs whose cost used to explode (issue 17), at n and 4n.
  const growth = measureGrowth(growthCases(compiledLibrary(), compiledValidator, PROJECT_DIR), (line) => console.error(line));
  const medplumRow = rows.find((r) => r.validator.startsWith('Medplum'))!;
  const speedup = medplumRow.timing.medianMs / rows[0].timing.medianMs;
  const studySpeedup = medplumRow.timing.medianMs / rows[2].timing.medianMs;

  console.error('bench: the playground in headless Chromium ...');
  const largest = path.join(R5_EXAMPLES_DIR, LARGE_FILES[0]);
  const playground = await measurePlayground(path.join(PROJECT_DIR, 'output'), [
    { name: 'ImagingReference, 20 instances (JSON text)', text: referenceText },
    { name: 'Patient with 2 errors (active "yes", lastUpdated "yesterday")', text: JSON.stringify({ resourceType: 'Patient', active: 'yes', meta: { lastUpdated: 'yesterday' } }, null, 2) },
    { name: 'Bundle of a Patient and an Observation (fixture slicing-bundle-by-type)', text: JSON.stringify(bundle.valid, null, 2) },
    ...(fs.existsSync(largest) ? [{ name: `${LARGE_FILES[0]} (official R5 example, ${(fs.statSync(largest).size / 1024 / 1024).toFixed(1)} MB)`, text: fs.readFileSync(largest, 'utf8') }] : []),
  ]);

  console.error('bench: the live preview (npm start on a copy of the project) ...');
  const preview = await measurePreview(PROJECT_DIR);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-bench-'));
  try {
    const one = path.join(work, 'ImagingReference-20.json');
    fs.writeFileSync(one, referenceText);
    console.error('bench: CLI cold start ...');
    const cold = coldStart(PROJECT_DIR, one, COLD_RUNS);
    const ndjson = NDJSON_RUNS.map(({ lines, kind, narrative, threads }) => {
      const file = path.join(work, `lines-${lines}.ndjson`);
      writeNdjson(file, ndjsonLine[`${narrative}`], lines);
      console.error(`bench: NDJSON ${lines} lines, ${kind}${threads ? `, --threads ${threads}` : ''} ...`);
      const run = ndjsonMemory(PROJECT_DIR, file, kind, lines, work, threads);
      fs.rmSync(file);
      return run;
    });
    const large: LargeFileRun[] | string = fs.existsSync(R5_EXAMPLES_DIR)
      ? LARGE_FILES.map((name) => {
          console.error(`bench: ${name} (official R5 example) ...`);
          return largeFile(PROJECT_DIR, path.join(R5_EXAMPLES_DIR, name), one, work);
        })
      : `${path.relative(PROJECT_DIR, R5_EXAMPLES_DIR)} is missing (run npm ci)`;

    const cpus = os.cpus();
    const report = renderBenchmarks({
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
      node: process.versions.node,
      warmup: WARMUP,
      iterations: ITERATIONS,
      rows,
      speedup,
      studySpeedup,
      loadAverage,
      coldStart: cold,
      ndjson,
      large,
      growth,
      hl7,
      playground,
      preview,
    });
    fs.mkdirSync(path.join(PROJECT_DIR, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(PROJECT_DIR, 'docs', 'benchmarks.md'), report);
    process.stdout.write(report);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exit(2);
  },
);
