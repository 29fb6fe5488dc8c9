// The one store of FHIR definitions of the project (validator, review, site, playground). Pure data
// and lazy loaders: it reads no file itself, so the browser and a server use it as the CLI does.
// The node-side sources that fill it (files, folders, package.tgz, id#version) are in ./sources.
import { DefinitionSourceError } from './errors';

/** A conformance resource (StructureDefinition, ValueSet, CodeSystem, …) as JSON. */
export type Definition = Record<string, any> & { resourceType: string; url?: string };

/**
 * What is known of a resource before it is parsed: the fields of a package's `.index.json`
 * entry (FHIR NPM package format, index-version 2), or the same fields read from the resource.
 */
export interface DefinitionSummary {
  resourceType: string;
  url?: string;
  version?: string;
  id?: string;
  kind?: string;
  type?: string;
  derivation?: string;
}

/** A package as the store sees it: its index, and how to read one of its files. */
export interface PackageContents {
  /** Names the package in messages (`hl7.fhir.r5.core#5.0.0`, a folder, a package.tgz). */
  source: string;
  /** True for hl7.fhir.r5.core: its types are the base types, not custom ones. */
  core?: boolean;
  files: (DefinitionSummary & { filename: string })[];
  read(filename: string): Definition;
}

interface Entry {
  summary: DefinitionSummary;
  source: string;
  core: boolean;
  load?: () => Definition;
  resource?: Definition;
}

const SUMMARY_KEYS = ['id', 'url', 'version', 'kind', 'type', 'derivation'] as const;

/** The index fields of a resource, as a package's `.index.json` holds them. */
export function summarize(resource: Definition): DefinitionSummary {
  const summary: DefinitionSummary = { resourceType: resource.resourceType };
  for (const key of SUMMARY_KEYS) if (typeof resource[key] === 'string') summary[key] = resource[key];
  return summary;
}

/** A StructureDefinition that defines a type (Patient, string, ImagingReference), not a profile or logical model. */
function definesType(s: DefinitionSummary): s is DefinitionSummary & { type: string } {
  return s.resourceType === 'StructureDefinition' && typeof s.type === 'string' && s.kind !== 'logical' && (s.derivation === 'specialization' || !s.derivation);
}

function splitCanonical(canonical: string): [url: string, version: string | undefined] {
  const bar = canonical.indexOf('|');
  return bar === -1 ? [canonical, undefined] : [canonical.slice(0, bar), canonical.slice(bar + 1)];
}

/**
 * Every definition loaded, found by canonical URL (`url|version` too) and by type name. Entries
 * from a package index are parsed only when first asked for, so indexing the core package costs
 * one index, not two thousand files. Sources are added core first, then the IG, then `--ig`: a
 * later definition of the same URL or type replaces an earlier one.
 */
export class DefinitionStore {
  private readonly byUrl = new Map<string, Entry>();
  /** `url|version` -> entry: a versioned reference finds that version when it is loaded. */
  private readonly byVersion = new Map<string, Entry>();
  /** Type name (Patient, string, ImagingReference) -> URL of the StructureDefinition defining it. */
  private readonly typeUrls = new Map<string, string>();
  /** Types defined outside the core package: they must be added to the fhirpath model. */
  readonly customTypes = new Set<string>();

  /** Adds one resource already in memory; a Bundle adds its entries. Resources without a URL (examples) are skipped. */
  addResource(resource: Definition, source = 'memory', core = false): void {
    if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
      for (const e of resource.entry) if (e?.resource && typeof e.resource.resourceType === 'string') this.addResource(e.resource, source, core);
      return;
    }
    this.register({ summary: summarize(resource), source, core, resource });
  }

  /** Adds a resource known by its summary, parsed by `load` when first asked for. */
  addLazy(summary: DefinitionSummary, load: () => Definition, source: string, core = false): void {
    this.register({ summary, source, core, load });
  }

  /**
   * Adds every resource of a package index, each parsed on first use, without its narrative: no rule reads
   * the text of a definition, and the core's own (the rendered tables of each StructureDefinition) are most
   * of its size: kept, they took 60 MB of the heap once a Bundle of every resource type had loaded them.
   */
  addPackage(pkg: PackageContents): void {
    for (const file of pkg.files) {
      const { filename, ...summary } = file;
      this.addLazy(summary, () => withoutNarrative(pkg.read(filename)), `${pkg.source} (${filename})`, pkg.core);
    }
  }

  private register(entry: Entry): void {
    const { url, version } = entry.summary;
    if (typeof url !== 'string' || !url) return;
    this.byUrl.set(url, entry);
    if (version) this.byVersion.set(`${url}|${version}`, entry);
    if (definesType(entry.summary)) {
      this.typeUrls.set(entry.summary.type, url);
      if (entry.core) this.customTypes.delete(entry.summary.type);
      else this.customTypes.add(entry.summary.type);
    }
  }

  private entry(canonical: string): Entry | undefined {
    const [url, version] = splitCanonical(canonical);
    // A version that is not loaded falls back to the URL's latest definition, as the core
    // packages pin versions of each other's value sets that differ from the ones shipped.
    return (version !== undefined ? this.byVersion.get(`${url}|${version}`) : undefined) ?? this.byUrl.get(url);
  }

  /** The resource with this canonical URL (`url` or `url|version`), parsed on first use. */
  get(canonical: string): Definition | undefined {
    const entry = this.entry(canonical);
    if (!entry) return undefined;
    if (!entry.resource) {
      try {
        entry.resource = entry.load!();
      } catch (e) {
        if (e instanceof DefinitionSourceError) throw e;
        throw new DefinitionSourceError(entry.source, (e as Error)?.message ?? String(e));
      }
      entry.load = undefined;
    }
    return entry.resource;
  }

  has(canonical: string): boolean {
    return this.entry(canonical) !== undefined;
  }

  /** True when the definition of a URL comes from hl7.fhir.r5.core. */
  isCore(canonical: string): boolean {
    return this.entry(canonical)?.core ?? false;
  }

  /** Where the definition of a URL comes from (a package, a file), for messages. */
  sourceOf(canonical: string): string | undefined {
    return this.entry(canonical)?.source;
  }

  /** The StructureDefinition defining a type (resource, data type or primitive). */
  typeDefinitionUrl(type: string): string | undefined {
    return this.typeUrls.get(type);
  }

  isKnownType(type: string): boolean {
    return this.typeUrls.has(type);
  }

  /** The summaries of the current definitions of a resource type, without parsing them. */
  *summaries(resourceType: string): Iterable<DefinitionSummary & { url: string; core: boolean }> {
    for (const [url, entry] of this.byUrl) if (entry.summary.resourceType === resourceType) yield { ...entry.summary, url, core: entry.core };
  }

  /**
   * The current definitions of a resource type (one per URL), parsed as they are reached; `where`
   * picks from the summaries first, so that what is not wanted is never parsed.
   */
  *ofResourceType(resourceType: string, where?: (summary: DefinitionSummary & { core: boolean }) => boolean): Iterable<Definition> {
    for (const [url, entry] of this.byUrl) {
      if (entry.summary.resourceType !== resourceType) continue;
      if (where && !where({ ...entry.summary, core: entry.core })) continue;
      yield this.get(url)!;
    }
  }

  /** Every StructureDefinition (one per URL). */
  structureDefinitions(): Iterable<Definition> {
    return this.ofResourceType('StructureDefinition');
  }
}

/** The definition without its narrative (`text`); the rest is untouched. */
function withoutNarrative(resource: Definition): Definition {
  if (resource && typeof resource === 'object' && 'text' in resource) delete resource.text;
  return resource;
}
