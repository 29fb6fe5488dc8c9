import { createHash } from 'node:crypto';
import type { FhirResource } from '../ig/generated-resources';
import type { Bundle } from './resources';

/**
 * One resource as it is; several as a Bundle of type collection. Entries need a fullUrl (bdl-15);
 * it is a name-based UUID of the entry's content and position, so the same input always gives the
 * same output.
 */
export function singleOrCollection(resources: FhirResource[]): FhirResource {
  if (resources.length === 1) return resources[0];
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:${contentUuid(`${i}\n${JSON.stringify(resource)}`)}`, resource })),
  };
  return bundle;
}

/** An RFC 9562 version 5 style UUID (SHA-1 of the text, version and variant bits set). */
export function contentUuid(text: string): string {
  const hash = createHash('sha1').update(text).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
