// The corpus of `npm run oracle -- --corpus`: every resource of the npm package hl7.fhir.r5.examples
// (a pinned devDependency), instances and conformance resources alike.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_PACKAGE = 'hl7.fhir.r5.examples';

export interface CorpusFile {
  /** Relative to the project, e.g. node_modules/hl7.fhir.r5.examples/Patient-example.json. */
  file: string;
  bytes: number;
}

export function corpusDir(projectDir: string): string {
  const dir = path.join(projectDir, 'node_modules', CORPUS_PACKAGE);
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    throw new Error(`the corpus package ${CORPUS_PACKAGE} is not installed (a devDependency): run \`npm ci\``);
  }
  return dir;
}

/**
 * The resources of the package, smallest first (the HL7 validator gets to the few very large Bundles
 * last, so a run that is stopped has done the most files). package.json is npm's manifest, not FHIR.
 */
export function corpusFiles(projectDir: string): CorpusFile[] {
  const dir = corpusDir(projectDir);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.') && e.name !== 'package.json')
    .map((e) => {
      const abs = path.join(dir, e.name);
      return { file: path.relative(projectDir, abs), bytes: fs.statSync(abs).size };
    })
    .sort((a, b) => a.bytes - b.bytes || a.file.localeCompare(b.file));
}
