import * as fs from 'node:fs';
import type { DefinitionStore } from '../definition-store';
import { DefinitionSourceError } from '../errors';
import { DefinitionReader } from './definition-reader';
import { addFolder } from './folder-source';
import { addPackageTgz } from './package-tgz-source';
import { locatePackage, parsePackageSpec, type LocateOptions } from './package-locator';

export { DefinitionReader };

/**
 * Adds one source of definitions, as `--ig` names it: a JSON or FHIR XML file, a folder (SUSHI
 * output, a package folder), a `package.tgz`, or a package `id#version` (`id@version`) from the
 * FHIR package cache. A path that exists is a path; otherwise the text must be a package.
 */
export interface SourceOptions extends LocateOptions {
  /** Shared by the sources of one store, so that FHIR XML is read with one set of models. */
  reader?: DefinitionReader;
}

export function addSource(store: DefinitionStore, source: string, options: SourceOptions = {}): void {
  const reader = options.reader ?? new DefinitionReader(store);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) {
    const spec = parsePackageSpec(source);
    if (!spec) throw new DefinitionSourceError(source, 'no such file or folder, and not a package id#version');
    return addFolder(store, locatePackage(spec.id, spec.version, options), reader);
  }
  if (stat.isDirectory()) return addFolder(store, source, reader);
  if (/\.(tgz|tar\.gz)$/i.test(source)) return addPackageTgz(store, source, reader);
  const resource = reader.readFile(source);
  if (!resource) throw new DefinitionSourceError(source, 'holds no FHIR conformance resource');
  store.addResource(resource, source);
}
