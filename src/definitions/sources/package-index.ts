import type { PackageContents } from '../definition-store';
import { DefinitionSourceError } from '../errors';

type IndexFiles = PackageContents['files'];

/**
 * The entries of a package's `.index.json`. A filename must be a plain name in the package
 * folder: an index cannot send the loader to another folder.
 */
export function parsePackageIndex(text: string, source: string): IndexFiles {
  let index: { files?: unknown };
  try {
    index = JSON.parse(text);
  } catch (e) {
    throw new DefinitionSourceError(source, `the package index is not valid JSON: ${(e as Error).message}`);
  }
  if (!index || !Array.isArray(index.files)) throw new DefinitionSourceError(source, 'the package index has no "files" list');
  const files: IndexFiles = [];
  for (const f of index.files as IndexFiles) {
    if (!f || typeof f.filename !== 'string' || typeof f.resourceType !== 'string') throw new DefinitionSourceError(source, 'the package index has an entry without filename or resourceType');
    if (!isPlainFileName(f.filename)) throw new DefinitionSourceError(source, `the package index names a file outside the package: ${JSON.stringify(f.filename)}`);
    files.push(f);
  }
  return files;
}

export function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** The files of a folder or archive that may be resources: JSON (and FHIR XML where allowed), not the manifest, not hidden. */
export function isResourceFileName(name: string, xml: boolean): boolean {
  if (name.startsWith('.') || name === 'package.json') return false;
  const lower = name.toLowerCase();
  return lower.endsWith('.json') || (xml && lower.endsWith('.xml'));
}
