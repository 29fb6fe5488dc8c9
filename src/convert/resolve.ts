import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FhirResource } from '../ig/generated-resources';
import { ConversionInputError } from './errors';
import type { Resolver } from './kos/imaging-reference-to-kos';
import type { Reference } from './resources';

/**
 * Resolves relative references (`Patient/x`) to the FHIR JSON resources of a folder, by type and
 * id; files that are not JSON resources are passed over (a folder of examples holds other files).
 */
export function folderResolver(folder: string): Resolver {
  let files: string[];
  try {
    files = fs.readdirSync(folder).filter((f) => f.endsWith('.json'));
  } catch (e) {
    throw new ConversionInputError(`cannot read the --resolve folder ${folder}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const byReference = new Map<string, FhirResource>();
  for (const file of files) {
    try {
      const resource = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as FhirResource & { id?: unknown };
      if (typeof resource?.resourceType === 'string' && typeof resource.id === 'string') byReference.set(`${resource.resourceType}/${resource.id}`, resource);
    } catch {
      // not JSON: not a resource to resolve to
    }
  }
  return (reference: Reference) => (reference.reference ? byReference.get(reference.reference) : undefined);
}
