// `npm run oracle -- --corpus`: both validators over every resource of hl7.fhir.r5.examples, offline, with
// the same packages and no IG; the agreement goes into docs/oracle.md (its corpus section) and the
// disagreements, by category, into docs/corpus-disagreements.md. The HL7 side's outcomes are cached by
// content (hl7-cache.ts): only new or changed inputs are run through Java.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createValidator } from '../../src';
import { pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { corpusDir, corpusFiles, CORPUS_PACKAGE } from './corpus-inputs';
import { contentHash, engineSettingsSource, Hl7OutcomeCache, type JavaRun } from './hl7-cache';
import { Hl7Validator } from './hl7-validator';
import type { OutcomeLike } from './verdicts';

export interface CorpusOptions {
  /** Only fill the HL7 cache (the long part, run in the background); compare nothing. */
  hl7Only?: boolean;
}

export interface CorpusItem {
  file: string;
  bytes: number;
  ours: OutcomeLike;
  theirs: OutcomeLike | undefined;
  /** Our validation time, ms. */
  ms: number;
}

export interface CorpusRun {
  items: CorpusItem[];
  packageVersion: string;
  javaRuns: JavaRun[];
  hl7Version: string;
  packages: string[];
  /** The Java command of this run, or undefined when every outcome came from the cache. */
  commandLine?: string;
  offline?: boolean;
  hl7Seconds?: number;
  cached: number;
}

function log(message: string): void {
  console.error(`oracle --corpus: ${message}`);
}

export async function runCorpus(projectDir: string, options: CorpusOptions = {}): Promise<CorpusRun | undefined> {
  const files = corpusFiles(projectDir);
  const examples = path.relative(projectDir, corpusDir(projectDir));
  const packageDirs = pinnedPackageDirs(projectDir);
  const packages = packageDirs.map((d) => {
    const m = JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as { name: string; version: string };
    return `${m.name}#${m.version}`;
  });
  const hl7 = new Hl7Validator(projectDir);
  hl7.prepare();
  const runner = fs.readFileSync(path.join(hl7.toolDir, 'src', 'OracleRunner.java'), 'utf8');
  // No IG folder: the corpus is validated against the pinned packages alone; references resolve to the corpus.
  const igDirs: string[] = [];
  const resolveDirs = [examples];
  const cache = new Hl7OutcomeCache(path.join(projectDir, '.oracle-cache'), hl7.version(), [engineSettingsSource(runner), ...packages, `ig: ${igDirs.join(',')}`, `resolve: ${resolveDirs.join(',')}`]);

  const hashes = new Map(files.map((f) => [f.file, contentHash(fs.readFileSync(path.join(projectDir, f.file)))]));
  const missing = files.filter((f) => !cache.has(hashes.get(f.file)!));
  let java: ReturnType<Hl7Validator['validateInto']> | undefined;
  if (missing.length) {
    log(`HL7 validator ${hl7.version()} on ${missing.length} of ${files.length} files (${files.length - missing.length} cached in ${path.relative(projectDir, cache.dir)}) ...`);
    java = hl7.validateInto(
      missing.map((f) => f.file),
      cache.dir,
      packageDirs,
      igDirs,
      resolveDirs,
    );
    cache.recordRun({ date: new Date().toISOString().slice(0, 10), files: missing.length, seconds: java.seconds, offline: java.offline, commandLine: java.commandLine });
  } else log(`all ${files.length} HL7 outcomes cached in ${path.relative(projectDir, cache.dir)}`);
  if (options.hl7Only) return undefined;

  const ours = await createValidator({ includeProjectIg: false });
  const items: CorpusItem[] = [];
  for (const [i, f] of files.entries()) {
    const text = fs.readFileSync(path.join(projectDir, f.file), 'utf8');
    const started = process.hrtime.bigint();
    const outcome = await ours.validate(text, { fileName: f.file });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    items.push({ file: f.file, bytes: f.bytes, ours: outcome, theirs: cache.get(hashes.get(f.file)!), ms });
    if ((i + 1) % 500 === 0) log(`ours: ${i + 1}/${files.length}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir(projectDir), 'package.json'), 'utf8')) as { version: string };
  return {
    items,
    packageVersion: manifest.version,
    javaRuns: cache.runs(),
    hl7Version: hl7.version(),
    packages,
    commandLine: java?.commandLine,
    offline: java?.offline,
    hl7Seconds: java?.seconds,
    cached: files.length - missing.length,
  };
}

export { CORPUS_PACKAGE };
