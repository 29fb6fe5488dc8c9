// Definitions for the snapshot tests: the R5 core package (read file by file, as the tests need
// them) and this folder's fixtures, behind the generator's resolver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DefinitionResolver, StructureDefinition } from '../../../src/definitions/snapshot';
import { npmPackageDir } from '../../../src/packages/fhir-package-cache';

const projectDir = path.join(__dirname, '..', '..', '..');
const coreDir = npmPackageDir('hl7.fhir.r5.core', projectDir);
export const FIXTURES = path.join(projectDir, 'tests', 'fixtures', 'snapshot');
const CORE = 'http://hl7.org/fhir/StructureDefinition/';

export function readJson<T = StructureDefinition>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function fixture(name: string, folder = FIXTURES): StructureDefinition {
  return readJson(path.join(folder, `StructureDefinition-${name}.json`));
}

/** Core definitions by URL, then every StructureDefinition JSON file of `folders`. */
export function resolverWith(...folders: string[]): DefinitionResolver {
  const local = new Map<string, StructureDefinition>();
  for (const folder of folders) {
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'expected.json')) {
      const sd = readJson(path.join(folder, file));
      if (sd.resourceType === 'StructureDefinition') local.set(sd.url, sd);
    }
  }
  const core = new Map<string, StructureDefinition | undefined>();
  return (url) => {
    const key = url.split('|')[0];
    if (local.has(key)) return local.get(key);
    if (!key.startsWith(CORE)) return undefined;
    if (!core.has(key)) {
      const file = path.join(coreDir, `StructureDefinition-${key.slice(CORE.length)}.json`);
      core.set(key, fs.existsSync(file) ? readJson(file) : undefined);
    }
    return core.get(key);
  };
}
