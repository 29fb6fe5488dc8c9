import type { IssueCollector, Site } from '../outcome/issue-collector';
import { knownSystem } from '../terminology/known-systems';

const UCUM = 'http://unitsofmeasure.org';
/** The Quantity types, whose `system` and `code` name a unit. */
const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

/**
 * A code of a code system known without a server is checked wherever it appears, bound or not, as
 * the HL7 validator has its terminology server check every coding: a Coding's code, and a
 * Quantity's unit code in UCUM. An unknown code is an error (Coding.code: "a symbol in syntax
 * defined by the system"), reported with the terminology server's message id (Unknown_Code_in).
 */
export function checkKnownCodes(value: Record<string, any>, typeCode: string, expression: string, site: Site, out: IssueCollector): void {
  const isQuantity = QUANTITY_TYPES.has(typeCode);
  if (typeCode !== 'Coding' && !isQuantity) return;
  const { system, code } = value;
  if (typeof code !== 'string') return;
  if (system === undefined) {
    // Outside a CodeableConcept a coding's code means nothing without its system (HL7: TERMINOLOGY_TX_SYSTEM_NO_CODE).
    if (typeCode === 'Coding' && !expression.endsWith('.coding') && !/\.coding\[\d+\]$/.test(expression)) {
      out.add('warning', 'code-invalid', `the code "${code}" has no system: a code without a system has no defined meaning`, expression, site, 'TERMINOLOGY_TX_SYSTEM_NO_CODE');
    }
    return;
  }
  if (typeof system !== 'string') return;
  const known = knownSystem(system);
  if (!known) return;
  const verdict = known.check(code);
  const at = { container: value, key: 'code' };
  if (!verdict.valid) {
    out.add('error', 'code-invalid', `unknown code in ${known.title} (${system}): ${verdict.reason}`, `${expression}.code`, at, 'Unknown_Code_in');
    return;
  }
  if (verdict.note) out.add('warning', 'code-invalid', `${known.title}: ${verdict.note}`, `${expression}.code`, at, 'known-system-note');
  if (isQuantity && system === UCUM) checkUcumAnnotation(code, value.unit, expression, site, out);
}

/**
 * UCUM annotations (`{score}`) are ignored when units are compared, so the HL7 validator warns
 * (best practice) when a unit code carries one, more pointedly when Quantity.unit does not repeat it.
 */
function checkUcumAnnotation(code: string, unit: unknown, expression: string, site: Site, out: IssueCollector): void {
  const open = code.indexOf('{');
  const close = code.indexOf('}');
  if (open < 0 || close <= open) return;
  const annotation = code.slice(open, close + 1);
  const text = annotation.slice(1, -1).toLowerCase();
  if (typeof unit !== 'string') {
    out.add('warning', 'business-rule', `the UCUM code has the annotation ${annotation}, which is ignored when units are compared: Quantity.unit should carry it`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NO_UNIT');
  } else if (!unit.toLowerCase().includes(text)) {
    out.add('warning', 'business-rule', `the UCUM code has the annotation ${annotation}, which is ignored when units are compared: Quantity.unit "${unit}" should carry it`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NOT_IN_UNIT');
  } else {
    out.add('warning', 'business-rule', `the UCUM code has the annotation ${annotation}, which is ignored when units are compared: do not depend on it`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS');
  }
}
