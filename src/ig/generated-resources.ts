import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_INPUT_CHARS } from '../validator/input/limits';
import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../validator/input/regular-file';

/** A FHIR resource as JSON, with the fields every resource has. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface GeneratedResource {
  file: string;
  resource: FhirResource;
}

export class MissingBuildError extends Error {
  override name = 'MissingBuildError';
}

/** A file among the built definitions that is not JSON. */
export class ResourceFileError extends Error {
  override name = 'ResourceFileError';
}

function readJson(file: string): FhirResource {
  try {
    // Regular files only, bounded while read: a FIFO or a link to /dev/zero named x.json cannot hang the run.
    return JSON.parse(readRegularFile(file, MAX_INPUT_CHARS).toString('utf8')) as FhirResource;
  } catch (e) {
    if (e instanceof NotRegularFileError) throw new ResourceFileError(e.message);
    if (e instanceof FileTooLargeError) throw new ResourceFileError(`${file}: ${e.message}`);
    throw new ResourceFileError(`${file} is not a JSON resource: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The folder where SUSHI writes the IG's resources. */
export function generatedResourcesDir(projectDir: string): string {
  return path.join(projectDir, 'fsh-generated', 'resources');
}

/** Reads every resource that SUSHI generated; fails clearly when the IG has not been built. */
export function readGeneratedResources(projectDir: string): GeneratedResource[] {
  return readResourcesIn(generatedResourcesDir(projectDir));
}

/** Reads every JSON resource in a folder of built definitions (SUSHI's output, or one given by the user). */
export function readResourcesIn(dir: string): GeneratedResource[] {
  if (!fs.existsSync(dir)) {
    throw new MissingBuildError(`no built definitions in ${dir}: run \`npm run build\` first`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new MissingBuildError(`${dir} is not a folder of built definitions`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), resource: readJson(path.join(dir, f)) }));
}
