/**
 * dom-3 of R5 DomainResource ("a contained resource is referenced from elsewhere in the resource,
 * or refers to the containing resource") in time linear in the resource. Evaluated as written, it
 * collects every reference of the whole resource again for each contained resource, and fhirpath.js
 * then unions them by comparing each with all the others: cubic (500 contained resources: 5 s,
 * 2,000: minutes). Here the same FHIRPath parts run on fhirpath.js once per resource (so the types
 * that ofType() needs are fhirpath.js's own), their values go into a set, and each contained
 * resource's '#id' is looked up in it.
 */
import { Unsupported, type Evaluator } from './fast-fhirpath';

/** The expression of dom-3 in hl7.fhir.r5.core (whitespace aside). */
export const DOM_3_EXPRESSION =
  "contained.where((('#'+id in (%resource.descendants().reference | %resource.descendants().ofType(canonical) | %resource.descendants().ofType(uri) | %resource.descendants().ofType(url))) " +
  "or descendants().where(reference = '#').exists() or descendants().where(ofType(canonical) = '#').exists() or descendants().where(ofType(canonical) = '#').exists()).not())" +
  ".trace('unmatched', id).empty()";

/** The four operands of the union, each evaluated once instead of once per contained resource. */
const REFERENCES = ['%resource.descendants().reference', '%resource.descendants().ofType(canonical)', '%resource.descendants().ofType(uri)', '%resource.descendants().ofType(url)'];
/** The contained resources that refer to their container (`#`): one pass over all of them. */
const REFERS_TO_CONTAINER = "contained.where(descendants().where(reference = '#').exists() or descendants().where(ofType(canonical) = '#').exists())";

type Compiled = (data: unknown, env: Record<string, unknown>) => unknown[];
/** fhirpath.js, compiled for the base path of the constraint. */
export type FhirpathCompiler = (expression: string) => Compiled;

export function isDom3(expression: string): boolean {
  return expression.replace(/\s+/g, ' ').trim() === DOM_3_EXPRESSION;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** dom-3 as an evaluator of the fast compiler's form: the result fhirpath.js gives for the expression. */
export function compileDom3(compile: FhirpathCompiler): Evaluator {
  let references: Compiled[] | undefined;
  let refersToContainer: Compiled | undefined;
  return (focus, env) => {
    if (focus.length !== 1 || !isObject(focus[0])) throw new Unsupported('dom-3 on something other than one resource');
    const unreferenced = new Map<Record<string, unknown>, string>();
    for (const item of containedOf(focus[0])) {
      // As fhirpath.js: an item that is not an object has no id, nor has one whose id is absent.
      if (!isObject(item) || item.id === undefined || item.id === null) continue;
      // fhirpath.js fails on '#' + a number, a boolean or an object; an id that is not one string is a structure error anyway.
      if (typeof item.id !== 'string') throw new Error(`'#'+id: the id of a contained resource is ${Array.isArray(item.id) ? 'an array' : typeof item.id}, not a string`);
      unreferenced.set(item, `#${item.id}`);
    }
    if (unreferenced.size === 0) return [true];
    // Every value the fhirpath.js parts can yield is a string of the JSON: a '#id' (or a '#') that is no
    // string anywhere in the resource cannot match, and the costly typed walk of fhirpath.js is spared.
    const strings = stringsOf(env.resource);
    const fhirpathEnv = { resource: env.resource, rootResource: env.rootResource };
    if ([...unreferenced.values()].some((ref) => strings.has(ref))) {
      references ??= REFERENCES.map(compile);
      const referenced = new Set<unknown>();
      for (const part of references) for (const value of part(env.resource, fhirpathEnv)) if (typeof value === 'string') referenced.add(value);
      for (const [item, ref] of unreferenced) if (referenced.has(ref)) unreferenced.delete(item);
    }
    if (unreferenced.size === 0) return [true];
    if (!strings.has('#')) return [false];
    refersToContainer ??= compile(REFERS_TO_CONTAINER);
    // fhirpath.js gives back the JSON objects themselves for resources.
    for (const item of refersToContainer(focus[0], fhirpathEnv)) unreferenced.delete(item as Record<string, unknown>);
    return [unreferenced.size === 0];
  };
}

/** Every string value in a JSON tree, in one pass (iterative: depth is bounded by the parser, not the stack). */
function stringsOf(root: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isObject(v)) for (const x of Object.values(v)) stack.push(x);
  }
  return out;
}

/** `contained` as FHIRPath navigates it: the items of an array (nulls left out), or the single value. */
function containedOf(resource: Record<string, unknown>): unknown[] {
  const contained = resource.contained;
  if (contained === undefined || contained === null) return [];
  return Array.isArray(contained) ? contained.filter((x) => x !== null && x !== undefined) : [contained];
}
