import { readGeneratedResources, type FhirResource } from '../ig/generated-resources';
import { readFshInstances, type FshInstanceInfo } from '../ig/fsh-instances';
import { readIgConfig, type IgConfig } from './ig-config';
import { GUIDE_PAGE_NAMES } from './pages/guide-pages';
import { structureDefinitionPages } from './pages/page-names';

/** Where artifactsNaming looks: a whole resource, or a definition's differential only. */
export type NamingPart = 'resource' | 'differential';

/** The IG's resources sorted for the site: definitions, terminology and examples. */
export type ArtifactKind = 'resource' | 'extension' | 'profile' | 'datatype' | 'logical' | 'value-set' | 'code-system' | 'search-parameter' | 'example' | 'guide';

/** A resource whose type or id cannot name a file: its pages would be written somewhere else (`../../x`). */
export class InvalidResourceIdError extends Error {
  override name = 'InvalidResourceIdError';
}

/** FHIR's id (R5 datatypes: `[A-Za-z0-9\-\.]{1,64}`) and a resource type name: what a page name is built from. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const RESOURCE_TYPE = /^[A-Z][A-Za-z0-9]{0,63}$/;

export interface Artifact {
  resource: FhirResource;
  kind: ArtifactKind;
  /** The page name, IG Publisher style: `<resourceType>-<id>.html`. */
  page: string;
  title: string;
  description: string;
}

/** Everything a page renderer needs to know about the IG. */
export class SiteModel {
  readonly artifacts: Artifact[];
  private readonly byUrl = new Map<string, Artifact>();
  private readonly byReference = new Map<string, Artifact>();
  /** For each part searched: the artifacts that name each of the IG's canonical URLs (artifactsNaming). */
  private readonly naming = new Map<NamingPart, Map<string, Artifact[]>>();

  constructor(
    readonly projectDir: string,
    readonly config: IgConfig,
    resources: FhirResource[],
    /** Titles and descriptions of the examples, from the FSH. */
    instances: FshInstanceInfo[] = [],
  ) {
    const info = new Map(instances.map((i) => [i.id, i]));
    this.artifacts = resources.filter((r) => typeof r.id === 'string').map((r) => toArtifact(checkedName(r), info.get(r.id as string)));
    for (const a of this.artifacts) {
      if (typeof a.resource.url === 'string') this.byUrl.set(a.resource.url, a);
      this.byReference.set(`${a.resource.resourceType}/${a.resource.id}`, a);
    }
  }

  static load(projectDir: string): SiteModel {
    return new SiteModel(projectDir, readIgConfig(projectDir), readGeneratedResources(projectDir).map((g) => g.resource), readFshInstances(projectDir));
  }

  ofKind(...kinds: ArtifactKind[]): Artifact[] {
    return this.artifacts.filter((a) => kinds.includes(a.kind));
  }

  /** The artifact with this canonical URL (an IG definition), if the IG has it. */
  artifactByUrl(url: string | undefined): Artifact | undefined {
    return url ? this.byUrl.get(url.split('|')[0]) : undefined;
  }

  /**
   * The artifacts whose resource (or its differential) names this IG definition's canonical URL: a value
   * `url`, `url|version` or `url#…`. Indexed in one walk of every artifact the first time it is asked, not
   * searched again for every page.
   */
  artifactsNaming(url: string, part: NamingPart = 'resource'): Artifact[] {
    let index = this.naming.get(part);
    if (!index) this.naming.set(part, (index = this.indexNames(part)));
    return index.get(url) ?? [];
  }

  private indexNames(part: NamingPart): Map<string, Artifact[]> {
    const index = new Map<string, Artifact[]>();
    for (const artifact of this.artifacts) {
      const named = new Set<string>();
      const stack: unknown[] = [part === 'differential' ? artifact.resource.differential : artifact.resource];
      while (stack.length) {
        const value = stack.pop();
        if (typeof value === 'string') {
          const canonical = value.split(/[|#]/, 1)[0];
          if (this.byUrl.has(canonical)) named.add(canonical);
        } else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) stack.push(v);
      }
      for (const url of named) {
        const list = index.get(url);
        if (list) list.push(artifact);
        else index.set(url, [artifact]);
      }
    }
    return index;
  }

  /** The artifact that a literal reference such as `Patient/x` points at, if the IG has it. */
  artifactByReference(reference: string | undefined): Artifact | undefined {
    return reference ? this.byReference.get(reference) : undefined;
  }

  /** Whether the site has a page of this name (an artifact's or a narrative page). */
  hasPage(name: string): boolean {
    return name === 'artifacts.html' || (GUIDE_PAGE_NAMES as readonly string[]).includes(name) || this.tabPages().has(name) || this.config.pages.some((p) => p.name === name) || this.artifacts.some((a) => a.page === name);
  }

  /** The tab pages of the definitions (`StructureDefinition-<id>-definitions.html` ...). */
  private tabPages(): Set<string> {
    const definitions = this.ofKind('resource', 'logical', 'profile', 'datatype', 'extension');
    return new Set(definitions.flatMap((a) => Object.values(structureDefinitionPages(a.page))));
  }

  /** The definition of a resource type the IG itself defines (ImagingReference). */
  localTypeDefinition(type: string): Artifact | undefined {
    return this.ofKind('resource', 'logical').find((a) => a.resource.type === type);
  }
}

/** Page and file names are built from the type and the id: both are checked before either is used. */
function checkedName(resource: FhirResource): FhirResource {
  if (typeof resource.resourceType !== 'string' || !RESOURCE_TYPE.test(resource.resourceType)) {
    throw new InvalidResourceIdError(`a resource has the resourceType ${JSON.stringify(resource.resourceType)}, which is not a FHIR type name: not rendering the site`);
  }
  if (!FHIR_ID.test(resource.id as string)) {
    throw new InvalidResourceIdError(`${resource.resourceType} ${JSON.stringify(resource.id)}: the id is not a FHIR id ([A-Za-z0-9-.]{1,64}), so it cannot name a page: not rendering the site`);
  }
  return resource;
}

function toArtifact(resource: FhirResource, fsh: FshInstanceInfo | undefined): Artifact {
  const kind = kindOf(resource);
  // An example's title and description are the FSH's; a definition's are its own elements.
  const own = kind === 'example' && fsh?.instanceOf === resource.resourceType ? fsh : undefined;
  const title = String(own?.title ?? resource.title ?? resource.name ?? resource.id);
  const description = String(own?.description ?? resource.description ?? '');
  return { resource, kind, page: `${resource.resourceType}-${resource.id}.html`, title, description };
}

function kindOf(r: FhirResource): ArtifactKind {
  switch (r.resourceType) {
    case 'StructureDefinition':
      if (r.type === 'Extension' && r.derivation === 'constraint') return 'extension';
      if (r.derivation === 'constraint') return 'profile';
      if (r.kind === 'resource') return 'resource';
      if (r.kind === 'logical') return 'logical';
      return 'datatype';
    case 'ValueSet':
      return 'value-set';
    case 'CodeSystem':
      return 'code-system';
    case 'ImplementationGuide':
      return 'guide';
    case 'SearchParameter':
      return 'search-parameter';
    default:
      return 'example';
  }
}
