// Definitions for the snapshot tests: this folder's fixtures first, then the pinned FHIR packages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { folderResolver } from '../../../scripts/definition-folders';
import type { DefinitionResolver, StructureDefinition } from '../../../src/definitions/snapshot';
import { npmPackageDir } from '../../../src/packages/fhir-package-cache';

const projectDir = path.join(__dirname, '..', '..', '..');
export const FIXTURES = path.join(projectDir, 'tests', 'fixtures', 'snapshot');

export function readJson<T = StructureDefinition>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function fixture(name: string, folder = FIXTURES): StructureDefinition {
  return readJson(path.join(folder, `StructureDefinition-${name}.json`));
}

/** The StructureDefinitions of `folders`, then those of the R5 core package. */
export function resolverWith(...folders: string[]): DefinitionResolver {
  const local = new Map<string, StructureDefinition>();
  for (const folder of folders) {
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'expected.json')) {
      const sd = readJson(path.join(folder, file));
      if (sd.resourceType === 'StructureDefinition') local.set(sd.url, sd);
    }
  }
  const core = folderResolver([npmPackageDir('hl7.fhir.r5.core', projectDir)]);
  return (url) => local.get(url.split('|')[0]) ?? core(url);
}
