import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORE_PACKAGE, type FhirPackageManifest } from '../../packages/fhir-package-cache';
import type { DefinitionStore } from '../definition-store';
import { DefinitionSourceError } from '../errors';
import type { DefinitionReader } from './definition-reader';
import { isResourceFileName, parsePackageIndex } from './package-index';

/**
 * Adds a folder: a FHIR package folder with `.index.json` (indexed, each file parsed on first
 * use), a folder with `package/` inside (an unpacked package), or else every JSON and FHIR XML
 * file directly in it (SUSHI's fsh-generated/resources, a package folder without index).
 */
export function addFolder(store: DefinitionStore, dir: string, reader: DefinitionReader, outermost = true): void {
  if (fs.existsSync(path.join(dir, '.index.json'))) return addIndexedPackage(store, dir, reader);
  // One level only: a `package` link back to its own folder must not send this round in circles.
  if (outermost && isDirectory(path.join(dir, 'package'))) return addFolder(store, path.join(dir, 'package'), reader, false);
  const core = manifestOf(dir)?.name === CORE_PACKAGE;
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (e) {
    throw new DefinitionSourceError(dir, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (const name of names) {
    const file = path.join(dir, name);
    // Anything but a folder is read, so that a FIFO or a device named x.json is refused, not skipped.
    if (!isResourceFileName(name, true) || isDirectory(file)) continue;
    const resource = reader.readFile(file);
    if (resource) store.addResource(resource, file, core);
  }
}

function addIndexedPackage(store: DefinitionStore, dir: string, reader: DefinitionReader): void {
  const indexFile = path.join(dir, '.index.json');
  let text: string;
  try {
    text = fs.readFileSync(indexFile, 'utf8');
  } catch (e) {
    throw new DefinitionSourceError(indexFile, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const files = parsePackageIndex(text, indexFile);
  const manifest = manifestOf(dir);
  store.addPackage({
    source: manifest ? `${manifest.name}#${manifest.version}` : dir,
    core: manifest?.name === CORE_PACKAGE,
    files,
    read(filename) {
      const file = path.join(dir, filename);
      const resource = reader.readFile(file);
      if (!resource) throw new DefinitionSourceError(file, 'not a FHIR resource, though the package index lists it');
      return resource;
    },
  });
}

/** The npm manifest of a package folder, when it has one naming the package. */
export function manifestOf(dir: string): FhirPackageManifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return typeof manifest?.name === 'string' && typeof manifest.version === 'string' ? manifest : undefined;
  } catch {
    return undefined; // no manifest: a plain folder of resources
  }
}

function isDirectory(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
