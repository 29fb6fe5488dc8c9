import type { IssueCollector, Site } from '../outcome/issue-collector';
import { knownSystem } from '../terminology/known-systems';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

const UCUM = 'http://unitsofmeasure.org';
/** The Quantity types, whose `system` and `code` name a unit. */
const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

function knownCodes(e: ValueEvent, w: Walk): void {
  if (e.value !== null && typeof e.value === 'object' && !Array.isArray(e.value)) checkKnownCodes(e.value as Record<string, any>, e.typeCode!, e.expression, e.site, w.out);
}

export const knownCodesRule: ValidatorRule = {
  name: 'known-codes',
  ids: ['Unknown_Code_in', 'known-system-note', 'TERMINOLOGY_TX_SYSTEM_NO_CODE', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NO_UNIT', 'TYPE_SPECIFIC_CHECKS_DT_QTY_UCUM_ANNOTATIONS_NOT_IN_UNIT'],
  checks:
    'a Coding or Quantity code in a code system known without a server (BCP-13, BCP-47, ISO 4217, ISO 3166, UCUM) is one of its codes, bound or not; a bare coding has a system (warning); UCUM annotations (warning)',
  spec: 'https://hl7.org/fhir/R5/datatypes-definitions.html#Coding.code',
  hooks: { type: Object.fromEntries(['Coding', ...QUANTITY_TYPES].map((t) => [t, knownCodes])) },
};

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
  if (verdict.note) noteKnownCode(known.title, verdict.note, `${expression}.code`, at, out);
  if (isQuantity && system === UCUM) checkUcumAnnotation(code, value.unit, expression, site, out);
}

/** A code a known system accepts with a reservation (an unregistered mime type): a warning, here and in bindings. */
export function noteKnownCode(title: string, note: string, expression: string, site: Site, out: IssueCollector): void {
  out.add('warning', 'code-invalid', `${title}: ${note}`, expression, site, 'known-system-note');
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
