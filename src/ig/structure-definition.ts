// The parts of a FHIR StructureDefinition (R5) that the kit reads, and a view over its snapshot.

export interface ElementDefinitionType {
  code: string;
  targetProfile?: string[];
  [key: string]: unknown;
}

export interface ElementDefinitionConstraint {
  key: string;
  severity: string;
  human?: string;
  expression?: string;
  [key: string]: unknown;
}

export interface ElementDefinitionMapping {
  identity: string;
  map: string;
  comment?: string;
  [key: string]: unknown;
}

export interface ElementDefinition {
  id: string;
  path: string;
  short?: string;
  definition?: string;
  min?: number;
  max?: string;
  base?: { path: string; min: number; max: string };
  type?: ElementDefinitionType[];
  isSummary?: boolean;
  isModifier?: boolean;
  constraint?: ElementDefinitionConstraint[];
  binding?: { strength: string; valueSet?: string; [key: string]: unknown };
  mapping?: ElementDefinitionMapping[];
  [key: string]: unknown;
}

export interface StructureDefinition {
  resourceType: 'StructureDefinition';
  id?: string;
  url: string;
  name: string;
  type: string;
  kind?: string;
  derivation?: string;
  mapping?: { identity: string; uri?: string; name?: string }[];
  snapshot?: { element: ElementDefinition[] };
  [key: string]: unknown;
}

export class StructureDefinitionError extends Error {
  override name = 'StructureDefinitionError';
}

/**
 * The snapshot of a StructureDefinition, addressed by paths relative to its root
 * (`subject`, `instance.uid`; `''` is the root), so that a check does not depend on the type's name.
 */
export class SnapshotView {
  readonly root: ElementDefinition;
  readonly elements: readonly ElementDefinition[];

  constructor(readonly sd: StructureDefinition) {
    const elements = sd.snapshot?.element;
    if (!Array.isArray(elements) || elements.length === 0) {
      throw new StructureDefinitionError(`StructureDefinition ${sd.url ?? sd.id ?? '(no url)'} has no snapshot`);
    }
    this.elements = elements;
    this.root = elements[0];
  }

  /** The element's path below the root: `ImagingReference.instance.uid` -> `instance.uid`. */
  relativePath(e: ElementDefinition): string {
    const dot = e.path.indexOf('.');
    return dot < 0 ? '' : e.path.slice(dot + 1);
  }

  /** How reports name an element: its relative path, or the resource's name for the root. */
  displayPath(e: ElementDefinition): string {
    return this.relativePath(e) || this.root.path;
  }

  /** The element at a relative path (`''` for the root), matched on the element id so slices never match. */
  element(relativePath: string): ElementDefinition | undefined {
    if (relativePath === '') return this.root;
    return this.elements.find((e) => e.id === `${this.root.id}.${relativePath}`);
  }

  /** The elements this definition introduces itself, root included (not those inherited from its base). */
  ownElements(): ElementDefinition[] {
    const rootPath = this.root.path;
    return this.elements.filter((e) => {
      const basePath = e.base?.path ?? e.path;
      return basePath === rootPath || basePath.startsWith(`${rootPath}.`);
    });
  }

  /** The own elements directly below the root. */
  topLevelElements(): ElementDefinition[] {
    return this.ownElements().filter((e) => e !== this.root && !this.relativePath(e).includes('.'));
  }

  /** The mapping of an element for a mapping identity (the first one, as tools read it). */
  mapping(e: ElementDefinition, identity: string): ElementDefinitionMapping | undefined {
    return e.mapping?.find((m) => m.identity === identity);
  }
}
