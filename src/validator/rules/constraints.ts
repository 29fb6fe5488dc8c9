import type { ConstraintDef, ElementNode } from '../model/element-node';
import { resolveReference } from './references';
import { fromProfile, perList, type ElementView, type ValidatorRule, type ValueEvent, type Walk } from './rule';

/** ele-1, ext-1 and dom-3 are checked natively by the element-content, extension and contained rules. */
const NATIVE_CONSTRAINTS = new Set(['ele-1', 'ext-1', 'dom-3']);

/** A constraint and the definition it comes from (its path is the FHIRPath base; a profile's is named). */
interface Applied {
  c: ConstraintDef;
  node: ElementNode;
}

const merged = new WeakMap<readonly ElementView[], WeakMap<readonly ElementNode[], Applied[]>>();
const NO_ROOTS: readonly ElementNode[] = [];

/**
 * The FHIRPath constraints (invariants) of every definition of the element and of its type, each with its
 * severity. A profile's snapshot restates its base's constraints: each (key, expression) is evaluated once.
 */
function constraints(e: ValueEvent, w: Walk): void {
  const { views } = e;
  const roots = e.typeRoots;
  if (views.length === 1) {
    run(views[0].node.constraints, views[0].node, e, w);
    if (roots) for (let i = 0; i < roots.length; i++) run(roots[i].constraints, roots[i], e, w);
    return;
  }
  const byRoots = perList(merged, views, () => new WeakMap<readonly ElementNode[], Applied[]>());
  for (const { c, node } of perList(byRoots, roots ?? NO_ROOTS, (r) => merge(views, r))) evaluate(c, node, e, w);
}

/** The constraints of several definitions, each (key, expression) once, the base's first. */
function merge(views: readonly ElementView[], roots: readonly ElementNode[]): Applied[] {
  const out: Applied[] = [];
  for (const node of [...views.map((v) => v.node), ...roots]) {
    for (const c of node.constraints) {
      if (!NATIVE_CONSTRAINTS.has(c.key) && !out.some((a) => a.c.key === c.key && a.c.expression === c.expression)) out.push({ c, node });
    }
  }
  return out;
}

function run(list: readonly ConstraintDef[], node: ElementNode, e: ValueEvent, w: Walk): void {
  for (const c of list) if (!NATIVE_CONSTRAINTS.has(c.key)) evaluate(c, node, e, w);
}

function evaluate(c: ConstraintDef, node: ElementNode, e: ValueEvent, w: Walk): void {
  const frame = e.frame;
  const result = w.constraints.evaluate(c, node.path, e.value, frame.resource, frame.root, w.memo, (frame.resolver ??= (url) => resolveReference(url, frame)));
  if (result === 'pass') return;
  if (result === 'fail') w.out.add(c.severity, 'invariant', `${c.key}: ${c.human}${fromProfile(node, w)}`, e.expression, e.site, c.key);
  // A constraint fhirpath.js cannot evaluate is said once per input, not at every element it applies to.
  else if (w.out.firstTime(`constraint ${c.key}`)) w.out.add('information', 'not-supported', `${c.key} could not be evaluated: ${result.error.split('\n')[0]}`, e.expression, e.site, c.key);
}

export const constraintsRule: ValidatorRule = {
  name: 'constraints',
  ids: [],
  dynamicIds: "the constraint's key (ElementDefinition.constraint.key: dom-6, irf-1, ...)",
  checks: 'every constraint of the element definitions and of the types, evaluated in FHIRPath, with its own severity',
  spec: 'https://hl7.org/fhir/R5/conformance-rules.html#constraints',
  hooks: { constraints },
};
