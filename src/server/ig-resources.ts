import * as path from 'node:path';
import { projectRoot } from '../definitions/sources/project-root';
import { readGeneratedResources, type FhirResource } from '../ig/generated-resources';

/** The IG's conformance resources as the server serves them (read once, from the built IG). */
export class IgResources {
  private readonly byKey = new Map<string, FhirResource>();
  readonly all: FhirResource[];

  constructor(resources: FhirResource[]) {
    this.all = resources;
    for (const r of resources) if (r.id) this.byKey.set(`${r.resourceType}/${r.id}`, r);
  }

  /** The built IG of this kit (fsh-generated/resources, shipped inside the installed package). */
  static ofProject(root = projectRoot()): IgResources {
    return new IgResources(readGeneratedResources(root).map((g) => g.resource));
  }

  read(type: string, id: string): FhirResource | undefined {
    return this.byKey.get(`${type}/${id}`);
  }

  /** Resources of a type, optionally only those with this canonical `url` (`url|version` too). */
  search(type: string, url?: string): FhirResource[] {
    const [bare, version] = url?.split('|') ?? [];
    return this.all.filter((r) => r.resourceType === type && (url === undefined || (r.url === bare && (version === undefined || r.version === version))));
  }

  get implementationGuide(): FhirResource | undefined {
    return this.all.find((r) => r.resourceType === 'ImplementationGuide');
  }

  /** The types the server can read: those the IG has resources of. */
  get types(): string[] {
    return [...new Set(this.all.map((r) => r.resourceType))].sort();
  }
}

export const KIT_VERSION: string = require(path.join(projectRoot(), 'package.json')).version;
