import type { DefinitionStore } from '../../../definitions/definition-store';
import type { IssueCollector } from '../../outcome/issue-collector';

/**
 * ElementDefinition.type.profile: "Identifies a profile structure or implementation Guide that applies to the
 * datatype this element refers to" (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.type.profile):
 * a profile of the element's own type, not of another. As the HL7 validator (StructureDefinitionValidator,
 * SD_ED_TYPE_PROFILE_WRONG), the type a profile is for is the definition its constraints start from; it fits
 * the type code when that is the code or an abstract type it specializes (a profile of Composition cannot
 * apply to a BackboneElement). A profile that is not loaded cannot be judged (the HL7 validator warns).
 */
export function checkTypeProfiles(sd: Record<string, any>, expression: string, store: DefinitionStore, out: IssueCollector): void {
  for (const list of ['differential', 'snapshot'] as const) {
    const elements = sd[list]?.element;
    if (!Array.isArray(elements)) continue;
    elements.forEach((element: any, i: number) => {
      if (!Array.isArray(element?.type)) return;
      element.type.forEach((type: any, j: number) => {
        if (typeof type?.code !== 'string' || !Array.isArray(type.profile)) return;
        type.profile.forEach((url: unknown, k: number) => {
          if (typeof url !== 'string') return;
          const base = baseType(url, store);
          if (!base || isInstanceOf(base, type.code, store)) return;
          const name = typeof base.version === 'string' ? `${base.url}|${base.version}` : base.url;
          out.add('error', 'invalid', `Profile ${url} is for type StructureDefinition[${name}], but the ${element.path} element has type ${type.code}`, `${expression}.${list}.element[${i}].type[${j}].profile[${k}]`, { container: type.profile, key: k }, 'SD_ED_TYPE_PROFILE_WRONG');
        });
      });
    });
  }
}

/** The definition a profile's constraints start from (its first ancestor that is not a constraint); undefined when one on the way is not loaded. */
function baseType(url: string, store: DefinitionStore): Record<string, any> | undefined {
  let sd = store.get(url);
  for (let hops = 0; sd && sd.derivation === 'constraint' && hops < 50; hops++) sd = typeof sd.baseDefinition === 'string' ? store.get(sd.baseDefinition) : undefined;
  return sd?.resourceType === 'StructureDefinition' && sd.derivation !== 'constraint' ? sd : undefined;
}

/** The type itself, or an abstract (or logical) ancestor of it, is `code`. */
function isInstanceOf(sd: Record<string, any> | undefined, code: string, store: DefinitionStore): boolean {
  for (let hops = 0; sd && hops < 50; hops++) {
    if (sd.type === code || sd.url === code) return true;
    sd = typeof sd.baseDefinition === 'string' ? store.get(sd.baseDefinition) : undefined;
    if (sd && !sd.abstract && sd.kind !== 'logical') return false;
  }
  return false;
}
