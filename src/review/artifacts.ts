// The other resources of the build (value sets, extensions), which some contract checks read
// beside the definition under review.

export type Artifact = Record<string, unknown> & { resourceType: string };

export interface BuildArtifacts {
  /** The resource of that type with that canonical URL (a `|version` suffix is ignored), if built. */
  find(resourceType: string, url: string): Artifact | undefined;
}

export function artifactsOf(resources: readonly unknown[]): BuildArtifacts {
  const byKey = new Map<string, Artifact>();
  for (const r of resources) {
    // A JSON file may hold anything (null, a list): only objects with a type and a URL count.
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    const { resourceType, url } = r as { resourceType?: unknown; url?: unknown };
    if (typeof resourceType === 'string' && typeof url === 'string') byKey.set(`${resourceType} ${url}`, r as Artifact);
  }
  return { find: (resourceType, url) => byKey.get(`${resourceType} ${url.split('|')[0]}`) };
}

export const NO_ARTIFACTS: BuildArtifacts = { find: () => undefined };
