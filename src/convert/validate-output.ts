import type { FhirResource } from '../ig/generated-resources';
import type { ValidationIssue, Validator } from '../validator';

/**
 * The validation step after a conversion: the output is validated as the user receives it (one
 * resource, or the collection Bundle with its entries), so expressions point into what was written.
 */
export function validateOutput(validator: Validator, output: FhirResource): ValidationIssue[] {
  return validator.issues(output).map((issue) => ({ ...issue, message: `output: ${issue.message}` }));
}
