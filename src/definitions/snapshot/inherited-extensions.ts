// Extensions on an element definition that describe the definition itself (its maturity, its
// work group, how its binding is documented) and so do not pass to a derived definition: the
// list the HL7 tooling keeps (ProfileUtilities.NON_INHERITED_ED_URLS).
import type { ElementDefinition } from './types';

const NOT_INHERITED = new Set([
  'http://hl7.org/fhir/tools/StructureDefinition/binding-definition',
  'http://hl7.org/fhir/tools/StructureDefinition/no-binding',
  'http://hl7.org/fhir/StructureDefinition/elementdefinition-isCommonBinding',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-category',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-fmm',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-implements',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-explicit-type-name',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-security-category',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-wg',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-normative-version',
  'http://hl7.org/fhir/tools/StructureDefinition/obligation-profile',
  'http://hl7.org/fhir/StructureDefinition/obligation-profile',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status-reason',
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-summary',
]);

/** Removes, in place, the extensions of an inherited element (and of its binding) that stay behind. */
export function dropNotInheritedExtensions(element: ElementDefinition): void {
  for (const holder of [element, element.binding]) {
    const extensions = holder?.extension as Array<{ url: string }> | undefined;
    if (!holder || !extensions) continue;
    const kept = extensions.filter((e) => !NOT_INHERITED.has(e.url));
    if (kept.length) holder.extension = kept;
    else delete holder.extension;
  }
}
