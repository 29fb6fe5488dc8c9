import type { IssueCollector, Site } from '../outcome/issue-collector';
import { checkCanonical } from './canonical';
import { checkNumberText } from './numbers';
import type { PrimitiveRules } from './primitives';
import type { ValidatorRule } from './rule';

/**
 * The checks on a primitive value that its type's JSON type and regex do not make: how a number
 * was written, a canonical's version. False when the value has an error (its other rules are then skipped).
 */
export function checkPrimitiveText(type: string, value: unknown, site: Site, expression: string, primitives: PrimitiveRules, out: IssueCollector): boolean {
  if (typeof value === 'number') return checkNumberText(type, value, site, expression, primitives, out);
  if (type === 'canonical' && typeof value === 'string') return checkCanonical(value, site, expression, out);
  return true;
}

export const primitiveTextRule: ValidatorRule = {
  name: 'primitive-text',
  ids: ['Type_Specific_Checks_DT_Primitive_Regex_Type', 'Type_Specific_Checks_DT_Decimal_Range', 'Type_Specific_Checks_DT_Integer_Valid', 'canonical-empty-version'],
  checks: 'decimals and integers as they were written (their source text: precision, range, exponents), a canonical with an empty version',
  spec: 'https://hl7.org/fhir/R5/datatypes.html#primitive',
  hooks: { primitive: (e, w) => checkPrimitiveText(e.typeCode!, e.value, e.site, e.expression, w.primitives, w.out) },
};
