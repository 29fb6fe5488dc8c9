import type { IssueCollector, Site } from '../outcome/issue-collector';
import { resolvesFragment } from './internal-targets';
import type { ResourceFrame } from './resource-frame';
import type { ValidatorRule } from './rule';

/**
 * Contained resources (https://hl7.org/fhir/R5/references.html#contained): each has an id, unique
 * among its siblings, and "A contained resource SHALL only be included in a resource if something
 * in that resource (potentially another contained resource) has a reference to it or if the
 * contained resource references the container resource" (dom-3).
 *
 * dom-3 is checked here, natively: as FHIRPath it collects every reference of the whole resource
 * again for each contained resource (cubic in fhirpath.js). Instead the walker notes, as it meets
 * them, the `#id` values of Reference.reference and of uri, url and canonical elements, per
 * resource (rules/references, instance-walker); the narrative's `a/@href` and `img/@src` are
 * read here. That is what the HL7 validator counts as a reference too, and its message ids are used.
 */

/** The types whose `#id` values name a contained resource (besides Reference.reference). */
const URI_TYPES = new Set(['uri', 'url', 'canonical']);

/** Notes a `#id` (or `#`) the resource's own content refers to. */
export function noteInternalReference(frame: ResourceFrame, literal: string): void {
  (frame.internalRefs ??= new Set()).add(literal.slice(1));
}

/** For the walker's primitives: a uri, url or canonical value that starts with `#` is an internal reference. */
export function noteUriValue(frame: ResourceFrame, typeCode: string | undefined, value: unknown): void {
  if (typeof value === 'string' && value.charCodeAt(0) === 0x23 && typeCode && URI_TYPES.has(typeCode)) noteInternalReference(frame, value);
}

/** A contained resource's frame, registered with its container so that its references count for dom-3. */
export function registerContained(container: ResourceFrame, contained: ResourceFrame): void {
  (container.containedRefs ??= new Map()).set(contained.resource, (contained.internalRefs ??= new Set()));
}

/**
 * After the container and its contained resources were walked: ids present and unique, each
 * contained resource referenced from the container, from a sibling, or referring to the container.
 */
export function checkContained(frame: ResourceFrame, expression: string, out: IssueCollector): void {
  const contained = frame.resource.contained;
  if (!Array.isArray(contained) || contained.length === 0) return;
  const fromContainer = withNarrative(frame.internalRefs, frame.resource);
  const fromSiblings = new Map<string, number>(); // id -> how many siblings refer to it (a resource does not count for itself)
  const own: (Set<string> | undefined)[] = contained.map((c) => {
    if (!isResource(c)) return undefined;
    const refs = withNarrative(frame.containedRefs?.get(c), c);
    for (const id of refs) fromSiblings.set(id, (fromSiblings.get(id) ?? 0) + 1);
    return refs;
  });
  const seen = new Set<string>();
  contained.forEach((c: unknown, i: number) => {
    if (!isResource(c)) return;
    const where = `${expression}.contained[${i}]`;
    const site = { container: contained, key: i };
    const id = c.id;
    if (typeof id !== 'string' || id === '') {
      out.add('error', 'invalid', `Resource requires an id, but none is present (a contained resource is referred to by its id)`, where, site, 'Resource_RES_ID_Missing');
      return;
    }
    if (seen.has(id)) out.add('error', 'duplicate', `Duplicate ID for contained resource: ${id}`, where, { container: c, key: 'id' }, 'RESOURCE_DUPLICATE_CONTAINED_ID');
    seen.add(id);
    const refs = own[i]!;
    const bySibling = (fromSiblings.get(id) ?? 0) - (refs.has(id) ? 1 : 0) > 0;
    if (fromContainer.has(id) || bySibling || refs.has('')) return;
    out.add('error', 'invalid', `The contained resource '${id}' is not referenced to from elsewhere in the containing resource nor does it refer to the containing resource (dom-3)`, where, site, 'CONTAINED_ORPHAN_DOM3');
  });
}

const isResource = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `href="#id"` and `src="#id"` in the resource's narrative: one pass over its text. */
const NARRATIVE_REF = /\s(?:href|src)\s*=\s*(?:"#([^"]*)"|'#([^']*)')/g;

function withNarrative(refs: Set<string> | undefined, resource: Record<string, any>): Set<string> {
  const div = resource.text?.div;
  if (typeof div !== 'string' || !div.includes('#')) return refs ?? new Set();
  const all = new Set(refs);
  for (const id of narrativeFragmentIds(div)) all.add(id);
  return all;
}

/** The ids a narrative's `href="#id"` and `src="#id"` name (`href="#"` is a link to the top of the page, not to the container). */
export function* narrativeFragmentIds(div: string): Generator<string> {
  for (const m of div.matchAll(NARRATIVE_REF)) {
    const id = m[1] ?? m[2];
    if (id) yield id;
  }
}

/**
 * A canonical `#id` names "the contained resource with that id" (https://hl7.org/fhir/R5/references.html#canonical:
 * canonical references to contained resources use `#id`, as literal references do). As in the HL7 validator
 * (TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL), any element id in the root resource, a narrative `id` or `a/@name`,
 * or an id in the enclosing Bundle also counts as a target; a canonical that names none of them is an error.
 * uri and url values with `#id` are left alone: the HL7 validator only hints at those outside publication.
 */
function checkInternalCanonical(frame: ResourceFrame, value: string, expression: string, site: Site, out: IssueCollector): void {
  if (value === '#' || resolvesFragment(frame, value.slice(1))) return;
  out.add('error', 'invalid', `The URL value '${value}' is invalid because there is no matching target`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL');
}

/** Every contained resource has an id, unique, and is referenced from its container (dom-3, checked natively). */
export const containedRule: ValidatorRule = {
  name: 'contained',
  ids: ['Resource_RES_ID_Missing', 'RESOURCE_DUPLICATE_CONTAINED_ID', 'CONTAINED_ORPHAN_DOM3', 'TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL'],
  checks: 'every contained resource has an id, no two the same, and each is referenced (a Reference, canonical, uri, url or narrative href/src of #id): dom-3 natively; a canonical #id names a target',
  spec: 'https://hl7.org/fhir/R5/references.html#contained',
  hooks: {
    // uri, url and canonical values that name `#id` count as references to a contained resource.
    primitive: (e, w) => {
      noteUriValue(e.frame, e.typeCode, e.value);
      if (e.typeCode === 'canonical' && typeof e.value === 'string' && e.value.charCodeAt(0) === 0x23) checkInternalCanonical(e.frame, e.value, e.expression, e.site, w.out);
      return true;
    },
    afterResource: (e, w) => {
      if (!e.frame.container) checkContained(e.frame, e.expression, w.out);
    },
  },
};
