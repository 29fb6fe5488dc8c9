// A snapshot generator's resolver over folders of FHIR JSON files (a package folder, SUSHI's
// output): a StructureDefinition is looked for as `StructureDefinition-<id>.json`, the file name
// FHIR packages and SUSHI use, and only when that fails by reading the folder's definitions once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DefinitionResolver, StructureDefinition } from '../src/definitions/snapshot';

export function folderResolver(folders: string[]): DefinitionResolver {
  const found = new Map<string, StructureDefinition | undefined>();
  let scanned: Map<string, StructureDefinition> | undefined;
  const read = (file: string): StructureDefinition | undefined => {
    try {
      const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
      return resource?.resourceType === 'StructureDefinition' ? (resource as StructureDefinition) : undefined;
    } catch {
      return undefined;
    }
  };
  const scan = (): Map<string, StructureDefinition> => {
    scanned ??= new Map();
    for (const folder of folders) {
      for (const file of fs.readdirSync(folder).filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json'))) {
        const sd = read(path.join(folder, file));
        if (sd && !scanned.has(sd.url)) scanned.set(sd.url, sd);
      }
    }
    return scanned;
  };
  return (canonical) => {
    const url = canonical.split('|')[0];
    if (found.has(url)) return found.get(url);
    const id = url.slice(url.lastIndexOf('/') + 1);
    let sd: StructureDefinition | undefined;
    for (const folder of folders) {
      const candidate = read(path.join(folder, `StructureDefinition-${id}.json`));
      if (candidate?.url === url) {
        sd = candidate;
        break;
      }
    }
    sd ??= scan().get(url);
    found.set(url, sd);
    return sd;
  };
}
