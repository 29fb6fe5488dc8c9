import type { DefinitionStore } from '../../../definitions/definition-store';
import type { IssueCollector } from '../../outcome/issue-collector';

const IMPOSE_PROFILE = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-imposeProfile';

/**
 * ElementDefinition.type.targetProfile: "If any profiles are specified, then the content must
 * conform to at least one of them" (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.type.targetProfile),
 * and a profile only adds rules to its base (https://hl7.org/fhir/R5/profiling.html): a target a
 * profile allows must be one its base allows, or derive from one (baseDefinition, or
 * structuredefinition-imposeProfile). As the HL7 validator's snapshot generator
 * (ProfileUtilities.checkTypeDerivation), with its message id; a target it does not know is a warning.
 */
export function checkTargetProfiles(sd: Record<string, any>, baseElements: Record<string, any>[], expression: string, store: DefinitionStore, out: IssueCollector): void {
  const elements = sd.differential?.element;
  if (!Array.isArray(elements) || sd.derivation !== 'constraint') return;
  const index = indexElements(baseElements);
  elements.forEach((element: any, i: number) => {
    if (!Array.isArray(element?.type)) return;
    const base = index.find(element);
    if (!base || !Array.isArray(base.type)) return;
    element.type.forEach((type: any, j: number) => {
      const targets = type?.targetProfile;
      if (!Array.isArray(targets)) return;
      for (const baseType of base.type) {
        if (baseType?.code !== type.code || !Array.isArray(baseType.targetProfile) || baseType.targetProfile.length === 0) continue;
        targets.forEach((url: unknown, k: number) => {
          if (typeof url !== 'string') return;
          const where = `${expression}.differential.element[${i}].type[${j}].targetProfile[${k}]`;
          const site = { container: targets, key: k };
          const verdict = conformsToTargets(url, baseType.targetProfile, store, new Set());
          if (verdict === 'unknown') {
            out.add('warning', 'business-rule', `Cannot check whether the target profile ${url} on ${element.path} is valid constraint on the base because it is not known`, where, site, 'sd-target-profile-unknown');
          } else if (!verdict) {
            out.add('error', 'business-rule', `Error at ${sd.url}#${element.path}: The target profile ${url} is not a valid constraint on the base (${baseType.targetProfile.join(', ')})`, where, site, 'Error_at__The_target_profile__is_not__valid_constraint_on_the_base_');
          }
        });
      }
    });
  });
}

/** Whether a target profile is one of the base's, or derives from one; 'unknown' when a definition on the way is not loaded. */
function conformsToTargets(url: string, baseTargets: unknown[], store: DefinitionStore, seen: Set<string>): boolean | 'unknown' {
  if (baseTargets.includes(url)) return true;
  const bar = url.indexOf('|');
  if (bar > 0 && baseTargets.includes(url.slice(0, bar))) return true;
  if (seen.has(url)) return false;
  seen.add(url);
  const target = store.get(url);
  if (!target) return 'unknown';
  const parents: string[] = [];
  if (typeof target.baseDefinition === 'string') parents.push(target.baseDefinition);
  for (const x of Array.isArray(target.extension) ? target.extension : []) if (x?.url === IMPOSE_PROFILE && typeof x.valueCanonical === 'string') parents.push(x.valueCanonical);
  for (const parent of parents) if (conformsToTargets(parent, baseTargets, store, seen) === true) return true;
  return false;
}

/** The base snapshot's elements, found by the id or the path of a differential element (`value[x]` for `valueReference`). */
function indexElements(elements: Record<string, any>[]) {
  const byId = new Map<string, Record<string, any>>();
  const byPath = new Map<string, Record<string, any>>();
  // The choice elements (`…[x]`) under each parent path, by their name without `[x]`.
  const choices = new Map<string, { name: string; element: Record<string, any> }[]>();
  for (const e of elements) {
    if (typeof e?.id === 'string' && !byId.has(e.id)) byId.set(e.id, e);
    if (typeof e?.path !== 'string' || byPath.has(e.path)) continue; // the sliced element comes before its slices
    byPath.set(e.path, e);
    if (e.path.endsWith('[x]')) {
      const dot = e.path.lastIndexOf('.');
      const parent = e.path.slice(0, Math.max(dot, 0));
      const list = choices.get(parent) ?? [];
      list.push({ name: e.path.slice(dot + 1, -3), element: e });
      choices.set(parent, list);
    }
  }
  return {
    find(element: Record<string, any>): Record<string, any> | undefined {
      const path = element.path;
      if (typeof path !== 'string') return undefined;
      const found = (typeof element.id === 'string' ? byId.get(element.id) : undefined) ?? byPath.get(path);
      if (found) return found;
      // A type-specific name of a choice element: the longest `…[x]` whose name the last part starts with, then
      // a capital. Looked up among the parent's choice elements, not by trying every prefix of the name (a
      // mutated 160 KB path made that quadratic: 5.6 s, found by npm run fuzz).
      const dot = path.lastIndexOf('.');
      const name = path.slice(dot + 1);
      let best: { name: string; element: Record<string, any> } | undefined;
      for (const choice of choices.get(path.slice(0, Math.max(dot, 0))) ?? []) {
        const next = name.charCodeAt(choice.name.length);
        if (choice.name && name.startsWith(choice.name) && next >= 0x41 && next <= 0x5a && (!best || choice.name.length > best.name.length)) best = choice;
      }
      return best?.element;
    },
  };
}
