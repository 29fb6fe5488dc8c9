import type { IssueCollector, Site } from '../outcome/issue-collector';
import { numberText } from '../parse/number-text';
import type { PrimitiveRules } from './primitives';

// Numbers judged as they were written (parse/number-text keeps the text), with the HL7 validator's
// message ids: the JSON value of `1.0`, `1e2` and `100` is the same number, but only `100` is a FHIR integer.

/**
 * The R5 decimal regex (https://hl7.org/fhir/R5/datatypes.html#decimal): at most 18 digits before
 * the point and 17 after, an optional exponent. The regex extension of the published
 * StructureDefinition-decimal ends `[0-9]{1,9}})?` with one brace too many, which no exponent
 * matches; this is it without the stray brace.
 */
const DECIMAL = /^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,17})?([eE][+-]?[0-9]{1,9})?$/;
const INTEGER_TYPES = new Set(['integer', 'positiveInt', 'unsignedInt']);

/**
 * Checks how a decimal or integer was written; false when that is an error. Beyond the regex, the
 * HL7 validator warns about decimals with more than 18 significant digits in all, or an exponent of
 * more than 4 digits, "outside the range of commonly/reasonably supported decimals" (Utilities.checkDecimal).
 */
export function checkNumberText(type: string, value: number, site: Site, expression: string, primitives: PrimitiveRules, out: IssueCollector): boolean {
  const isDecimal = type === 'decimal';
  if (!isDecimal && !INTEGER_TYPES.has(type)) return true;
  const text = numberText(site.container, site.key, value);
  if (isDecimal) {
    const ok = DECIMAL.test(text);
    if (!ok) out.add('error', 'value', `Element value '${text}' does not meet the decimal regex (at most 18 digits before the point, 17 after it)`, expression, site, 'Type_Specific_Checks_DT_Primitive_Regex_Type');
    if (outsideCommonRange(text)) out.add('warning', 'value', `The value '${text}' is outside the range of commonly/reasonably supported decimals`, expression, site, 'Type_Specific_Checks_DT_Decimal_Range');
    return ok;
  }
  if (!/^-?[0-9]+$/.test(text)) {
    out.add('error', 'value', `The value '${text}' is not a valid integer: a FHIR ${type} is written without a fraction or an exponent`, expression, site, 'Type_Specific_Checks_DT_Integer_Valid');
    return false;
  }
  const regex = primitives.rule(type).regex;
  if (regex && !regex.test(text)) {
    out.add('error', 'value', `Element value '${text}' does not meet the ${type} regex '${regex.source.slice(4, -2)}'`, expression, site, 'Type_Specific_Checks_DT_Primitive_Regex_Type');
    return false;
  }
  return true;
}

/** More than 18 digits before and after the point together, or an exponent of more than 4 digits. */
function outsideCommonRange(text: string): boolean {
  const m = /^-?([0-9]*)(?:\.([0-9]*))?(?:[eE][+-]?([0-9]*))?$/.exec(text);
  if (!m) return false;
  return (m[3]?.length ?? 0) > 4 || m[1].length + (m[2]?.length ?? 0) > 18;
}
