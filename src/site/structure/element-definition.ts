// The parts of an ElementDefinition that the structure pages show.

export interface ElementType {
  code: string;
  profile?: string[];
  targetProfile?: string[];
  extension?: { url: string; valueUrl?: string }[];
}

export interface Constraint {
  key: string;
  severity?: string;
  human?: string;
  expression?: string;
  source?: string;
}

export interface ElementDefinition {
  id?: string;
  path: string;
  sliceName?: string;
  short?: string;
  definition?: string;
  comment?: string;
  requirements?: string;
  meaningWhenMissing?: string;
  min?: number;
  max?: string;
  type?: ElementType[];
  isSummary?: boolean;
  isModifier?: boolean;
  isModifierReason?: string;
  constraint?: Constraint[];
  binding?: { strength?: string; valueSet?: string; description?: string };
  mapping?: { identity: string; map: string; comment?: string }[];
  [key: string]: unknown;
}

export interface StructureDefinitionJson {
  resourceType: 'StructureDefinition';
  id: string;
  url: string;
  name: string;
  title?: string;
  description?: string;
  kind: string;
  type: string;
  baseDefinition?: string;
  derivation?: string;
  abstract?: boolean;
  context?: { type: string; expression: string }[];
  mapping?: { identity: string; name?: string; uri?: string; comment?: string }[];
  snapshot?: { element: ElementDefinition[] };
  differential?: { element: ElementDefinition[] };
  [key: string]: unknown;
}

export const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

/** The element's id (snapshot and differential elements both have one from SUSHI; path as a fallback). */
export function elementId(e: ElementDefinition): string {
  return e.id ?? e.path;
}

/** The type code a reader knows: `id` rather than the FHIRPath system type of `Resource.id`. */
export function typeCode(t: ElementType): string {
  return t.extension?.find((x) => x.url === FHIR_TYPE_EXTENSION)?.valueUrl ?? t.code;
}

/** The constraints this definition itself adds, not the ones every Element or DomainResource has. */
export function ownConstraints(e: ElementDefinition, sdUrl: string): Constraint[] {
  return (e.constraint ?? []).filter((c) => !c.source || c.source === sdUrl);
}

/** Fixed and pattern values (`fixedUri`, `patternCodeableConcept`, ...). */
export function fixedValues(e: ElementDefinition): { label: string; value: unknown }[] {
  return Object.entries(e)
    .filter(([k]) => /^(fixed|pattern)[A-Z]/.test(k))
    .map(([k, value]) => ({ label: k.startsWith('fixed') ? 'Fixed Value' : 'Required Pattern', value }));
}

export function cardinality(e: ElementDefinition): string {
  if (e.min === undefined && e.max === undefined) return '';
  return `${e.min ?? ''}..${e.max ?? ''}`;
}

/** The last path segment, with the slice name, as the trees show it. */
export function elementName(e: ElementDefinition): string {
  const last = e.path.split('.').pop() ?? e.path;
  return e.sliceName ? `${last}:${e.sliceName}` : last;
}
