/**
 * Corrections to published constraints, decided before the expression runs, as the HL7 validator
 * makes them (FHIRPathExpressionFixer). dom-6 ("A resource should have narrative for robust
 * management", DomainResource) is not meant for contained resources: "when rendering the
 * containing resource, the narrative of the contained resources is ignored, so relevant information
 * about contained resources SHALL appear in the narrative of the containing resource"
 * (https://hl7.org/fhir/R5/references.html#contained). The HL7 validator evaluates it as
 * `(%rootResource != $this) or text.div.exists()`; the identity test is done here, not as JSON equality.
 */
export function decidedBeforehand(key: string, focus: unknown, rootResource: unknown): 'pass' | undefined {
  if (key === 'dom-6' && focus !== rootResource) return 'pass';
  return undefined;
}
