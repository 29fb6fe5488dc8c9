// What a fragment `#x` can point at inside a resource, as the HL7 validator counts targets (countTargetMatches):
// the id of any element or contained resource, and the `id` of a narrative element or the `name` of an anchor.
import type { BundleIndex, ResourceFrame } from './resource-frame';

/** Every fragment target under `nodes`: ids of objects, and `id`/`name` attributes of narratives (strings starting `<div`). */
function collectTargets(nodes: Iterable<unknown>): Set<string> {
  const targets = new Set<string>();
  const stack: unknown[] = [...nodes];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.startsWith('<div')) addNarrativeTargets(node, targets);
    } else if (Array.isArray(node)) {
      for (const n of node) stack.push(n);
    } else if (typeof node === 'object' && node !== null) {
      const id = (node as Record<string, unknown>).id;
      if (typeof id === 'string') targets.add(id);
      for (const v of Object.values(node)) stack.push(v);
    }
  }
  return targets;
}

/**
 * ` id="x"` or ` name='x'` anywhere in the XHTML text. The lookahead leaves the value unconsumed, so that an
 * attribute whose value itself holds ` id="…` is still found, as a substring search would find it.
 */
const NARRATIVE_TARGET = / (?:id|name)=(?="([^"]*)"|'([^']*)')/g;

function addNarrativeTargets(xhtml: string, into: Set<string>): void {
  for (const m of xhtml.matchAll(NARRATIVE_TARGET)) into.add(m[1] ?? m[2]);
}

/**
 * The targets under a root resource (or a Bundle's entries), collected the first time a fragment is looked up
 * there and kept for the rest of the walk: searching the whole tree again for every `#id` made a resource with
 * many unresolved canonicals quadratic (found by npm run fuzz: a 1.3 MB Questionnaire took 4.6 s).
 */
function targetsUnder(cache: WeakMap<object, ReadonlySet<string>>, key: object, nodes: () => Iterable<unknown>): ReadonlySet<string> {
  let targets = cache.get(key);
  if (!targets) {
    targets = collectTargets(nodes());
    cache.set(key, targets);
  }
  return targets;
}

/**
 * Whether `#id` names something for a resource being walked: one of its contained resources, or (looked up
 * only when that fails, which is rare) a target anywhere in its root resource or in the Bundle around it.
 */
export function resolvesFragment(frame: ResourceFrame, id: string): boolean {
  if (frame.contained?.has(id)) return true;
  const cache = frame.fragmentTargets ?? new WeakMap();
  if (targetsUnder(cache, frame.root, () => [frame.root]).has(id)) return true;
  const bundle: BundleIndex | undefined = frame.bundle;
  return bundle !== undefined && targetsUnder(cache, bundle, () => new Set([...bundle.byFullUrl.values(), ...bundle.byTypeAndId.values()])).has(id);
}
