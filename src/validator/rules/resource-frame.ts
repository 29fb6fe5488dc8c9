import type { StructureModel } from '../model/element-node';

/** What rules need to know about the resource being walked and the resources around it. */
export interface ResourceFrame {
  resource: Record<string, any>;
  /** The outermost resource (the Bundle, or the container of a contained resource). */
  root: Record<string, any>;
  /** For a contained resource: the resource that contains it. */
  container?: Record<string, any>;
  /** ids of the resource's contained resources (or of its siblings, when contained), for `#id` references. */
  contained?: Map<string, Record<string, any>>;
  /** Set inside a Bundle: its entries by fullUrl. */
  bundle?: BundleIndex;
  /** Profiles (`--profile`) that apply to the Bundle's entries of their type. */
  entryProfiles?: StructureModel[];
}

export interface BundleIndex {
  byFullUrl: Map<string, Record<string, any>>;
  /** `Type/id` of every entry resource, for relative references. */
  byTypeAndId: Map<string, Record<string, any>>;
}

export function indexBundle(bundle: Record<string, any>): BundleIndex {
  const index: BundleIndex = { byFullUrl: new Map(), byTypeAndId: new Map() };
  if (!Array.isArray(bundle.entry)) return index;
  for (const entry of bundle.entry) {
    const resource = entry?.resource;
    if (!resource || typeof resource !== 'object') continue;
    if (typeof entry.fullUrl === 'string') index.byFullUrl.set(entry.fullUrl, resource);
    if (typeof resource.resourceType === 'string' && typeof resource.id === 'string') index.byTypeAndId.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  return index;
}

/**
 * The frame of a resource met in the walk (the input, a contained resource, a Bundle entry's), and the
 * profiles asked for that are for itself: those of another type given for a Bundle are for its entries.
 */
export function enterResource(resource: Record<string, any>, enclosing: ResourceFrame | undefined, isContained: boolean, requested: readonly StructureModel[]): { frame: ResourceFrame; own: readonly StructureModel[] } {
  const frame: ResourceFrame = { resource, root: enclosing?.root ?? resource, bundle: enclosing?.bundle };
  if (isContained && enclosing) {
    // Inside a contained resource, `#id` names a sibling in the container and `#` the container itself.
    frame.contained = enclosing.contained;
    frame.container = enclosing.resource;
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
