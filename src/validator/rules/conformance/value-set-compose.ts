// ValueSet.compose.include.system is "An absolute URI which is the code system from which the selected codes
// come from" (https://hl7.org/fhir/R5/valueset-definitions.html#ValueSet.compose.include.system), and so is the
// system of an exclude (the same ConceptSetComponent). A relative name (`sample-roles`) or a `#id` of a contained
// code system names no code system anywhere else; the HL7 validator's ids and messages are used.
import type { IssueCollector } from '../../outcome/issue-collector';
import type { ValidatorRule } from '../rule';

/** RFC 3986 absolute-URI: a scheme, a colon and something after it (no blanks, which no URI has). */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export function checkValueSetCompose(vs: Record<string, any>, expression: string, out: IssueCollector): void {
  for (const part of ['include', 'exclude'] as const) {
    const list: unknown[] = Array.isArray(vs.compose?.[part]) ? vs.compose[part] : [];
    list.forEach((c: any, i) => {
      const system = c?.system;
      if (typeof system !== 'string' || ABSOLUTE_URI.test(system)) return;
      const fragment = system.startsWith('#');
      const message = fragment
        ? `URI values in ValueSet.compose.${part}.system must be absolute. To reference a contained code system, use the full CodeSystem URL and reference it using the http://hl7.org/fhir/StructureDefinition/valueset-system extension`
        : `URI values in ValueSet.compose.${part}.system must be absolute`;
      out.add('error', 'invalid', message, `${expression}.compose.${part}[${i}]`, { container: c, key: 'system' }, fragment ? 'VALUESET_INCLUDE_SYSTEM_ABSOLUTE_FRAG' : 'VALUESET_INCLUDE_SYSTEM_ABSOLUTE');
    });
  }
}

export const valueSetComposeRule: ValidatorRule = {
  name: 'value-set-compose',
  ids: ['VALUESET_INCLUDE_SYSTEM_ABSOLUTE', 'VALUESET_INCLUDE_SYSTEM_ABSOLUTE_FRAG'],
  checks: 'the system of a ValueSet include or exclude is an absolute URI',
  spec: 'https://hl7.org/fhir/R5/valueset-definitions.html#ValueSet.compose.include.system',
  hooks: {
    afterResource: (e, w) => {
      if (e.typeCode === 'ValueSet') checkValueSetCompose(e.value as Record<string, any>, e.expression, w.out);
    },
  },
};
