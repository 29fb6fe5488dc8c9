import type { FhirResource } from '../generated-resources';

/** The IG-level facts that the IG Publisher copies onto each conformance resource that lacks them. */
export interface PublicationFacts {
  version: string;
  publisher?: { name?: string; url?: string };
  /** The build's date-time (FHIR dateTime). */
  date: string;
}

/** Resource types whose instances are definitions of the IG (canonical resources), not examples. */
export const CONFORMANCE_TYPES: ReadonlySet<string> = new Set([
  'StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'CompartmentDefinition', 'ConceptMap',
  'NamingSystem', 'OperationDefinition', 'CapabilityStatement', 'ImplementationGuide', 'StructureMap',
]);

/**
 * SUSHI writes `version`, `publisher` and `date` on the ImplementationGuide only; the IG Publisher
 * applies the IG's version, publisher (with its contact) and date to every definition that has none
 * of its own, so that a tool reading the package sees `…|0.1.0` canonicals. What the FSH sets stands.
 * Returns a new resource; the fields go where FHIR orders them (after `url`/`identifier`, before `name`).
 */
export function withPublicationMetadata(resource: FhirResource, facts: PublicationFacts): FhirResource {
  if (!CONFORMANCE_TYPES.has(resource.resourceType)) return resource;
  const added: Record<string, unknown> = {};
  if (resource.version === undefined) added.version = facts.version;
  if (resource.date === undefined) added.date = facts.date;
  const name = facts.publisher?.name;
  if (resource.publisher === undefined && name) added.publisher = name;
  if (resource.contact === undefined && name && facts.publisher?.url) {
    added.contact = [{ name, telecom: [{ system: 'url', value: facts.publisher.url }] }];
  }
  if (!Object.keys(added).length) return resource;
  return placed(resource, added);
}

/**
 * A copy of `resource` with the added fields where R5 canonical resources order them: `version`
 * after `url`/`identifier`, then `date`, `publisher`, `contact` after `status`/`experimental`.
 */
function placed(resource: FhirResource, added: Record<string, unknown>): FhirResource {
  const keys = Object.keys(resource);
  const lastOf = (names: string[]) => Math.max(...names.map((n) => keys.indexOf(n)));
  const groups: [number, string[]][] = [
    [lastOf(['url', 'identifier']), ['version']],
    [lastOf(['status', 'experimental']), ['date', 'publisher', 'contact']],
  ];
  const out: Record<string, unknown> = {};
  const put = (fields: string[]) => fields.filter((f) => f in added).forEach((f) => (out[f] = added[f]));
  keys.forEach((k, i) => {
    out[k] = resource[k];
    for (const [at, fields] of groups) if (at === i) put(fields);
  });
  for (const [at, fields] of groups) if (at < 0) put(fields);
  return out as FhirResource;
}
