// A snapshot as a tree: each element with its children (in order) and its slices (in order). The
// generator constrains the tree and writes it back as the flat, ordered list FHIR wants: an
// element, its children, then its slices, each slice followed by its own children and re-slices.
import { differentialIds, parseElementId, formatElementId } from './element-id';
import { dropNotInheritedExtensions } from './inherited-extensions';
import type { ElementDefinition, StructureDefinition } from './types';

export interface ElementNode {
  /** The last segment of the path: `component`, `value[x]`. */
  name: string;
  /** The element as it will be written (owned by this node; never shared with an input); its path is kept rebased. */
  element: ElementDefinition;
  /** The element as inherited, before this differential: what a new slice starts from. */
  original: ElementDefinition;
  children: ElementNode[];
  slices: ElementNode[];
  /** Part of what was inherited (a new slice copies inherited children only, as the base has them). */
  inherited: boolean;
  /** The definition this element was read from, to resolve a `#`-contentReference. */
  source: StructureDefinition;
  /**
   * A slice added to an element the base already slices: its children are those of the sliced
   * element, copied only when the differential goes below the slice.
   */
  childrenFrom?: ElementNode;
}

export function newNode(name: string, element: ElementDefinition, source: StructureDefinition, inherited: boolean): ElementNode {
  const own = structuredClone(element);
  dropNotInheritedExtensions(own);
  return { name, element: own, original: element, children: [], slices: [], inherited, source };
}

/**
 * Hangs the descendants of `rootId` among `elements` (a snapshot, in order) under `root`. Children
 * and slices are placed by their ids, so the paths may be rebased freely (a type's children under
 * an element of a profile, DomainResource's under a new resource).
 */
export function attachDescendants(root: ElementNode, elements: ElementDefinition[], rootId: string, source: StructureDefinition, inherited: boolean): void {
  const ids = differentialIds(elements);
  const byId = new Map<string, ElementNode>([[rootId, root]]);
  elements.forEach((element, index) => {
    const id = ids[index];
    if (!id.startsWith(`${rootId}.`) && !id.startsWith(`${rootId}:`)) return;
    const segments = parseElementId(id);
    const last = segments[segments.length - 1];
    const node = newNode(last.name, element, source, inherited);
    let parent: ElementNode | undefined;
    if (last.sliceName) {
      // A slice of the same element without its slice name; a re-slice `a/b` of the slice `a`.
      const slash = last.sliceName.lastIndexOf('/');
      const entry = [...segments.slice(0, -1), { name: last.name, sliceName: slash < 0 ? undefined : last.sliceName.slice(0, slash) }];
      parent = byId.get(formatElementId(entry));
      parent?.slices.push(node);
      if (parent) node.element.path = parent.element.path;
    } else {
      parent = byId.get(formatElementId(segments.slice(0, -1)));
      parent?.children.push(node);
      if (parent) node.element.path = `${parent.element.path}.${last.name}`;
    }
    if (parent) byId.set(id, node);
  });
}

/** A new slice's starting point: the inherited element and inherited children, without its slices. */
export function inheritedCopy(node: ElementNode, withSlices = false): ElementNode {
  const copy = newNode(node.name, node.original, node.source, true);
  copy.children = node.children.filter((child) => child.inherited).map((child) => inheritedCopy(child, true));
  if (withSlices) copy.slices = node.slices.filter((slice) => slice.inherited).map((slice) => inheritedCopy(slice, true));
  return copy;
}

/** The flat snapshot, with each element's path and id computed from its place in the tree. */
export function flatten(root: ElementNode, rootPath: string): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const visit = (node: ElementNode, path: string, parentId: string | undefined): void => {
    const ownId = parentId === undefined ? path : `${parentId}.${node.name}`;
    writeNode(node, path, ownId);
    const id = node.element.id as string;
    for (const child of node.children) visit(child, `${path}.${child.name}`, id);
    for (const slice of node.slices) visitSlice(slice, path, parentId);
  };
  const visitSlice = (slice: ElementNode, path: string, parentId: string | undefined): void => {
    const id = `${parentId === undefined ? '' : `${parentId}.`}${slice.name}:${slice.element.sliceName}`;
    writeNode(slice, path, id);
    for (const child of slice.children) visit(child, `${path}.${child.name}`, id);
    for (const reslice of slice.slices) visitSlice(reslice, path, parentId);
  };
  const writeNode = (node: ElementNode, path: string, id: string): void => {
    node.element.id = id;
    node.element.path = path;
    out.push(orderKeys(node.element));
  };
  visit(root, rootPath, undefined);
  return out;
}

/** ElementDefinition's properties in the order of its definition (FHIR JSON writes them so). */
const PROPERTY_ORDER = [
  'id', 'extension', 'modifierExtension', 'path', 'representation', 'sliceName', 'sliceIsConstraining', 'label', 'code',
  'slicing', 'short', 'definition', 'comment', 'requirements', 'alias', 'min', 'max', 'base', 'contentReference', 'type',
  'defaultValue', 'meaningWhenMissing', 'orderMeaning', 'fixed', 'pattern', 'example', 'minValue', 'maxValue', 'maxLength',
  'condition', 'constraint', 'mustHaveValue', 'valueAlternatives', 'mustSupport', 'isModifier', 'isModifierReason',
  'isSummary', 'binding', 'mapping',
];

function propertyRank(key: string): number {
  const exact = PROPERTY_ORDER.indexOf(key);
  if (exact >= 0) return exact;
  const choice = PROPERTY_ORDER.findIndex((p) => key.startsWith(p) && /[A-Z]/.test(key[p.length] ?? ''));
  return choice >= 0 ? choice : PROPERTY_ORDER.length;
}

function orderKeys(element: ElementDefinition): ElementDefinition {
  const keys = Object.keys(element).sort((a, b) => propertyRank(a) - propertyRank(b));
  return Object.fromEntries(keys.map((k) => [k, element[k]])) as ElementDefinition;
}

/** A copy of a subtree as it stands now, moved under `parentPath` (a contentReference's target). */
export function deepCopy(node: ElementNode, parentPath: string): ElementNode {
  const element = structuredClone(node.element);
  element.path = `${parentPath}.${node.name}`;
  return {
    ...node,
    element,
    children: node.children.map((child) => deepCopy(child, element.path)),
    slices: node.slices.map((slice) => deepCopy(slice, parentPath)),
  };
}
