import type { StructureModel } from '../model/element-node';
import { registerContained } from './contained';

/** What rules need to know about the resource being walked and the resources around it. */
export interface ResourceFrame {
  resource: Record<string, any>;
  /**
   * The resource's own FHIRPath expression (`Bundle.entry[0].resource`, `Observation.contained[0]`): rules that
   * follow an element's expression through the instance start from `resource` there (rules/extension-context).
   * Frames made without it (tests of other rules) leave those rules nothing to follow.
   */
  expression?: string;
  /**
   * FHIRPath's %rootResource: the container of a contained resource, else the resource itself (a
   * Bundle entry's resource is its own root: it is not contained in the Bundle).
   */
  root: Record<string, any>;
  /** For a contained resource: the resource that contains it. */
  container?: Record<string, any>;
  /** ids of the resource's contained resources (or of its siblings, when contained), for `#id` references. */
  contained?: Map<string, Record<string, any>>;
  /** Set inside a Bundle: its entries by fullUrl. */
  bundle?: BundleIndex;
  /** Profiles (`--profile`) that apply to the Bundle's entries of their type. */
  entryProfiles?: StructureModel[];
  /**
   * The `#id` (as `id`; `#` as '') this resource's own content refers to, outside its contained
   * resources: Reference.reference, uri, url and canonical values (rules/contained).
   */
  internalRefs?: Set<string>;
  /** For a container: the internalRefs of each of its contained resources. */
  containedRefs?: Map<object, Set<string>>;
  /**
   * Shared by every frame of one walk: the `#id` targets under a root resource or a Bundle's entries, collected
   * the first time a fragment is looked up there (rules/internal-targets).
   */
  fragmentTargets?: WeakMap<object, ReadonlySet<string>>;
  /** Resolves a reference for FHIRPath's resolve(), made once per frame when a constraint needs it. */
  resolver?: (url: string) => Record<string, any> | undefined;
}

export interface BundleIndex {
  /** Bundle.type, which decides where conditional references are allowed. */
  type?: string;
  byFullUrl: Map<string, Record<string, any>>;
  /** `Type/id` of every entry resource, for relative references. */
  byTypeAndId: Map<string, Record<string, any>>;
  /** The fullUrl of each entry, by its resource: the base that relative references in it resolve against. */
  fullUrlOf: Map<object, string>;
}

export function indexBundle(bundle: Record<string, any>): BundleIndex {
  const index: BundleIndex = { byFullUrl: new Map(), byTypeAndId: new Map(), fullUrlOf: new Map() };
  if (typeof bundle.type === 'string') index.type = bundle.type;
  if (!Array.isArray(bundle.entry)) return index;
  for (const entry of bundle.entry) {
    const resource = entry?.resource;
    if (!resource || typeof resource !== 'object') continue;
    if (typeof entry.fullUrl === 'string') {
      index.byFullUrl.set(entry.fullUrl, resource);
      index.fullUrlOf.set(resource, entry.fullUrl);
    }
    if (typeof resource.resourceType === 'string' && typeof resource.id === 'string') index.byTypeAndId.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  return index;
}

/**
 * The frame of a resource met in the walk (the input, a contained resource, a Bundle entry's), and the
 * profiles asked for that are for itself: those of another type given for a Bundle are for its entries.
 */
export function enterResource(resource: Record<string, any>, expression: string, enclosing: ResourceFrame | undefined, isContained: boolean, requested: readonly StructureModel[]): { frame: ResourceFrame; own: readonly StructureModel[] } {
  // %rootResource: a contained resource's container; a Bundle entry's resource is its own root.
  const frame: ResourceFrame = { resource, expression, root: isContained && enclosing ? enclosing.root : resource, bundle: enclosing?.bundle, fragmentTargets: enclosing?.fragmentTargets ?? new WeakMap() };
  if (isContained && enclosing) {
    // Inside a contained resource, `#id` names a sibling in the container and `#` the container itself.
    frame.contained = enclosing.contained;
    frame.container = enclosing.resource;
    registerContained(enclosing, frame);
  } else if (Array.isArray(resource.contained) && resource.contained.length) {
    frame.contained = new Map();
    for (const c of resource.contained) if (c && typeof c.id === 'string') frame.contained.set(c.id, c);
  }
  if (resource.resourceType !== 'Bundle') return { frame, own: requested };
  frame.bundle = indexBundle(resource);
  const forEntries = requested.filter((p) => p.type !== 'Bundle');
  if (forEntries.length) frame.entryProfiles = forEntries;
  return { frame, own: requested.filter((p) => p.type === 'Bundle') };
}
