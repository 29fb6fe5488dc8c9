// Walks a differential over the inherited element tree: each differential element finds (or, for
// slices, unfolded children and a specialization's new elements, creates) the element it
// constrains, which then takes the differential's constraints.
import { renamedChoice, isChoice } from './choice-types';
import { constrainElement } from './constrain-element';
import { typeUrl, type SnapshotContext } from './context';
import { parseElementId, differentialIds } from './element-id';
import { newNode, type ElementNode } from './element-tree';
import { UnknownPathError } from './errors';
import { findOrCreateSlice, settleTypeSlicing, typeSlice } from './slices';
import type { Constraint, ElementDefinition } from './types';
import { ensureChildren } from './unfold-children';

export function applyDifferential(context: SnapshotContext, differential: ElementDefinition[]): void {
  const ids = differentialIds(differential);
  differential.forEach((diff, index) => {
    const node = locate(context, ids[index], diff);
    constrainElement(node.element, diff, context.profile.url);
    if (diff.min !== undefined && diff.min > 0 && isTypeSlice(node)) context.requiredTypeSlices.add(node);
  });
  settleTypeSlicing(context);
}

function isTypeSlice(node: ElementNode): boolean {
  return isChoice(node) && Boolean(node.element.sliceName);
}

/** The element of the tree that the differential element with this id constrains. */
function locate(context: SnapshotContext, id: string, diff: ElementDefinition): ElementNode {
  const segments = parseElementId(id);
  const url = context.profile.url;
  if (segments[0].name !== context.root.name) throw new UnknownPathError(url, id, `the path does not start with ${context.root.name}`);
  if (segments[0].sliceName) throw new UnknownPathError(url, id, 'the root element cannot be sliced');
  let node = context.root;
  let path = context.root.name;
  segments.slice(1).forEach((segment, index) => {
    const last = index === segments.length - 2;
    node = child(context, node, segment.name, path, last ? diff : undefined);
    path = `${path}.${segment.name}`;
    if (segment.sliceName) node = findOrCreateSlice(context, node, segment.sliceName, last ? diff : undefined, path);
  });
  return node;
}

function child(context: SnapshotContext, parent: ElementNode, name: string, parentPath: string, diff: ElementDefinition | undefined): ElementNode {
  const path = `${parentPath}.${name}`;
  // An element without a type is a logical model's group: its children are all its own.
  if (!parent.children.length && (!context.specialization || hasTypeOrReference(parent))) ensureChildren(context, parent, path);
  const existing = parent.children.find((c) => c.name === name);
  if (existing) return existing;
  const renamed = renamedChoice(parent.children, name);
  if (renamed) return typeSlice(context, renamed.child, renamed.typeCode, name);
  if (context.specialization && diff) {
    // A specialization (a resource, a data type, a logical model) defines its own elements.
    const added = newNode(name, { path }, context.profile, false);
    added.element.base = { path, min: diff.min ?? 0, max: diff.max ?? '*' };
    added.element.constraint = elementConstraints(context, diff, path);
    parent.children.push(added);
    return added;
  }
  throw new UnknownPathError(context.profile.url, path);
}

/**
 * Every element obeys Element's ele-1, and an extension Extension's ext-1: the core snapshots list
 * them on each new element (R5 §2.1.0.1: constraints on a type apply wherever it is used).
 */
function elementConstraints(context: SnapshotContext, diff: ElementDefinition, path: string): Constraint[] {
  const rootConstraint = (type: string, key: string) =>
    (context.snapshotOf(typeUrl(type), path).snapshot!.element[0].constraint ?? []).filter((c) => c.key === key).map((c) => structuredClone(c));
  const codes = (diff.type ?? []).map((t) => t.code);
  if (codes.length && codes.every((code) => code.startsWith('http://hl7.org/fhirpath/'))) return [];
  return [...rootConstraint('Element', 'ele-1'), ...(codes.includes('Extension') ? rootConstraint('Extension', 'ext-1') : [])];
}

function hasTypeOrReference(node: ElementNode): boolean {
  return Boolean(node.element.type?.length || node.element.contentReference);
}
