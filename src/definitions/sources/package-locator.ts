import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedPackageDir, fhirPackageCacheDir, npmPackageDir, readManifest } from '../../packages/fhir-package-cache';
import { PackageNotFoundError } from '../errors';

/** A FHIR package named by id and version (`hl7.fhir.r5.core#5.0.0`). */
export interface PackageSpec {
  id: string;
  version: string;
}

// Package ids are lower-case dotted names in practice; case is not enforced, versions are semver-like.
const SPEC = /^([A-Za-z0-9][A-Za-z0-9._-]*)[#@]([A-Za-z0-9][A-Za-z0-9.+_-]*)$/;

/** `id#version` or `id@version` (npm's spelling), or undefined when the text is not one. */
export function parsePackageSpec(text: string): PackageSpec | undefined {
  const m = SPEC.exec(text);
  return m ? { id: m[1], version: m[2] } : undefined;
}

export interface LocateOptions {
  /** The FHIR package cache; default `fhirPackageCacheDir()` (FHIR_PACKAGE_CACHE or ~/.fhir/packages). */
  cacheDir?: string;
  /** The project whose node_modules hold the npm copies; default: none. */
  projectDir?: string;
}

/**
 * The folder of a package's resources (the one holding its package.json): in the FHIR package
 * cache, `<cache>/<id>#<version>/package`, where SUSHI and the HL7 validator put packages, or
 * else the npm copy in the project's node_modules when its version is the one asked for. The one
 * place in the project where a package is looked for.
 */
export function locatePackage(id: string, version: string, options: LocateOptions = {}): string {
  const cacheDir = options.cacheDir ?? fhirPackageCacheDir();
  const cached = cachedPackageDir(cacheDir, id, version);
  if (fs.existsSync(path.join(cached, 'package.json'))) return cached;
  if (options.projectDir) {
    let npmDir: string | undefined;
    try {
      npmDir = npmPackageDir(id, options.projectDir);
    } catch {
      npmDir = undefined; // not installed by npm
    }
    if (npmDir && readManifest(npmDir).version === version) return npmDir;
  }
  throw new PackageNotFoundError(`${id}#${version}`, `not in the FHIR package cache (${cached})${options.projectDir ? ' nor installed by npm' : ''}`);
}
