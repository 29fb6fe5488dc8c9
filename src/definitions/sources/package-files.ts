import type { DefinitionStore } from '../definition-store';
import { DefinitionSourceError } from '../errors';
import type { DefinitionReader } from './definition-reader';
import { isResourceFileName, parsePackageIndex } from './package-index';

/** The FHIR core package (its types are the base types); spelled here so that this module needs no file system. */
const CORE_PACKAGE = 'hl7.fhir.r5.core';

const utf8 = new TextDecoder('utf-8');

/** The most a package.tgz may unpack to (hl7.fhir.r5.core is about 100 MB): a gzip bomb stops here. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;


/**
 * Adds the files of a FHIR NPM package (the regular files directly in its `package/` folder, by
 * name), read from a package.tgz by the CLI or by the browser: through its `.index.json` when it
 * has one, else every JSON file. `file` names the archive in messages.
 */
export function addPackageFiles(store: DefinitionStore, files: Map<string, Uint8Array>, file: string, reader: DefinitionReader): void {
  const text = (name: string) => utf8.decode(files.get(name)!);
  let manifest: { name?: unknown; version?: unknown } | undefined;
  try {
    manifest = files.has('package.json') ? JSON.parse(text('package.json')) : undefined;
  } catch (e) {
    throw new DefinitionSourceError(file, `package/package.json is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof manifest?.name !== 'string' || typeof manifest.version !== 'string') {
    throw new DefinitionSourceError(file, 'not a FHIR package: no package/package.json with name and version');
  }
  const source = `${file} (${manifest.name}#${manifest.version})`;
  const core = manifest.name === CORE_PACKAGE;
  const read = (name: string) => {
    const resource = reader.parse(text(name), `${file} (package/${name})`, 'json');
    if (!resource) throw new DefinitionSourceError(`${file} (package/${name})`, 'not a FHIR resource');
    return resource;
  };
  if (files.has('.index.json')) {
    const entries = parsePackageIndex(text('.index.json'), `${file} (package/.index.json)`);
    const missing = entries.find((e) => !files.has(e.filename));
    if (missing) throw new DefinitionSourceError(file, `the package index lists package/${missing.filename}, which the archive does not hold`);
    store.addPackage({ source, core, files: entries, read });
    return;
  }
  for (const name of [...files.keys()].sort()) {
    if (!isResourceFileName(name, false)) continue;
    const resource = reader.parse(text(name), `${file} (package/${name})`, 'json');
    if (resource) store.addResource(resource, source, core);
  }
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
