import type { StructureModel } from '../model/element-node';

/** What rules need to know about the resource being walked and the resources around it. */
export interface ResourceFrame {
  resource: Record<string, any>;
  /**
   * The resource's own FHIRPath expression (`Bundle.entry[0].resource`, `Observation.contained[0]`): rules that
   * follow an element's expression through the instance start from `resource` there (rules/extension-context).
   * Frames made without it (tests of other rules) leave those rules nothing to follow.
   */
  expression?: string;
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
