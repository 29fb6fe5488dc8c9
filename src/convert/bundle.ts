import type { FhirResource } from '../ig/generated-resources';
import type { Bundle } from './resources';

/** One resource as it is; several as a Bundle of type collection. */
export function singleOrCollection(resources: FhirResource[]): FhirResource {
  if (resources.length === 1) return resources[0];
  const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
  return bundle;
}
