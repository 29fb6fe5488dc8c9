import * as fs from 'node:fs';
import { CORE_PACKAGE } from '../../packages/fhir-package-cache';
import type { DefinitionStore } from '../definition-store';
import { DefinitionSourceError } from '../errors';
import type { DefinitionReader } from './definition-reader';
import { isPlainFileName, isResourceFileName, parsePackageIndex } from './package-index';

/** The most a package.tgz may unpack to (hl7.fhir.r5.core is about 100 MB): a gzip bomb stops here. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

/**
 * Adds a FHIR NPM package file (`package.tgz`), read in memory: nothing is unpacked to disk. The
 * resources are the files directly in `package/`, as the package loaders read them; an entry
 * whose path is absolute or climbs out (`..`) makes the whole archive refused.
 */
export function addPackageTgz(store: DefinitionStore, file: string, reader: DefinitionReader): void {
  const files = readPackageFiles(file);
  const manifestText = files.get('package.json');
  let manifest: { name?: unknown; version?: unknown } | undefined;
  try {
    manifest = manifestText ? JSON.parse(manifestText.toString('utf8')) : undefined;
  } catch (e) {
    throw new DefinitionSourceError(file, `package/package.json is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof manifest?.name !== 'string' || typeof manifest.version !== 'string') {
    throw new DefinitionSourceError(file, 'not a FHIR package: no package/package.json with name and version');
  }
  const source = `${file} (${manifest.name}#${manifest.version})`;
  const core = manifest.name === CORE_PACKAGE;
  const read = (name: string) => {
    const resource = reader.parse(files.get(name)!.toString('utf8'), `${file} (package/${name})`, 'json');
    if (!resource) throw new DefinitionSourceError(`${file} (package/${name})`, 'not a FHIR resource');
    return resource;
  };
  const indexText = files.get('.index.json');
  if (indexText) {
    const entries = parsePackageIndex(indexText.toString('utf8'), `${file} (package/.index.json)`);
    const missing = entries.find((e) => !files.has(e.filename));
    if (missing) throw new DefinitionSourceError(file, `the package index lists package/${missing.filename}, which the archive does not hold`);
    store.addPackage({ source, core, files: entries, read });
    return;
  }
  for (const name of [...files.keys()].sort()) {
    if (!isResourceFileName(name, false)) continue;
    const resource = reader.parse(files.get(name)!.toString('utf8'), `${file} (package/${name})`, 'json');
    if (resource) store.addResource(resource, source, core);
  }
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

/** Why an archive path is unsafe to trust, or undefined: absolute, a drive, a backslash, a `..` segment. */
export function unsafeReason(entryPath: string): string | undefined {
  if (entryPath.startsWith('/')) return 'absolute';
  if (/^[A-Za-z]:/.test(entryPath)) return 'a drive letter';
  if (entryPath.includes('\\')) return 'a backslash';
  if (entryPath.includes('\0')) return 'a NUL character';
  if (entryPath.split('/').includes('..')) return 'climbs out with ..';
  return undefined;
}
