import * as fs from 'node:fs';
import type { DefinitionStore } from '../definition-store';
import { DefinitionSourceError } from '../errors';
import type { DefinitionReader } from './definition-reader';
import { addPackageFiles, MAX_PACKAGE_BYTES, unsafeReason } from './package-files';
import { isPlainFileName } from './package-index';

export { MAX_PACKAGE_BYTES, unsafeReason };

/**
 * Adds a FHIR NPM package file (`package.tgz`), read in memory: nothing is unpacked to disk. The
 * resources are the files directly in `package/`, as the package loaders read them; an entry
 * whose path is absolute or climbs out (`..`) makes the whole archive refused.
 */
export function addPackageTgz(store: DefinitionStore, file: string, reader: DefinitionReader): void {
  addPackageFiles(store, readPackageFiles(file), file, reader);
}

/** The regular files directly in `package/` of the archive, by name. */
function readPackageFiles(file: string): Map<string, Buffer> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new DefinitionSourceError(file, 'no such file');
  if (!stat.isFile()) throw new DefinitionSourceError(file, 'not a regular file');
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  const damaged: string[] = [];
  let total = 0;
  // Loaded here: most runs read no package.tgz, and the command's cold start stays short.
  const tar = require('tar') as typeof import('tar');
  try {
    tar.t({
      file,
      sync: true,
      onwarn: (code: string, message: string) => void damaged.push(`${code}: ${message}`),
      onReadEntry(entry) {
        const unsafe = unsafeReason(entry.path);
        if (unsafe) problems.push(`unsafe entry path ${JSON.stringify(entry.path)} (${unsafe})`);
        total += entry.size ?? 0;
        if (total > MAX_PACKAGE_BYTES) problems.push(`it unpacks to more than ${MAX_PACKAGE_BYTES / 1024 / 1024} MB`);
        const name = entry.path.startsWith('package/') ? entry.path.slice('package/'.length) : undefined;
        if (unsafe || problems.length || entry.type !== 'File' || !name || !isPlainFileName(name)) return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => files.set(name, Buffer.concat(chunks)));
      },
    });
  } catch (e) {
    throw new DefinitionSourceError(file, `not a readable package.tgz (${(e as Error).message})`);
  }
  // What made the archive refused comes first: a bomb or an unsafe entry also leaves it truncated.
  if (problems.length) throw new DefinitionSourceError(file, `refused: ${problems[0]}`);
  if (damaged.length) throw new DefinitionSourceError(file, `not a readable package.tgz (${damaged[0]})`);
  return files;
}
