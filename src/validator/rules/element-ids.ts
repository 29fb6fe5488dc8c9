import type { IssueCollector, Site } from '../outcome/issue-collector';

/**
 * Element ids are unique within a resource (https://hl7.org/fhir/R5/element-definitions.html#Element.id:
 * "Unique id for the element within a resource (for internal references)"), as the HL7 validator checks
 * them (DUPLICATE_ID): the resource's own id is not an element id, and each contained or entry resource
 * has ids of its own. In a StructureDefinition the snapshot repeats the differential's element ids
 * by design, so the snapshot is a scope of its own (as in the HL7 validator).
 */
export function checkElementIds(resource: Record<string, unknown>, expression: string, out: IssueCollector): void {
  const ids = new Map<string, object>();
  for (const key of Object.keys(resource)) {
    if (key === 'resourceType' || key === 'id') continue;
    const scope = key === 'snapshot' && resource.resourceType === 'StructureDefinition' ? new Map<string, object>() : ids;
    visitProperty(resource, key, expression, scope, out);
  }
}

function visitProperty(container: Record<string, unknown>, key: string, expression: string, ids: Map<string, object>, out: IssueCollector): void {
  const value = container[key];
  // `_name` holds the id and extensions of the primitive `name`.
  const expr = `${expression}.${key.charCodeAt(0) === 0x5f ? key.slice(1) : key}`;
  if (Array.isArray(value)) value.forEach((item, i) => visitElement(item, `${expr}[${i}]`, { container: value, key: i }, ids, out));
  else visitElement(value, expr, { container, key }, ids, out);
}

function visitElement(value: unknown, expression: string, site: Site, ids: Map<string, object>, out: IssueCollector): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const element = value as Record<string, unknown>;
  if (typeof element.resourceType === 'string') return; // a resource inside: its own scope, checked when it is validated
  const id = element.id;
  if (typeof id === 'string') {
    const first = ids.get(id);
    if (!first) ids.set(id, element);
    else if (first !== element) out.add('error', 'business-rule', `Duplicate id value '${id}'`, expression, site, 'DUPLICATE_ID');
  }
  for (const key of Object.keys(element)) if (key !== 'id') visitProperty(element, key, expression, ids, out);
}
