// Slices (R5 profiling.html#slicing): finding a slice the base already has, or adding a new one.
// A new slice starts from the sliced element as inherited (not as this differential constrained
// it), with its inherited children; a re-slice `a/b` starts from the slice `a`; an extension slice
// with a profile starts from the extension's root element.
import { choiceTypeCode, isChoice, typeSliceName, typeSlicing } from './choice-types';
import { fillFromUsage } from './constrain-element';
import type { SnapshotContext } from './context';
import { inheritedCopy, type ElementNode } from './element-tree';
import { InvalidConstraintError, MissingSlicingError, UnknownPathError } from './errors';
import type { ElementDefinition } from './types';

/** Extensions are always sliced by url (R5 extensibility.html), even when a profile does not say so. */
function extensionSlicing() {
  return { discriminator: [{ type: 'value', path: 'url' }], ordered: false, rules: 'open' };
}

export function findOrCreateSlice(context: SnapshotContext, entry: ElementNode, sliceName: string, diff: ElementDefinition | undefined, path: string): ElementNode {
  if (isChoice(entry) && !sliceName.includes('/')) {
    const typeCode = diff?.type?.length === 1 ? diff.type[0].code : choiceTypeCode(entry, sliceName);
    if (!typeCode) throw new UnknownPathError(context.profile.url, `${path}:${sliceName}`, `'${sliceName}' is not a type of ${entry.name}`);
    return typeSlice(context, entry, typeCode, sliceName);
  }
  const parts = sliceName.split('/');
  if (diff && parts.length === 1) context.slicesConstrained.add(entry);
  let sliced = entry;
  for (let depth = 1; depth <= parts.length; depth++) {
    const name = parts.slice(0, depth).join('/');
    const existing = sliced.slices.find((s) => s.element.sliceName === name);
    if (existing) {
      sliced = existing;
    } else if (depth < parts.length) {
      throw new UnknownPathError(context.profile.url, `${path}:${name}`, `re-slice ${sliceName} of a slice that does not exist`);
    } else {
      sliced = addSlice(context, sliced, name, diff, path);
    }
  }
  return sliced;
}

function addSlice(context: SnapshotContext, sliced: ElementNode, name: string, diff: ElementDefinition | undefined, path: string): ElementNode {
  const element = sliced.element;
  if (!element.slicing) {
    if (!(sliced.name === 'extension' || sliced.name === 'modifierExtension')) throw new MissingSlicingError(context.profile.url, path, name);
    element.slicing = extensionSlicing();
    context.slicingAdded.add(sliced);
  }
  const isReslice = Boolean(element.sliceName);
  // The HL7 tooling adds a slice to an element the base already slices without its children.
  const slicedInBase = !isReslice && Boolean(sliced.original.slicing);
  const slice = isReslice ? { ...inheritedCopy(sliced), element: structuredClone(element) } : inheritedCopy(sliced);
  if (slicedInBase) {
    slice.children = [];
    slice.childrenFrom = sliced;
  }
  const extensionRoot = extensionTemplate(context, sliced, diff, path);
  if (extensionRoot) slice.element = extensionRoot;
  slice.element.sliceName = name;
  delete slice.element.slicing;
  if (diff?.min === undefined) {
    const rules = element.slicing!.rules;
    if (slicedInBase || (rules !== 'closed' && !isReslice)) slice.element.min = 0;
    else if (rules === 'closed' && sliced.slices.length >= 1) slice.element.min = 0;
  }
  sliced.slices.push(slice);
  return slice;
}

/**
 * An extension slice whose type names the extension's profile takes that extension's root
 * element (short, definition, cardinality), completed from the `extension` element it slices.
 */
function extensionTemplate(context: SnapshotContext, sliced: ElementNode, diff: ElementDefinition | undefined, path: string): ElementDefinition | undefined {
  const base = sliced.original;
  const type = diff?.type;
  if (type?.length !== 1 || type[0].code !== 'Extension' || type[0].profile?.length !== 1) return undefined;
  if (!(base.type ?? []).some((t) => t.code === 'Extension')) return undefined;
  if (base.type?.[0]?.profile?.[0] === type[0].profile[0]) return undefined;
  const extension = context.snapshotOf(type[0].profile[0], path);
  const root = structuredClone(extension.snapshot!.element[0]);
  const template = fillFromUsage(root, base);
  template.path = sliced.element.path;
  template.base = structuredClone(base.base ?? { path: base.path, min: base.min, max: base.max });
  return template;
}

/** The type slice of a choice element for one type (created on first use). */
export function typeSlice(context: SnapshotContext, choice: ElementNode, typeCode: string, sliceName = typeSliceName(choice, typeCode)): ElementNode {
  if (!context.typeSliced.has(choice)) {
    context.typeSliced.add(choice);
    if (!choice.element.slicing) choice.element.slicing = typeSlicing();
  }
  const existing = choice.slices.find((s) => s.element.sliceName === sliceName);
  if (existing) return existing;
  const slice = inheritedCopy(choice);
  slice.element.sliceName = sliceName;
  slice.element.type = [{ code: typeCode }];
  delete slice.element.slicing;
  choice.slices.push(slice);
  return slice;
}

/**
 * Settles the slicing of each choice element this differential type-sliced, as the HL7 tooling
 * does: open unless every allowed type has a slice; several type slices share the element's
 * cardinality (each 0..); a single required type slice makes the element required, of that type.
 */
export function settleTypeSlicing(context: SnapshotContext): void {
  for (const choice of context.typeSliced) {
    const element = choice.element;
    const inheritedSlicing = Boolean(choice.original.slicing);
    element.slicing = { ...typeSlicing(), ...(element.slicing?.description ? { description: element.slicing.description } : {}) };
    const slices = choice.slices;
    const required = slices.find((s) => context.requiredTypeSlices.has(s));
    if (slices.length > 1 && !inheritedSlicing) {
      // A value has one type: with several type slices, none can be required.
      if (required) throw new InvalidConstraintError(context.profile.url, required.element.path, `type slice ${required.element.sliceName} is required, but ${choice.name} has ${slices.length} type slices`);
      for (const slice of slices) slice.element.min = 0;
    } else if (required) {
      if (!inheritedSlicing) element.min = 1;
      const fixed = required.element.type?.[0]?.code;
      element.type = (element.type ?? []).filter((t) => t.code === fixed);
    }
    // Slicing the base already had stays closed: the new slices only constrain those types.
    if (inheritedSlicing || element.max === '0') continue;
    const sliced = new Set(slices.map((s) => s.element.type?.[0]?.code));
    if (!(element.type ?? []).some((t) => !sliced.has(t.code))) continue;
    if (choice.name === 'value[x]' && choice.element.path.endsWith('xtension.value[x]') && !context.constrained.has(choice)) {
      // An extension's value named by its type slices alone (no `value[x]` element) allows just those types.
      element.type = (element.type ?? []).filter((t) => sliced.has(t.code));
    } else {
      element.slicing.rules = 'open';
    }
  }
}

