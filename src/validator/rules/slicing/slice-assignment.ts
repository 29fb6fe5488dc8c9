import type { ElementNode, SlicingDef } from '../../model/element-node';
import type { IssueCollector, Site } from '../../outcome/issue-collector';
import type { ResourceFrame } from '../resource-frame';
import { compileSlicing } from './slice-criteria';
import { sliceMatches, type SlicingHost } from './slice-matcher';
import * as msg from './slicing-messages';

/** The items of one sliced element in one object, and where to report about them. */
export interface SlicedItems {
  sliced: ElementNode;
  /** The items (one for a single-valued element); null items are skipped. */
  items: unknown[];
  /** The FHIR type of the items (for a choice element, the type its JSON name gives). */
  itemType?: string;
  itemExpression(index: number): string;
  itemSite(index: number): Site;
  /** The object holding the items: slice cardinality is reported there, as the HL7 validator does. */
  parentExpression: string;
  parentSite: Site;
  frame: ResourceFrame;
}

/**
 * Puts each item in its slice (and re-slice) and reports what the slicing forbids: an item in no slice of a
 * closed slicing, an item in two slices, slices out of order, items after unsliced ones in openAtEnd slicing,
 * and each slice's min and max (FHIR R5 profiling.html#slicing). Returns the deepest slice of each item, so that
 * the caller walks it against that slice's definition. Costs items × slices discriminator tests.
 */
export function assignSlices(s: SlicedItems, host: SlicingHost, out: IssueCollector): (ElementNode | undefined)[] {
  const assigned: (ElementNode | undefined)[] = new Array(s.items.length);
  const all: number[] = [];
  for (let i = 0; i < s.items.length; i++) if (s.items[i] !== null && s.items[i] !== undefined) all.push(i);
  assignLevel(s.sliced, undefined, all, s, host, out, assigned);
  return assigned;
}

function assignLevel(sliced: ElementNode, inherited: SlicingDef | undefined, indices: number[], s: SlicedItems, host: SlicingHost, out: IssueCollector, assigned: (ElementNode | undefined)[]): void {
  const c = compileSlicing(sliced, host.models, inherited);
  if (!c.slices.length) return;
  const profile = versionedUrl(sliced.owner, host);
  const problem = c.slices.find((x) => x.problem)?.problem;
  if (problem) {
    for (const i of indices) out.add('error', 'not-supported', msg.cannotEvaluate(problem), s.itemExpression(i), s.itemSite(i), 'slicing-unevaluable');
    return;
  }
  const bySlice: number[][] = c.slices.map(() => []);
  let lastSlice = -1;
  let unslicedSeen = false;
  for (const i of indices) {
    const item = { value: s.items[i], type: s.itemType };
    let chosen = -1;
    // Without a discriminator no item can be told to be in a slice (as the HL7 validator reads it): all are unsliced.
    for (let k = 0; k < c.slices.length && c.slicing.discriminators.length; k++) {
      if (!sliceMatches(c.slices[k], item, i, s.frame, host)) continue;
      if (chosen < 0) chosen = k;
      else {
        out.add('error', 'invalid', msg.matchesSeveral(profile, c.slices[chosen].name, c.slices[k].name), s.itemExpression(i), s.itemSite(i), 'slicing-ambiguous');
        break;
      }
    }
    if (chosen < 0) {
      unslicedSeen = true;
      lastSlice = -1;
      if (c.slicing.rules === 'closed') {
        out.add('error', 'invalid', msg.notInClosedSlicing(profile, sliced.elementId ?? sliced.path, c.slices.map((x) => x.name)), s.itemExpression(i), s.itemSite(i), 'slicing-closed');
      }
      continue;
    }
    const slice = c.slices[chosen];
    assigned[i] = slice.node;
    bySlice[chosen].push(i);
    if (c.slicing.rules === 'openAtEnd' && unslicedSeen) {
      out.add('error', 'invalid', msg.notAtEnd(profile, sliced.elementId ?? sliced.path, slice.name), s.itemExpression(i), s.itemSite(i), 'slicing-open-at-end');
    }
    if (c.slicing.ordered && chosen < lastSlice) {
      out.add('error', 'invalid', msg.outOfSliceOrder(profile, sliced.name), s.itemExpression(i), s.itemSite(i), 'slicing-order');
    }
    lastSlice = chosen;
  }
  c.slices.forEach((slice, k) => {
    const n = bySlice[k].length;
    const id = slice.node.elementId ?? `${sliced.path}:${slice.name}`;
    if (n < slice.node.min) {
      const extensionUrl = sliced.name === 'extension' || sliced.name === 'modifierExtension' ? slice.node.types[0]?.profiles[0] : undefined;
      out.add('error', 'required', msg.sliceMinimum(id, slice.node.min, n, profile, extensionUrl), s.parentExpression, s.parentSite, 'slicing-min');
    } else if (n > slice.node.max) {
      out.add('error', 'structure', msg.sliceMaximum(id, slice.node.max, n, profile), s.parentExpression, s.parentSite, 'slicing-max');
    }
    // A re-sliced slice: its items are put in its re-slices, under its own slicing or, failing that, the one above.
    if (slice.node.slices && n) assignLevel(slice.node, c.slicing, bySlice[k], s, host, out, assigned);
  });
}

function versionedUrl(url: string, host: SlicingHost): string {
  const version = host.models.model(url)?.definition.version;
  return typeof version === 'string' ? `${url}|${version}` : url;
}
