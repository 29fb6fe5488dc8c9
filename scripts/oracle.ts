// `npm run oracle`: validates every IG example, validator test fixture and submission with our validator and
// with the HL7 FHIR validator (Java, offline), and writes the table of agreements to docs/oracle.md.
// Slow (about two minutes, mostly the JVM loading packages), so it is not part of `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createValidator } from '../src';
import { pinnedPackageDirs } from '../src/definitions/sources/project-definitions';
import { Hl7Validator, OracleUnavailableError } from './oracle/hl7-validator';
import { knownDifference } from './oracle/known-differences';
import { isDisagreement, renderReport, type Row } from './oracle/report';
import { compareOutcomes } from './oracle/verdicts';
import { corpusMain } from './oracle/corpus-main';
import { packageCheckMain } from './oracle/package-check';
import { corpusSection, joinSections, readIfExists } from './oracle/doc-sections';

const PROJECT_DIR = path.resolve(__dirname, '..');
const EXAMPLES_DIR = 'fsh-generated/resources';
const FIXTURES_DIR = 'tests/fixtures/validator';
const SUBMISSIONS_DIR = 'submissions';
/** Conformance resources some fixtures need (loaded by both validators, like `--ig`). */
const FIXTURE_IG_DIR = `${FIXTURES_DIR}/profiles`;

function filesUnder(dir: string, extensions: string[]): string[] {
  const abs = path.join(PROJECT_DIR, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && extensions.includes(path.extname(e.name)))
    .map((e) => path.relative(PROJECT_DIR, path.join(e.parentPath, e.name)))
    .sort();
}

function inputs(): string[] {
  const examples = filesUnder(EXAMPLES_DIR, ['.json']);
  // NDJSON is ours only: the HL7 validator reads one resource per file.
  const fixtures = ['valid', 'invalid'].flatMap((sub) => filesUnder(`${FIXTURES_DIR}/${sub}`, ['.json', '.xml']));
  const submissions = filesUnder(SUBMISSIONS_DIR, ['.json', '.xml']);
  return [...examples, ...fixtures, ...submissions];
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--corpus')) return corpusMain(PROJECT_DIR, { hl7Only: argv.includes('--hl7-only') });
  if (argv.includes('--package') && argv.length === 1) return packageCheckMain(PROJECT_DIR);
  const unknown = argv.filter((a) => a !== '--corpus' && a !== '--hl7-only');
  if (unknown.length) {
    console.error(`oracle: unknown argument ${unknown[0]} (usage: npm run oracle [-- --corpus [--hl7-only] | --package])`);
    return 2;
  }
  const files = inputs();
  if (!files.length) {
    console.error(`oracle: nothing to validate: run \`npm run build\` first (${EXAMPLES_DIR} is empty)`);
    return 2;
  }
  const igDirs = fs.existsSync(path.join(PROJECT_DIR, FIXTURE_IG_DIR)) ? [FIXTURE_IG_DIR] : [];
  const ours = await createValidator({ igPaths: igDirs.map((d) => path.join(PROJECT_DIR, d)) });
  const packageDirs = pinnedPackageDirs(PROJECT_DIR);

  const hl7 = new Hl7Validator(PROJECT_DIR);
  let run;
  try {
    hl7.prepare();
    console.error(`oracle: HL7 validator ${hl7.version()} on ${files.length} files (one JVM, offline) ...`);
    run = hl7.validate(files, packageDirs, [EXAMPLES_DIR, ...igDirs], [EXAMPLES_DIR]);
  } catch (e) {
    if (!(e instanceof OracleUnavailableError)) throw e;
    console.error(`oracle: the HL7 validator could not be run: ${e.message}`);
    return 2;
  }

  const rows: Row[] = [];
  for (const file of files) {
    const theirs = run.outcomes.get(file);
    const difference = knownDifference(file);
    if (!theirs) {
      rows.push({ file, missing: 'the HL7 validator returned no outcome', difference });
      continue;
    }
    const outcome = await ours.validate(fs.readFileSync(path.join(PROJECT_DIR, file), 'utf8'), { fileName: file });
    rows.push({ file, comparison: compareOutcomes(outcome, theirs), difference });
  }

  const manifests = packageDirs.map((d) => JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as { name: string; version: string });
  const report = renderReport(rows, {
    date: new Date().toISOString().slice(0, 10),
    hl7Version: hl7.version(),
    commandLine: run.commandLine,
    offline: run.offline,
    seconds: run.seconds,
    packages: manifests.map((m) => `${m.name}#${m.version}`),
    settings: [
      'No terminology server (the CLI\'s `-tx n/a`): `withNoTerminologyServer()`; value sets are expanded from the loaded packages only.',
      'Packages other than the core are loaded by folder (`--ig <package folder>`), not by id: hl7.terminology.r5#7.0.1 declares hl7.fhir.uv.extensions.r5#5.2.0 and loading it by id makes the engine fetch that from packages.fhir.org.',
      'The engine always loads `hl7.fhir.xver-extensions#0.1.0`, which no reachable registry serves: the run uses a private cache (`-Duser.home=tools/oracle/target/home`) with the pinned packages linked in and an empty stand-in for it.',
      'References `Type/id` resolve to the IG\'s examples and to nothing else (no server): one that resolves has its target type checked, one that does not is left alone (reference policy CHECK_TYPE_IF_EXISTS). Example URLs (example.org, RFC 2606) are allowed, as the IG Publisher allows them in examples.',
    ],
  });
  const out = path.join(PROJECT_DIR, 'docs', 'oracle.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // The corpus section is written by `--corpus` and kept as it is.
  fs.writeFileSync(out, joinSections(report, corpusSection(readIfExists(out))));

  const disagreements = rows.filter(isDisagreement);
  const unexplained = disagreements.filter((r) => !r.difference);
  console.log(`oracle: ${rows.length} inputs, ${rows.length - disagreements.length} verdicts agree, ${disagreements.length} differ (${unexplained.length} unexplained); wrote docs/oracle.md`);
  for (const r of unexplained) console.log(`  unexplained: ${r.file}: ${r.missing ?? `ours ${r.comparison?.ours}, HL7 ${r.comparison?.theirs}`}`);
  return unexplained.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`oracle: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
