import type { FhirResource } from '../ig/generated-resources';
import type { ValidationIssue, Validator } from '../validator';

/**
 * The validation step after a conversion: the output is validated as the user receives it (one
 * resource, or the collection Bundle with its entries), so expressions point into what was written.
 * The parts of a split source keep the source's relative references (`Patient/x`), which name the
 * server the source came from, not entries of the collection: the validator's "does not resolve
 * inside the Bundle" warnings about them are summed up in one note instead of one per reference.
 */
export function validateOutput(validator: Validator, output: FhirResource): ValidationIssue[] {
  const issues = validator.issues(output);
  const collection = output.resourceType === 'Bundle' && (output as { type?: string }).type === 'collection';
  const outside = collection ? issues.filter((i) => i.rule === 'ref-bundle' && i.severity === 'warning') : [];
  const kept = issues.filter((i) => !outside.includes(i));
  const result = kept.map((issue) => ({ ...issue, message: `output: ${issue.message}` }));
  if (outside.length) {
    const references = [...new Set(outside.map((i) => /"([^"]*)"/.exec(i.message)?.[1] ?? ''))].filter(Boolean);
    result.push({
      severity: 'information',
      code: 'informational',
      message: `output: the collection's entries keep the source's relative references (${references.join(', ')}), which point outside the Bundle as they did in the source`,
      rule: 'ref-bundle',
    });
  }
  return result;
}
