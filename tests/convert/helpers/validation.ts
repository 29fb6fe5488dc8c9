import type { FhirResource } from '../../../src/ig/generated-resources';
import { createValidatorSync, type Validator } from '../../../src/validator';
import { isFailure } from '../../../src/validator/outcome/issue';

let validator: Validator | undefined;

/** The project's validator (FHIR R5 and this IG), built once for the converter tests. */
export function projectValidator(): Validator {
  validator ??= createValidatorSync();
  return validator;
}

/** The errors the project's validator finds in a converted resource, as `expression: message`. */
export function validationErrors(resource: FhirResource): string[] {
  return projectValidator()
    .issues(resource)
    .filter(isFailure)
    .map((i) => `${i.expression ?? ''}: ${i.message}`);
}
