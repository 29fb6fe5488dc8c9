import type { ElementNode } from '../model/element-node';
import { fromProfile, perList, type ObjectEvent, type ObjectView, type ValidatorRule, type Walk } from './rule';

/** A bounded child of some definition of the object; `twin`: an earlier one with the same name and bound. */
interface Bound {
  node: ElementNode;
  minTwin?: number;
  maxTwin?: number;
}

const merged = new WeakMap<readonly ObjectView[], Bound[]>();

/**
 * min and max of every child of one object, from the counts the walker made, for each definition of the
 * object. A bound that an earlier definition (the base) states for the same element and that already failed
 * is not reported again: a profile restating the base's `min = 1` adds no second finding.
 */
function cardinality(e: ObjectEvent, w: Walk): void {
  if (e.views.length === 1) {
    for (const node of e.views[0].children.bounded) {
      const n = e.counts.get(node) ?? 0;
      if (n < node.min) reportMin(node, n, e, w);
      else if (n > node.max) reportMax(node, n, e, w);
    }
    return;
  }
  const bounds = perList(merged, e.views, mergeBounds);
  let failed: boolean[] | undefined;
  for (let i = 0; i < bounds.length; i++) {
    const { node, minTwin, maxTwin } = bounds[i];
    const n = e.counts.get(node) ?? 0;
    if (n < node.min) {
      (failed ??= [])[i] = true;
      if (minTwin === undefined || !failed[minTwin]) reportMin(node, n, e, w);
    } else if (n > node.max) {
      (failed ??= [])[i] = true;
      if (maxTwin === undefined || !failed[maxTwin]) reportMax(node, n, e, w);
    }
  }
}

/** The bounded children of several definitions, each node once (BackboneElement's id is in all of them). */
function mergeBounds(views: readonly ObjectView[]): Bound[] {
  const out: Bound[] = [];
  for (const view of views) {
    for (const node of view.children.bounded) {
      if (out.some((b) => b.node === node)) continue;
      const minTwin = out.findIndex((b) => b.node.name === node.name && b.node.isChoice === node.isChoice && b.node.min === node.min);
      const maxTwin = out.findIndex((b) => b.node.name === node.name && b.node.isChoice === node.isChoice && b.node.max === node.max);
      out.push({ node, minTwin: minTwin < 0 ? undefined : minTwin, maxTwin: maxTwin < 0 ? undefined : maxTwin });
    }
  }
  return out;
}

function reportMin(node: ElementNode, n: number, e: ObjectEvent, w: Walk): void {
  w.out.add('error', 'required', `${label(node)}: minimum required = ${node.min}, but only found ${n}${fromProfile(node, w)}`, e.expression, e.site, 'cardinality-min');
}

function reportMax(node: ElementNode, n: number, e: ObjectEvent, w: Walk): void {
  w.out.add('error', 'structure', `${label(node)}: max allowed = ${node.max}, but found ${n}${fromProfile(node, w)}`, `${e.expression}.${node.name}`, { container: e.object, key: node.name }, 'cardinality-max');
}

function label(node: ElementNode): string {
  return node.isChoice ? `${node.name}[x]` : node.name;
}

export const cardinalityRule: ValidatorRule = {
  name: 'cardinality',
  ids: ['cardinality-min', 'cardinality-max'],
  checks: 'each child element occurs at least min and at most max times, for the base definition and every profile',
  spec: 'https://hl7.org/fhir/R5/conformance-rules.html#cardinality',
  hooks: { cardinality },
  runsIn: 'also the XML reader (an element that repeats where it may not)',
};
