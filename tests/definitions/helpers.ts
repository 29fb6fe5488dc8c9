import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import type { Definition } from '../../src/definitions/definition-store';
import { loadPinnedDefinitions, pinnedPackageDirs } from '../../src/definitions/sources/project-definitions';
import { buildPackageIndex } from '../../src/packages/fhir-package-cache';

export const PROFILE_URL = 'http://example.org/fhir/StructureDefinition/patient-with-birth-date';
export const PACKAGE = { name: 'example.fhir.store-test', version: '1.0.0' };

let core: ReturnType<typeof loadPinnedDefinitions> | undefined;
export function coreStore() {
  core ??= loadPinnedDefinitions({ only: ['hl7.fhir.r5.core'] });
  return core;
}

/**
 * A profile of Patient with birthDate 1..1, made from the core Patient snapshot: the validator
 * finds it only when the source holding it was loaded, and it flips the verdict of a Patient.
 */
export function birthDateProfile(): Definition {
  const patient = coreStore().get('http://hl7.org/fhir/StructureDefinition/Patient')!;
  const { text: _text, extension: _extension, ...base } = structuredClone(patient);
  return {
    ...base,
    id: 'patient-with-birth-date',
    url: PROFILE_URL,
    version: '1.0.0',
    name: 'PatientWithBirthDate',
    title: 'Patient with a birth date',
    derivation: 'constraint',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    snapshot: { element: base.snapshot.element.map((e: Definition) => (e.path === 'Patient.birthDate' ? { ...e, min: 1 } : e)) },
    differential: { element: [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }] },
  };
}

export const valueSet = (title: string): Definition => ({ resourceType: 'ValueSet', id: 'store-test', url: 'http://example.org/fhir/ValueSet/store-test', version: '1.0.0', status: 'active', title });

export function tempDir(prefix = 'imgref-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A package folder (`package.json` and the resources), with or without `.index.json`. */
export function writePackageFolder(dir: string, resources: Definition[], withIndex: boolean, manifest: object = PACKAGE): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const r of resources) fs.writeFileSync(path.join(dir, `${r.resourceType}-${r.id}.json`), JSON.stringify(r));
  if (withIndex) fs.writeFileSync(path.join(dir, '.index.json'), JSON.stringify(buildPackageIndex(dir)));
  return dir;
}

/** A package.tgz of a folder laid out as `package/…` (entries as they are, `../` and absolute ones too). */
export function writeTgz(file: string, cwd: string, entries: string[] = ['package']): string {
  tar.c({ file, gzip: true, cwd, sync: true, portable: true, preservePaths: true }, entries);
  return file;
}

/**
 * A temporary FHIR package cache that also holds the pinned packages (linked to the real cache),
 * so that the validator finds them there as usual rather than parsing the npm copies.
 */
export function temporaryCache(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const pkgDir of pinnedPackageDirs()) {
    const entry = path.dirname(pkgDir);
    if (path.basename(pkgDir) === 'package' && path.basename(entry).includes('#')) fs.symlinkSync(entry, path.join(dir, path.basename(entry)));
  }
  return dir;
}
