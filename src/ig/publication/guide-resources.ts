import type { FshInstanceInfo } from '../fsh-instances';
import type { FhirResource } from '../generated-resources';
import { CONFORMANCE_TYPES } from './metadata';

interface GuideResourceEntry {
  reference: { reference: string };
  name?: string;
  description?: string;
  isExample?: boolean;
  [key: string]: unknown;
}

/**
 * The ImplementationGuide's `definition.resource` with an entry for every resource of the IG.
 * SUSHI leaves out the instances of a custom resource (ImagingReference's examples) and the
 * definition in the core namespace; a package reader that follows the guide would not know they
 * are there. Existing entries are kept as SUSHI wrote them; missing ones are added with the FSH
 * title and description, in the IG's file order. Returns a new guide.
 */
export function withEveryResource(guide: FhirResource, resources: readonly FhirResource[], instances: readonly FshInstanceInfo[]): FhirResource {
  const definition = (guide.definition ?? {}) as { resource?: GuideResourceEntry[]; [key: string]: unknown };
  const entries = [...(definition.resource ?? [])];
  const listed = new Set(entries.map((e) => e.reference?.reference));
  const fsh = new Map(instances.map((i) => [i.id, i]));
  for (const r of resources) {
    const reference = `${r.resourceType}/${r.id}`;
    if (r === guide || r.resourceType === 'ImplementationGuide' || listed.has(reference)) continue;
    const info = fsh.get(r.id as string);
    const isExample = !CONFORMANCE_TYPES.has(r.resourceType) || info?.usage === 'Example';
    const name = info?.title ?? stringOf(r.title) ?? stringOf(r.name) ?? r.id;
    const description = info?.description ?? stringOf(r.description);
    entries.push({ reference: { reference }, ...(name ? { name } : {}), ...(description ? { description } : {}), isExample });
    listed.add(reference);
  }
  return { ...guide, definition: { ...definition, resource: entries } };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
