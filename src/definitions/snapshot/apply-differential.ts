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
import { checkTypeConstraint } from './type-constraints';
import { ensureChildren } from './unfold-children';

export function applyDifferential(context: SnapshotContext, differential: ElementDefinition[]): void {
  const ids = differentialIds(differential);
  differential.forEach((diff, index) => {
    const node = locate(context, ids[index], diff);
    if (!context.specialization) checkTypeConstraint(context, node.element, diff, ids[index]);
    constrainElement(node.element, diff, context.profile.url);
    context.constrained.add(node);
    if (diff.slicing) context.slicingStated.add(node);
    if (diff.min !== undefined && diff.min > 0 && isTypeSlice(node)) context.requiredTypeSlices.add(node);
  });
  settleTypeSlicing(context);
  settleSlicedMinimum(context, context.root);
}

/**
 * Slicing the differential uses without stating it (it names slices but not the sliced element:
 * the slicing is inherited, or the default one of extensions) takes at least the sum of its
 * slices' minimums, as the HL7 tooling writes it (ProfileUtilities' slice count check): an
 * extension with two required sub-extensions has `Extension.extension` 2..*.
 */
function settleSlicedMinimum(context: SnapshotContext, node: ElementNode): void {
  const implicit = (context.slicingAdded.has(node) || context.slicesConstrained.has(node)) && !context.constrained.has(node);
  if (implicit && node.slices.length && (node.element.base?.max ?? node.element.max) !== '1') {
    const sum = node.slices.reduce((n, s) => n + (s.element.min ?? 0), 0);
    if (sum > (node.element.min ?? 0)) node.element.min = sum;
  }
  for (const child of node.children) settleSlicedMinimum(context, child);
  for (const slice of node.slices) settleSlicedMinimum(context, slice);
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
  // Inside a slice, among the elements the base lists (not those of a type unfolded below it).
  let inSlice = false;
  segments.slice(1).forEach((segment, index) => {
    const last = index === segments.length - 2;
    node = child(context, node, segment.name, path, last ? diff : undefined, inSlice);
    if (!node.inherited) inSlice = false;
    path = `${path}.${segment.name}`;
    // `Extension.valueBoolean:valueBoolean` names the type slice twice.
    const named = segment.sliceName && !(isTypeSlice(node) && node.element.sliceName === segment.sliceName);
    if (named) {
      node = findOrCreateSlice(context, node, segment.sliceName!, last ? diff : undefined, path);
      inSlice = true;
    }
  });
  return node;
}

function child(context: SnapshotContext, parent: ElementNode, name: string, parentPath: string, diff: ElementDefinition | undefined, inSlice: boolean): ElementNode {
  const path = `${parentPath}.${name}`;
  // An element without a type is a logical model's group: its children are all its own.
  if (!parent.children.length && (!context.specialization || hasTypeOrReference(parent))) ensureChildren(context, parent, path);
  const existing = parent.children.find((c) => c.name === name);
  if (existing) return existing;
  const renamed = renamedChoice(parent.children, name);
  if (renamed) {
    const choice = renamed.child;
    // A choice already restricted to that one type is the element itself (no slice needed).
    if (choice.element.type?.length === 1 && !choice.slices.length) return choice;
    // Within a slice, the HL7 tooling restricts the choice to the named type instead of slicing it.
    if (inSlice && choice.inherited && !choice.slices.length && !choice.element.slicing) {
      choice.element.type = (choice.element.type ?? []).filter((t) => t.code === renamed.typeCode);
      return choice;
    }
    return typeSlice(context, choice, renamed.typeCode, name);
  }
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
 * them on each new element (constraints on a type apply wherever it is used).
 */
function elementConstraints(context: SnapshotContext, diff: ElementDefinition, path: string): Constraint[] {
  const rootConstraint = (type: string, key: string) =>
    (context.snapshotOf(typeUrl(type), path).snapshot!.element[0].constraint ?? []).filter((c) => c.key === key).map((c) => structuredClone(c));
  const codes = (diff.type ?? []).map((t) => t.code);
  // In a logical model, the HL7 tooling gives ele-1 only to the backbone elements.
  if (context.profile.kind === 'logical' && !codes.some((code) => code === 'BackboneElement' || code === 'Element')) return [];
  // FHIRPath system types (an id's value) and resources are not Elements.
  if (codes.length && codes.every((code) => code.startsWith('http://hl7.org/fhirpath/') || code === 'Resource')) return [];
  return [...rootConstraint('Element', 'ele-1'), ...(codes.includes('Extension') ? rootConstraint('Extension', 'ext-1') : [])];
}

function hasTypeOrReference(node: ElementNode): boolean {
  return Boolean(node.element.type?.length || node.element.contentReference);
}
