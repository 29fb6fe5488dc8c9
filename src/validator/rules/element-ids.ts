import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ValidatorRule } from './rule';

/**
 * Element ids are unique within a resource (https://hl7.org/fhir/R5/element-definitions.html#Element.id:
 * "Unique id for the element within a resource (for internal references)"), as the HL7 validator checks
 * them (DUPLICATE_ID): the resource's own id is not an element id, and each contained or entry resource
 * has ids of its own. In a StructureDefinition the snapshot repeats the differential's element ids
 * by design, so the snapshot is a scope of its own (as in the HL7 validator).
 */
export function checkElementIds(resource: Record<string, unknown>, expression: string, out: IssueCollector): void {
  const ids = new Map<string, object>();
  const path: (string | number)[] = [];
  for (const key in resource) {
    if (key === 'resourceType' || key === 'id') continue;
    const scope = key === 'snapshot' && resource.resourceType === 'StructureDefinition' ? new Map<string, object>() : ids;
    visitProperty(resource, key, scope, path, expression, out);
  }
}

// Every element of a resource is visited: the path is kept as a stack and made an expression only for a duplicate.

function visitProperty(container: Record<string, unknown>, key: string, ids: Map<string, object>, path: (string | number)[], root: string, out: IssueCollector): void {
  const value = container[key];
  if (value === null || typeof value !== 'object') return;
  path.push(key);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      visitElement(value[i], value, i, ids, path, root, out);
      path.pop();
    }
  } else visitElement(value, container, key, ids, path, root, out);
  path.pop();
}

function visitElement(value: unknown, container: object, key: string | number, ids: Map<string, object>, path: (string | number)[], root: string, out: IssueCollector): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const element = value as Record<string, unknown>;
  if (typeof element.resourceType === 'string') return; // a resource inside: its own scope, checked when it is validated
  const id = element.id;
  if (typeof id === 'string') {
    const first = ids.get(id);
    if (!first) ids.set(id, element);
    else if (first !== element) {
      const site: Site = { container, key };
      out.add('error', 'business-rule', `Duplicate id value '${id}'`, expressionOf(root, path), site, 'DUPLICATE_ID');
    }
  }
  for (const k in element) if (k !== 'id') visitProperty(element, k, ids, path, root, out);
}

/** `Resource.a[0].b`; `_name` (the id and extensions of the primitive `name`) is written `name`. */
function expressionOf(root: string, path: (string | number)[]): string {
  let s = root;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${p.charCodeAt(0) === 0x5f ? p.slice(1) : p}`;
  return s;
}

export const elementIdsRule: ValidatorRule = {
  name: 'element-ids',
  ids: ['DUPLICATE_ID'],
  checks: 'element ids are unique within a resource (each contained resource and Bundle entry its own scope)',
  spec: 'https://hl7.org/fhir/R5/element.html',
  hooks: { afterResource: (e, w) => checkElementIds(e.value as Record<string, unknown>, e.expression, w.out) },
};
