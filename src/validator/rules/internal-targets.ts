// What a fragment `#x` can point at inside a resource, as the HL7 validator counts targets (countTargetMatches):
// the id of any element or contained resource, and the `id` of a narrative element or the `name` of an anchor.
import type { ResourceFrame } from './resource-frame';

/** Whether any object under `node` has this id, or a narrative under it an element with this id or anchor name. */
export function hasFragmentTarget(node: unknown, id: string): boolean {
  if (typeof node === 'string') return node.startsWith('<div') && (attributeIs(node, 'id', id) || attributeIs(node, 'name', id));
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some((n) => hasFragmentTarget(n, id));
  if ((node as Record<string, unknown>).id === id) return true;
  return Object.values(node).some((v) => hasFragmentTarget(v, id));
}

function attributeIs(xhtml: string, attribute: string, value: string): boolean {
  return xhtml.includes(` ${attribute}="${value}"`) || xhtml.includes(` ${attribute}='${value}'`);
}

/**
 * Whether `#id` names something for a resource being walked: one of its contained resources, or (searched only
 * when that fails, which is rare) a target anywhere in its root resource or in the Bundle around it.
 */
export function resolvesFragment(frame: ResourceFrame, id: string): boolean {
  if (frame.contained?.has(id) || hasFragmentTarget(frame.root, id)) return true;
  if (!frame.bundle) return false;
  for (const r of frame.bundle.byFullUrl.values()) if (hasFragmentTarget(r, id)) return true;
  for (const r of frame.bundle.byTypeAndId.values()) if (hasFragmentTarget(r, id)) return true;
  return false;
}
