/**
 * FHIRPath's resolve() for constraints. fhirpath.js has one, but it is asynchronous (it fetches
 * from a server) and constraints run synchronously, so it fails ("could not be evaluated"). This
 * one is synchronous and looks where the HL7 validator looks offline (FHIRPathEngine.funcResolve,
 * InstanceValidator.resolveReference): `#id` among the contained resources, anything else among
 * the entries of the enclosing Bundle. What it does not find resolves to nothing (empty).
 */
/** Finds the resource a reference or URL names, for the resource being validated. */
export type ReferenceResolver = (url: string) => Record<string, any> | undefined;

interface FhirpathNode {
  data?: unknown;
}

/** fhirpath.js's ResourceNode class, as its instances carry it (it is not among the package's exports). */
type NodeClass = { makeResNode: (...args: unknown[]) => unknown };

/** One per ConstraintEvaluator: the resolver of the evaluation under way is set around each call. */
export class SyncResolve {
  current?: ReferenceResolver;
  private resourceNode?: NodeClass;

  /** fhirpath.js's userInvocationTable entry that replaces its resolve(). */
  invocationTable(): Record<string, unknown> {
    const self = this;
    return {
      resolve: {
        // fhirpath.js passes its own nodes (and `this` as its context), so results can be typed resources.
        internalStructures: true,
        fn(this: unknown, items: unknown[]) {
          const found: unknown[] = [];
          self.resourceNode ??= nodeClassOf(items);
          for (const item of items ?? []) {
            const url = urlOf(item);
            const target = url && url !== '#' ? self.current?.(url) : undefined;
            if (target) found.push(self.node(this, target));
          }
          return found;
        },
      },
    };
  }

  /** A typed node for a resource, as fhirpath.js makes for its own results (so `is Practitioner` works). */
  private node(ctx: unknown, resource: Record<string, any>): unknown {
    return this.resourceNode ? this.resourceNode.makeResNode(ctx, resource, null, null, null, null) : resource;
  }
}

/** The class of the nodes fhirpath.js hands to resolve(): the elements it navigated to are its ResourceNodes. */
function nodeClassOf(items: unknown[] | undefined): NodeClass | undefined {
  for (const item of items ?? []) {
    const ctor = (item as { constructor?: Partial<NodeClass> } | null)?.constructor;
    if (typeof ctor?.makeResNode === 'function') return ctor as NodeClass;
  }
  return undefined;
}

/** The URL an item names: a Reference's `reference`, or the value of a uri, canonical or string. */
function urlOf(item: unknown): string | undefined {
  const value = item !== null && typeof item === 'object' && 'data' in (item as object) ? (item as FhirpathNode).data : item;
  if (typeof value === 'string') return value;
  if (value instanceof String) return value.valueOf();
  const reference = (value as { reference?: unknown } | null)?.reference;
  return typeof reference === 'string' ? reference : undefined;
}
