import type { IssueCollector } from '../../outcome/issue-collector';

/**
 * A differential element names a base element by its path, "a '.'-separated list of ancestor elements"
 * (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.path), and the name of a choice
 * element ends in `[x]` (https://hl7.org/fhir/R5/formats.html#choice). `citeAs` for the base's `citeAs[x]` names
 * no element unless it is the type-specific name of one type; the HL7 validator's snapshot generator stops on it
 * (ED_PATH_WRONG_TYPE_MATCH, reported as ERROR_GENERATING_SNAPSHOT) when the element does not narrow the types to one.
 */
export function checkChoicePaths(sd: Record<string, any>, baseElements: Record<string, any>[], expression: string, out: IssueCollector): void {
  const elements = sd.differential?.element;
  if (!Array.isArray(elements) || sd.derivation !== 'constraint') return;
  const basePaths = new Set(baseElements.map((e) => e?.path).filter((p): p is string => typeof p === 'string'));
  elements.forEach((element: any, i: number) => {
    const path = element?.path;
    if (typeof path !== 'string' || basePaths.has(path) || !basePaths.has(`${path}[x]`)) return;
    if (Array.isArray(element.type) && element.type.length === 1) return;
    out.add('error', 'invalid', `Error generating Snapshot: The path must be '${path}[x]' not '${path}' when the type list is not constrained (this usually arises from a problem in the differential)`, `${expression}.differential.element[${i}]`, { container: element, key: 'path' }, 'ED_PATH_WRONG_TYPE_MATCH');
  });
}
