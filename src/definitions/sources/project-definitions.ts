import * as fs from 'node:fs';
import * as path from 'node:path';
import { PINNED_FHIR_PACKAGES } from '../../packages/fhir-package-cache';
import { DefinitionStore } from '../definition-store';
import { DefinitionSourceError, PackageNotFoundError } from '../errors';
import { addSource, DefinitionReader } from './add-source';
import { locatePackage } from './package-locator';
import { projectRoot } from './project-root';

export { projectRoot };

/** The versions of the pinned FHIR packages, from the project's package.json where npm pins them. */
export function pinnedPackageVersions(root = projectRoot()): { id: string; version: string }[] {
  const file = path.join(root, 'package.json');
  let pkg: { dependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DefinitionSourceError(file, `cannot read the project's package.json: ${(e as Error).message}`);
  }
  return PINNED_FHIR_PACKAGES.map((id) => ({ id, version: pkg.dependencies?.[id] ?? '?' }));
}

/**
 * The folders of the pinned FHIR packages (or of those named in `only`): the FHIR package cache
 * first, the npm copy as fallback.
 */
export function pinnedPackageDirs(root = projectRoot(), cacheDir?: string, only?: readonly string[]): string[] {
  const wanted = pinnedPackageVersions(root).filter(({ id }) => !only || only.includes(id));
  return wanted.map(({ id, version }) => {
    try {
      return locatePackage(id, version, { cacheDir, projectDir: root });
    } catch (e) {
      if (e instanceof PackageNotFoundError) throw new PackageNotFoundError(`${id}#${version}`, 'the pinned FHIR package is not installed: run `npm ci`');
      throw e;
    }
  });
}

export interface ProjectDefinitionOptions {
  /** FHIR package folders to load instead of the pinned ones. */
  packageDirs?: string[];
  /** Load this project's IG (fsh-generated/resources) too; default true. */
  includeProjectIg?: boolean;
  /** Extra sources: files (JSON, XML), folders, package.tgz files, `id#version` packages. */
  igPaths?: string[];
  /** The FHIR package cache for `id#version` sources; default FHIR_PACKAGE_CACHE or ~/.fhir/packages. */
  cacheDir?: string;
  /** The store to fill (a subclass that records what is added: the playground's chunker); default a new one. */
  store?: DefinitionStore;
  /** Called after the packages, before this project's IG is added (the chunker tells IG definitions apart). */
  beforeProjectIg?: () => void;
}

/**
 * The definitions of the project, in the order that decides overrides: the pinned FHIR packages
 * (or `packageDirs`), this project's IG output, then each `igPaths` source. Package resources
 * are indexed, not read; they are parsed when first used.
 */
export function loadProjectDefinitions(options: ProjectDefinitionOptions = {}): DefinitionStore {
  const root = projectRoot();
  const store = options.store ?? new DefinitionStore();
  const sourceOptions = { cacheDir: options.cacheDir, projectDir: root, reader: new DefinitionReader(store) };
  for (const dir of options.packageDirs ?? pinnedPackageDirs(root, options.cacheDir)) addSource(store, dir, sourceOptions);
  if (options.includeProjectIg !== false) {
    options.beforeProjectIg?.();
    const igDir = path.join(root, 'fsh-generated', 'resources');
    if (fs.existsSync(igDir)) addSource(store, igDir, sourceOptions);
  }
  for (const source of options.igPaths ?? []) addSource(store, source, sourceOptions);
  return store;
}

/**
 * A store of the pinned FHIR packages alone, without any IG (or only those named in `only`, such
 * as `hl7.fhir.r5.core`): what the review and the site compare the IG with.
 */
export function loadPinnedDefinitions(options: { only?: readonly string[]; cacheDir?: string } = {}): DefinitionStore {
  const root = projectRoot();
  const store = new DefinitionStore();
  const reader = new DefinitionReader(store);
  for (const dir of pinnedPackageDirs(root, options.cacheDir, options.only)) addSource(store, dir, { reader });
  return store;
}
