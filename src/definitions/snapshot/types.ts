// The slice of the FHIR R5 StructureDefinition / ElementDefinition model that snapshot generation
// reads and writes. Everything else an element carries is kept as it is (open records).

export interface TypeRef {
  code: string;
  profile?: string[];
  targetProfile?: string[];
  [key: string]: unknown;
}

export interface Discriminator {
  type: string;
  path: string;
}

export interface Slicing {
  discriminator?: Discriminator[];
  description?: string;
  ordered?: boolean;
  rules?: string;
  [key: string]: unknown;
}

export interface Binding {
  strength?: string;
  valueSet?: string;
  description?: string;
  [key: string]: unknown;
}

export interface Constraint {
  key: string;
  source?: string;
  [key: string]: unknown;
}

export interface ElementDefinition {
  id?: string;
  path: string;
  sliceName?: string;
  slicing?: Slicing;
  min?: number;
  max?: string;
  base?: { path: string; min?: number; max?: string };
  type?: TypeRef[];
  contentReference?: string;
  binding?: Binding;
  constraint?: Constraint[];
  [key: string]: unknown;
}

export interface StructureDefinition {
  resourceType: 'StructureDefinition';
  url: string;
  version?: string;
  name?: string;
  type: string;
  kind?: string;
  derivation?: 'constraint' | 'specialization';
  baseDefinition?: string;
  differential?: { element: ElementDefinition[] };
  snapshot?: { element: ElementDefinition[] };
  [key: string]: unknown;
}

/** Finds a StructureDefinition by canonical URL (a `|version` suffix may be present). */
export type DefinitionResolver = (canonicalUrl: string) => StructureDefinition | undefined;
