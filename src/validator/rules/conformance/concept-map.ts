// The codes a ConceptMap maps from and to are codes of its groups' code systems: ConceptMap.group.element.code
// is the "Identity (code or path) or the element/item being mapped" in group.source, and group.element.target.code
// the one "that the map refers to" in group.target (https://hl7.org/fhir/R5/conceptmap-definitions.html#ConceptMap.group.element.code).
// As the HL7 validator does (ConceptMapValidator), a code is checked only when its code system is loaded and
// complete: a fragment or an example lists only some of the codes, and SNOMED CT and LOINC are left to a server.
import type { DefinitionStore } from '../../../definitions/definition-store';
import type { IssueCollector } from '../../outcome/issue-collector';
import type { ValidatorRule } from '../rule';

const SERVER_ONLY = new Set(['http://snomed.info/sct', 'http://loinc.org']);

/** A group's code system, loaded and complete: its codes, and its url|version for messages. */
interface CodeList {
  codes: Set<string>;
  name: string;
}

export function checkConceptMap(cm: Record<string, any>, expression: string, definitions: DefinitionStore, out: IssueCollector): void {
  const lists = new Map<string, CodeList | undefined>();
  const listOf = (canonical: unknown, version: unknown): CodeList | undefined => {
    if (typeof canonical !== 'string') return undefined;
    const key = typeof version === 'string' && !canonical.includes('|') ? `${canonical}|${version}` : canonical;
    if (!lists.has(key)) lists.set(key, codeList(key, definitions));
    return lists.get(key);
  };
  const groups: unknown[] = Array.isArray(cm.group) ? cm.group : [];
  groups.forEach((group: any, g) => {
    const source = listOf(group?.source, group?.sourceVersion);
    const target = listOf(group?.target, group?.targetVersion);
    if (!source && !target) return;
    const elements: unknown[] = Array.isArray(group.element) ? group.element : [];
    elements.forEach((element: any, e) => {
      const at = `${expression}.group[${g}].element[${e}]`;
      const code = element?.code;
      if (source && typeof code === 'string' && !source.codes.has(code)) {
        out.add('error', 'code-invalid', `The source code '${code}' is not valid in the code system ${source.name}`, `${at}.code`, { container: element, key: 'code' }, 'CONCEPTMAP_GROUP_SOURCE_CODE_INVALID');
      }
      if (!target || !Array.isArray(element?.target)) return;
      element.target.forEach((t: any, i: number) => {
        if (typeof t?.code === 'string' && !target.codes.has(t.code)) {
          out.add('error', 'code-invalid', `The target code '${t.code}' is not valid in the code system ${target.name}`, `${at}.target[${i}].code`, { container: t, key: 'code' }, 'CONCEPTMAP_GROUP_TARGET_CODE_INVALID');
        }
      });
    });
  });
}

/** The codes of a loaded, complete code system (a versioned canonical that is not loaded falls back to the loaded version). */
function codeList(canonical: string, definitions: DefinitionStore): CodeList | undefined {
  const url = canonical.split('|')[0];
  if (SERVER_ONLY.has(url)) return undefined;
  const cs = definitions.get(canonical);
  if (cs?.resourceType !== 'CodeSystem' || cs.content !== 'complete') return undefined;
  const codes = new Set<string>();
  const add = (concepts: unknown) => {
    if (!Array.isArray(concepts)) return;
    for (const c of concepts) {
      if (typeof c?.code === 'string') codes.add(c.code);
      add(c?.concept);
    }
  };
  add(cs.concept);
  return { codes, name: typeof cs.version === 'string' ? `${url}|${cs.version}` : url };
}

export const conceptMapRule: ValidatorRule = {
  name: 'concept-map',
  ids: ['CONCEPTMAP_GROUP_SOURCE_CODE_INVALID', 'CONCEPTMAP_GROUP_TARGET_CODE_INVALID'],
  checks: "a ConceptMap's source and target codes are codes of its groups' code systems, when those are loaded and complete",
  spec: 'https://hl7.org/fhir/R5/conceptmap-definitions.html#ConceptMap.group.element.code',
  hooks: {
    afterResource: (e, w) => {
      if (e.typeCode === 'ConceptMap') checkConceptMap(e.value as Record<string, any>, e.expression, w.models.definitions, w.out);
    },
  },
};
