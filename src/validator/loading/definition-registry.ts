import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  PINNED_FHIR_PACKAGES,
  cachedPackageDir,
  fhirPackageCacheDir,
  readManifest,
  type PackageIndexEntry,
} from '../../packages/fhir-package-cache';
import { MAX_INPUT_CHARS } from '../input/limits';
import { NotRegularFileError, readRegularFile } from '../input/regular-file';

/** A conformance resource (StructureDefinition, ValueSet, CodeSystem, …) as JSON. */
export type Definition = Record<string, any> & { resourceType: string; url?: string };

export class DefinitionLoadError extends Error {
  override name = 'DefinitionLoadError';
}

/** Where a definition lives: a file to read on first use, or a resource already in memory. */
interface Entry {
  file?: string;
  resource?: Definition;
  resourceType: string;
}

/**
 * Every conformance resource the validator can use, found by canonical URL. Packages are read
 * through their `.index.json`, so a start touches one index per package and parses a definition
 * only when a rule first needs it.
 */
export class DefinitionRegistry {
  private readonly byUrl = new Map<string, Entry>();
  /** Type name (Patient, string, ImagingReference) -> URL of the StructureDefinition defining it. */
  private readonly typeUrls = new Map<string, string>();
  /** Types defined outside the core package: they must be added to the fhirpath model. */
  readonly customTypes = new Set<string>();

  /** Adds a FHIR package folder (the `package/` folder, with `.index.json`). */
  addPackage(dir: string, core = false): void {
    const indexFile = path.join(dir, '.index.json');
    let files: PackageIndexEntry[];
    try {
      files = (JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { files: PackageIndexEntry[] }).files;
    } catch (e) {
      throw new DefinitionLoadError(`cannot read the package index ${indexFile}: ${(e as Error).message}`);
    }
    for (const f of files) {
      if (!f.url) continue;
      this.register(f.url, { file: path.join(dir, f.filename), resourceType: f.resourceType });
      if (f.resourceType === 'StructureDefinition' && f.type && f.kind !== 'logical' && (f.derivation === 'specialization' || !f.derivation)) {
        this.registerType(f.type, f.url, core);
      }
    }
  }

  /**
   * Adds conformance resources from a folder (e.g. SUSHI's fsh-generated/resources), a package
   * folder with `.index.json`, or one JSON file. Non-conformance resources (examples) are skipped.
   */
  addPath(target: string): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new DefinitionLoadError(`no such IG path: ${target}`);
    }
    if (stat.isDirectory()) {
      if (fs.existsSync(path.join(target, '.index.json'))) return this.addPackage(target);
      if (fs.existsSync(path.join(target, 'package', '.index.json'))) return this.addPackage(path.join(target, 'package'));
      for (const name of fs.readdirSync(target).sort()) {
        if (name.endsWith('.json') && name !== 'package.json' && !name.startsWith('.')) this.addFile(path.join(target, name));
      }
      return;
    }
    this.addFile(target);
  }

  /** Adds one resource already in memory. */
  addResource(resource: Definition): void {
    if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
      for (const e of resource.entry) if (e?.resource) this.addResource(e.resource);
      return;
    }
    if (typeof resource.url !== 'string') return;
    this.register(resource.url, { resource, resourceType: resource.resourceType });
    if (resource.resourceType === 'StructureDefinition' && resource.derivation === 'specialization' && resource.kind !== 'logical' && typeof resource.type === 'string') {
      this.registerType(resource.type, resource.url, false);
    }
  }

  private addFile(file: string): void {
    let resource: Definition;
    try {
      // Regular files only, bounded while read, as for the inputs: a FIFO in an --ig folder cannot hang the run.
      resource = JSON.parse(readRegularFile(file, MAX_INPUT_CHARS).toString('utf8'));
    } catch (e) {
      throw new DefinitionLoadError(e instanceof NotRegularFileError ? e.message : `cannot read ${file}: ${(e as Error).message}`);
    }
    if (resource && typeof resource.resourceType === 'string') this.addResource(resource);
  }

  private register(url: string, entry: Entry): void {
    // Sources are added core first, then the IG, then --ig paths: a later definition replaces an earlier one.
    this.byUrl.set(url, entry);
  }

  private registerType(type: string, url: string, core: boolean): void {
    this.typeUrls.set(type, url);
    if (!core) this.customTypes.add(type);
    else this.customTypes.delete(type);
  }

  /** The resource with this canonical URL (a `|version` suffix is ignored), parsed on first use. */
  get(url: string): Definition | undefined {
    const bar = url.indexOf('|');
    const entry = this.byUrl.get(bar === -1 ? url : url.slice(0, bar));
    if (!entry) return undefined;
    if (!entry.resource) {
      try {
        entry.resource = JSON.parse(fs.readFileSync(entry.file!, 'utf8')) as Definition;
      } catch (e) {
        throw new DefinitionLoadError(`cannot read ${entry.file}: ${(e as Error).message}`);
      }
    }
    return entry.resource;
  }

  has(url: string): boolean {
    const bar = url.indexOf('|');
    return this.byUrl.has(bar === -1 ? url : url.slice(0, bar));
  }

  /** The StructureDefinition defining a type (resource, data type or primitive). */
  typeDefinitionUrl(type: string): string | undefined {
    return this.typeUrls.get(type);
  }

  isKnownType(type: string): boolean {
    return this.typeUrls.has(type);
  }

  /** The resource types this registry knows (for messages). */
  *structureDefinitions(): Iterable<Definition> {
    for (const [url, entry] of this.byUrl) if (entry.resourceType === 'StructureDefinition') yield this.get(url)!;
  }
}

/** The folder of this project (holding package.json), from wherever this module runs. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'sushi-config.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/**
 * The folders of the pinned FHIR packages: the FHIR package cache first, the npm copy as fallback.
 * Versions come from the project's package.json, where they are pinned.
 */
export function pinnedPackageDirs(root = projectRoot(), cacheDir = fhirPackageCacheDir()): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return PINNED_FHIR_PACKAGES.map((name) => {
    const version = pkg.dependencies?.[name];
    const cached = version ? cachedPackageDir(cacheDir, name, version) : undefined;
    if (cached && fs.existsSync(path.join(cached, '.index.json'))) return cached;
    const npmDir = path.join(root, 'node_modules', name);
    if (fs.existsSync(path.join(npmDir, '.index.json'))) {
      readManifest(npmDir);
      return npmDir;
    }
    throw new DefinitionLoadError(`FHIR package ${name}#${version ?? '?'} is not installed: run \`npm ci\``);
  });
}
