import { StructureDefinitionError, type StructureDefinition } from '../ig/structure-definition';
import { printable } from '../validator/outcome/formatters/printable';
import { createValidatorSync, type Validator } from '../validator';
import { isFailure } from '../validator/outcome/issue';

let projectValidator: Validator | undefined;

/**
 * The review reads the definition's snapshot as FHIR says it is written (elements with a string
 * path, mappings as a list, ...). A definition that is not valid FHIR R5 could make a check pass
 * on a misread value, or trip over it, so it is refused, in one line naming its first error, before
 * any check runs: the review cannot run (exit code 2), it neither passes nor crashes.
 */
export function assertValidDefinition(sd: unknown, validator?: Validator): asserts sd is StructureDefinition {
  if (typeof sd !== 'object' || sd === null || Array.isArray(sd) || (sd as { resourceType?: unknown }).resourceType !== 'StructureDefinition') {
    throw new StructureDefinitionError('the definition under review is not a StructureDefinition');
  }
  // As JSON: a definition built in memory may hold undefined properties, which JSON has not.
  const json = JSON.parse(JSON.stringify(sd)) as unknown;
  const errors = (validator ?? (projectValidator ??= createValidatorSync())).issues(json as object).filter(isFailure);
  if (!errors.length) return;
  const url = (sd as { url?: unknown }).url;
  const name = typeof url === 'string' ? JSON.stringify(url.slice(0, 200)) : '(no url)';
  const first = errors[0];
  throw new StructureDefinitionError(
    printable(`StructureDefinition ${name} is not valid FHIR R5, so the review cannot run: ${errors.length} error(s), the first at ${first.expression ?? 'its root'}: ${first.message.slice(0, 300)}`),
  );
}
