import type { DefinitionStore } from '../definitions/definition-store';
import type { FhirResource } from '../ig/generated-resources';
import { CoreDefinitions } from '../review/core-definitions';

/**
 * Every base type and resource of FHIR R5 (hl7.fhir.r5.core), read once: what the type links
 * need (a type's kind) and what the XML serializer needs (every element of every type). Read
 * from the definitions store that the review's CoreDefinitions fills with the core package.
 */
export class CoreTypes {
  readonly structureDefinitions: FhirResource[];
  private readonly kinds = new Map<string, string>();

  constructor(store: DefinitionStore) {
    // Picked from the package index: profiles and logical models of the core are never parsed.
    const defined = store.ofResourceType('StructureDefinition', (s) => s.core && s.derivation !== 'constraint' && s.kind !== 'logical');
    this.structureDefinitions = [...defined] as FhirResource[];
    for (const sd of this.structureDefinitions) this.kinds.set(String(sd.type), String(sd.kind));
  }

  /** The core types of the pinned hl7.fhir.r5.core. */
  static forProject(): CoreTypes {
    return new CoreTypes(CoreDefinitions.locate().store);
  }

  /** `primitive-type`, `complex-type` or `resource`; undefined for a type R5 does not define. */
  kindOf(type: string): string | undefined {
    return this.kinds.get(type);
  }
}

const SPEC = 'http://hl7.org/fhir/R5/';

/** Complex types whose definition is not on the datatypes page. */
const TYPE_PAGES: Record<string, string> = {
  Reference: 'references.html#Reference',
  CodeableReference: 'references.html#CodeableReference',
  Extension: 'extensibility.html#Extension',
  Narrative: 'narrative.html#Narrative',
  xhtml: 'narrative.html#xhtml',
  Meta: 'resource.html#Meta',
  BackboneElement: 'backboneelement.html',
  Element: 'element.html',
  Resource: 'resource.html',
  DomainResource: 'domainresource.html',
  Dosage: 'dosage.html',
  ElementDefinition: 'elementdefinition.html',
};
const METADATA_TYPES = new Set([
  'ContactDetail', 'Contributor', 'DataRequirement', 'Expression', 'ParameterDefinition', 'RelatedArtifact',
  'TriggerDefinition', 'UsageContext', 'ExtendedContactDetail', 'VirtualServiceDetail', 'Availability', 'MonetaryComponent',
]);

/** Where the FHIR R5 specification defines a type: its page, or its anchor on the datatypes page. */
export function specUrlForType(type: string, core: CoreTypes): string | undefined {
  if (TYPE_PAGES[type]) return SPEC + TYPE_PAGES[type];
  if (METADATA_TYPES.has(type)) return `${SPEC}metadatatypes.html#${type}`;
  switch (core.kindOf(type)) {
    case 'resource':
      return `${SPEC}${type.toLowerCase()}.html`;
    case 'primitive-type':
    case 'complex-type':
      return `${SPEC}datatypes.html#${type}`;
    default:
      return undefined;
  }
}
