import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The FHIR core package: its types are the base types; every other type is a custom one. */
export const CORE_PACKAGE = 'hl7.fhir.r5.core';

/** The FHIR packages this project needs, pinned as npm dependencies in package.json. */
export const PINNED_FHIR_PACKAGES = [CORE_PACKAGE, 'hl7.terminology.r5', 'hl7.fhir.uv.extensions.r5'] as const;

/** The npm manifest of a FHIR package (the fields we use). */
export interface FhirPackageManifest {
  name: string;
  version: string;
  date?: string;
  fhirVersions?: string[];
  dependencies?: Record<string, string>;
}

/** One entry of a package's `.index.json` (FHIR NPM package format, index-version 2). */
export interface PackageIndexEntry {
  filename: string;
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  derivation?: string;
}

export class PackageCacheError extends Error {
  override name = 'PackageCacheError';
}

/**
 * The FHIR package cache that SUSHI (fhir-package-loader) and the HL7 Java validator read:
 * `~/.fhir/packages`, which both tools hard-wire. `FHIR_PACKAGE_CACHE` points this project's
 * own look-ups elsewhere (tests use a temporary cache); SUSHI does not read it.
 */
export function fhirPackageCacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return env.FHIR_PACKAGE_CACHE || sushiPackageCacheDir(home);
}

/** Where SUSHI and the HL7 validator look, whatever FHIR_PACKAGE_CACHE says: the install script fills it. */
export function sushiPackageCacheDir(home = os.homedir()): string {
  return path.join(home, '.fhir', 'packages');
}

/** The folder `<cache>/<id>#<version>/package` where a package's resources live. */
export function cachedPackageDir(cacheDir: string, name: string, version: string): string {
  return path.join(cacheDir, `${name}#${version}`, 'package');
}

export function readManifest(packageDir: string): FhirPackageManifest {
  const file = path.join(packageDir, 'package.json');
  let manifest: FhirPackageManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageCacheError(`cannot read the FHIR package manifest ${file}: ${(e as Error).message}`);
  }
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new PackageCacheError(`${file} has no name and version: not a FHIR package`);
  }
  return manifest;
}

/**
 * Builds a package's `.index.json` from its resource files: what tools read to find a
 * resource by URL or type without parsing every file.
 */
export function buildPackageIndex(packageDir: string): { 'index-version': 2; files: PackageIndexEntry[] } {
  const files: PackageIndexEntry[] = [];
  for (const filename of fs.readdirSync(packageDir).sort()) {
    if (!filename.endsWith('.json') || filename === 'package.json' || filename.startsWith('.')) continue;
    let resource: Record<string, unknown>;
    try {
      resource = JSON.parse(fs.readFileSync(path.join(packageDir, filename), 'utf8'));
    } catch {
      continue; // not a resource; the package tools skip such files too
    }
    if (typeof resource?.resourceType !== 'string') continue;
    const entry: PackageIndexEntry = { filename, resourceType: resource.resourceType };
    for (const key of ['id', 'url', 'version', 'kind', 'type', 'derivation'] as const) {
      if (typeof resource[key] === 'string') entry[key] = resource[key] as string;
    }
    files.push(entry);
  }
  return { 'index-version': 2, files };
}

export type InstallOutcome = 'installed' | 'already-present' | 'kept-different-copy';

/**
 * Copies an npm-installed FHIR package into the cache, with its `.index.json`.
 * Idempotent: an identical copy is left as it is. A different copy of the same id#version
 * (for instance one the HL7 tools downloaded) is never overwritten: it is reported instead.
 * The copy is made in a temporary folder and renamed into place, so that an interrupted
 * install never leaves a half-filled package behind.
 */
export function installIntoCache(sourceDir: string, cacheDir: string): { outcome: InstallOutcome; target: string; manifest: FhirPackageManifest } {
  const manifest = readManifest(sourceDir);
  const target = cachedPackageDir(cacheDir, manifest.name, manifest.version);
  if (fs.existsSync(target)) {
    const same = samePackage(sourceDir, target);
    return { outcome: same ? 'already-present' : 'kept-different-copy', target, manifest };
  }
  const packageRoot = path.dirname(target);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheDir, `.${manifest.name}#${manifest.version}-`));
  try {
    const stagedPackage = path.join(staging, 'package');
    fs.cpSync(sourceDir, stagedPackage, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
    if (!fs.existsSync(path.join(stagedPackage, '.index.json'))) {
      fs.writeFileSync(path.join(stagedPackage, '.index.json'), JSON.stringify(buildPackageIndex(stagedPackage), null, 1));
    }
    if (fs.existsSync(packageRoot)) {
      // <id>#<version>/ exists without package/: an empty leftover; fill it.
      fs.renameSync(stagedPackage, target);
      fs.rmSync(staging, { recursive: true, force: true });
    } else {
      fs.renameSync(staging, packageRoot);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new PackageCacheError(`cannot install ${manifest.name}#${manifest.version} into ${cacheDir}: ${(e as Error).message}`);
  }
  return { outcome: 'installed', target, manifest };
}

/** Same package: same manifest (name, version, build date) and the same resource files. */
function samePackage(sourceDir: string, cachedDir: string): boolean {
  let cached: FhirPackageManifest;
  try {
    cached = readManifest(cachedDir);
  } catch {
    return false;
  }
  const source = readManifest(sourceDir);
  if (cached.name !== source.name || cached.version !== source.version || cached.date !== source.date) return false;
  const resourceFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort().join('\n');
  return resourceFiles(sourceDir) === resourceFiles(cachedDir);
}

/** Where npm installed a dependency of this project. */
export function npmPackageDir(name: string, projectDir: string): string {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [projectDir] }));
}
