import { ownBelowRoot, type QaContext, type QaRule } from './rule';

/** FHIRPath's keywords and operators: an element with such a name cannot be navigated to plainly. */
const FHIRPATH_WORDS = ['and', 'or', 'xor', 'implies', 'as', 'is', 'div', 'mod', 'in', 'contains', 'true', 'false'];
/** Property names the JSON format gives a meaning of its own in a resource. */
const FORMAT_WORDS = ['resourceType', 'fhir_comments'];

const LOWER_CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Element names are lowerCamelCase and not reserved. Reserved are the names that the resource's
 * bases already use (DomainResource for top-level elements, BackboneElement below them, both read
 * from core), FHIRPath's keywords, and the names the formats use.
 */
export const elementNames: QaRule = {
  id: 'element-names',
  title: 'element names are lowerCamelCase and no FHIR reserved word',
  outcome: 'Every element name is lowerCamelCase and none is reserved.',
  run: ({ view, core }: QaContext) => {
    const inherited = (id: string) => core.view(id).elements.map((e) => e.path.split('.').pop()!).slice(1);
    const topReserved = new Set([...inherited('DomainResource'), ...FHIRPATH_WORDS, ...FORMAT_WORDS]);
    const nestedReserved = new Set([...inherited('BackboneElement'), ...FHIRPATH_WORDS, ...FORMAT_WORDS]);
    const findings: string[] = [];
    for (const { path } of ownBelowRoot(view)) {
      const name = path.split('.').pop()!.replace(/\[x\]$/, '');
      if (!LOWER_CAMEL_CASE.test(name)) findings.push(`${path}: "${name}" is not lowerCamelCase`);
      const reserved = path.includes('.') ? nestedReserved : topReserved;
      if (reserved.has(name)) findings.push(`${path}: "${name}" is a reserved word`);
    }
    return findings;
  },
};
