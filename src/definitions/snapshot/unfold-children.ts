// When a differential constrains below an element whose children the base does not list (a
// data type such as `Observation.code` → `.coding`, an extension slice → its own extensions, a
// `contentReference`), the children are brought in from the type's snapshot, or from the
// referenced element, with their paths and ids rebased (R5 profiling.html).
import type { SnapshotContext } from './context';
import { typeUrl } from './context';
import { attachDescendants, deepCopy, inheritedCopy, type ElementNode } from './element-tree';
import { differentialIds } from './element-id';
import { UnknownPathError } from './errors';

export function ensureChildren(context: SnapshotContext, node: ElementNode, path: string): void {
  if (node.children.length) return;
  const element = node.element;
  const entry = node.childrenFrom;
  if (entry && ['Base', 'Element', 'BackboneElement'].includes(element.type?.[0]?.code ?? '')) {
    node.children = entry.children.filter((child) => child.inherited).map((child) => inheritedCopy(child, true));
    return;
  }
  if (element.contentReference) {
    unfoldContentReference(context, node, path);
    return;
  }
  const types = element.type ?? [];
  if (types.length !== 1) {
    throw new UnknownPathError(context.profile.url, path, types.length ? `cannot constrain the children of an element with ${types.length} types (${types.map((t) => t.code).join(', ')}); constrain a type slice` : 'the element has no type to take children from');
  }
  const [type] = types;
  const url = type.profile?.length === 1 ? type.profile[0] : typeUrl(type.code);
  const typeDefinition = context.snapshotOf(url, path);
  const elements = typeDefinition.snapshot!.element;
  attachDescendants(node, elements, elements[0].id ?? elements[0].path, typeDefinition, false);
  if (context.specialization && context.profile.kind === 'resource' && (type.code === 'BackboneElement' || type.code === 'Element')) {
    // The core resource snapshots list a backbone element's inherited `extension` without the
    // extension slicing that the Element type declares; new resources are written the same way.
    for (const child of node.children) delete child.element.slicing;
  }
}

function unfoldContentReference(context: SnapshotContext, node: ElementNode, path: string): void {
  const reference = node.element.contentReference!;
  const targetPath = reference.slice(reference.indexOf('#') + 1);
  const source = node.source;
  if (source === context.profile) {
    // A reference inside a definition being written (a specialization): copy from the tree.
    const target = findByPath(context.root, targetPath);
    if (!target) throw new UnknownPathError(context.profile.url, path, `contentReference ${reference} does not resolve`);
    node.children = target.children.map((child) => deepCopy(child, node.element.path));
    node.element.type = structuredClone(target.element.type);
  } else {
    const elements = source.snapshot!.element;
    const ids = differentialIds(elements);
    const index = elements.findIndex((e, i) => e.path === targetPath && !ids[i].includes(':'));
    if (index < 0) throw new UnknownPathError(context.profile.url, path, `contentReference ${reference} does not resolve in ${source.url}`);
    attachDescendants(node, elements, ids[index], source, false);
    node.element.type = structuredClone(elements[index].type);
  }
  delete node.element.contentReference;
}

function findByPath(root: ElementNode, path: string): ElementNode | undefined {
  let node: ElementNode | undefined = root;
  for (const name of path.split('.').slice(1)) {
    node = node?.children.find((c) => c.name === name);
  }
  return node;
}
