// The XML declaration of a FHIR XML document.

/**
 * Why the encoding an XML declaration names is not allowed, or undefined: FHIR exchanges UTF-8 only
 * (https://hl7.org/fhir/R5/http.html#mime-type), and the text was read as UTF-8, so a document that
 * says it is ISO-8859-1 or UTF-16 was either misread or mislabelled. No declaration, or no encoding in
 * it, means UTF-8 (XML 1.0 §4.3.3).
 */
export function encodingProblem(encoding: string | undefined): string | undefined {
  if (encoding === undefined || encoding.toUpperCase() === 'UTF-8') return undefined;
  return `The XML encoding is invalid (must be UTF-8, not '${encoding}')`;
}
