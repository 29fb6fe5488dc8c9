import * as fs from 'node:fs';
import * as path from 'node:path';
import { readGeneratedResources, type FhirResource } from '../../src/ig/generated-resources';

export const PROJECT_DIR = path.resolve(__dirname, '..', '..');

let cache: FhirResource[] | undefined;

/** The resources SUSHI generated (`npm run build` runs before `npm test`). */
export function generated(): FhirResource[] {
  cache ??= readGeneratedResources(PROJECT_DIR).map((g) => g.resource);
  return cache;
}

export function generatedById(resourceType: string, id: string): FhirResource {
  const found = generated().find((r) => r.resourceType === resourceType && r.id === id);
  if (!found) throw new Error(`no generated ${resourceType}/${id}`);
  return found;
}

/** The names of every `Instance:` declared in the FSH sources. */
export function fshInstanceNames(): string[] {
  const dir = path.join(PROJECT_DIR, 'input', 'fsh');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.fsh'))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^Instance:\s*(\S+)/gm)].map((m) => m[1]));
}
