import type { ModelRegistry } from '../../model/model-registry';
import type { IssueCollector } from '../../outcome/issue-collector';
import { checkChoicePaths } from './choice-paths';
import { checkDiscriminatorPaths } from './discriminator-paths';
import { checkExtensionContexts } from './extension-contexts';
import { checkInvariantKeys } from './invariant-keys';
import { checkSnapshotSlicing } from './snapshot-slicing';
import { checkTargetProfiles } from './target-profiles';
import { checkTypeProfiles } from './type-profiles';
import type { ValidatorRule } from '../rule';

const EXTENSION = 'http://hl7.org/fhir/StructureDefinition/Extension';

/**
 * What the HL7 validator checks when it validates a StructureDefinition as an author's artefact
 * (StructureDefinitionValidator), beyond its structure and invariants: extension contexts, the
 * use of meaningWhenMissing in profiles, Extension.url fixed to the extension's url, constraint keys,
 * target profiles that only restrict the base, and type profiles that are for the element's type. Each family is its own module; the ones that
 * compare with the base definition run only when the base is loaded, as in the HL7 validator.
 */
export function checkStructureDefinition(sd: Record<string, any>, expression: string, models: ModelRegistry, out: IssueCollector): void {
  checkExtensionContexts(sd, expression, models, out);
  checkTypeProfiles(sd, expression, models.definitions, out);
  checkSnapshotSlicing(sd, expression, out);
  checkDiscriminatorPaths(sd, expression, models.definitions, out);
  const baseUrl = sd.baseDefinition;
  const base = typeof baseUrl === 'string' ? (models.model(baseUrl)?.definition ?? models.definitions.get(baseUrl)) : undefined;
  if (!base) return;
  checkMeaningWhenMissing(sd, expression, out);
  checkExtensionUrl(sd, expression, out);
  checkInvariantKeys(sd, base, expression, models.definitions, out);
  const baseElements = Array.isArray(base.snapshot?.element) ? base.snapshot.element : [];
  checkTargetProfiles(sd, baseElements, expression, models.definitions, out);
  checkChoicePaths(sd, baseElements, expression, out);
}

/**
 * ElementDefinition.meaningWhenMissing: "Implicit meanings for missing values can only be specified
 * on a resource, data type, or extension definition, and never in a profile that applies to one of
 * these" (https://hl7.org/fhir/R5/elementdefinition-definitions.html#ElementDefinition.meaningWhenMissing).
 * An extension definition is itself a constraint on Extension: its root (and its sub-extensions) may.
 */
function checkMeaningWhenMissing(sd: Record<string, any>, expression: string, out: IssueCollector): void {
  const elements = sd.differential?.element;
  if (sd.derivation !== 'constraint' || !Array.isArray(elements)) return;
  elements.forEach((element: any, i: number) => {
    if (element?.meaningWhenMissing === undefined) return;
    const path = element.path;
    if (typeof path === 'string' && (path === 'Extension' || path.endsWith('.extension'))) return;
    out.add('error', 'not-found', `The element definition for ${path} has a property meaningWhenMissing which is not allowed in a profile`, `${expression}.differential.element[${i}]`, { container: element, key: 'meaningWhenMissing' }, 'SD_ELEMENT_NOT_IN_CONSTRAINT');
  });
}

/**
 * Extension.url: "The definition SHALL be a URI for the Structure Definition defining the extension"
 * (https://hl7.org/fhir/R5/extensibility-definitions.html#Extension.url), so an extension's
 * definition fixes Extension.url to its own canonical url.
 */
function checkExtensionUrl(sd: Record<string, any>, expression: string, out: IssueCollector): void {
  if (sd.type !== 'Extension' || sd.baseDefinition !== EXTENSION || typeof sd.url !== 'string') return;
  const elements: unknown[] = Array.isArray(sd.differential?.element) ? sd.differential.element : [];
  const urlElement = elements.find((e: any) => e?.path === 'Extension.url') as Record<string, unknown> | undefined;
  const fixedKey = urlElement ? Object.keys(urlElement).find((k) => k.startsWith('fixed')) : undefined;
  const fixed = fixedKey ? urlElement![fixedKey] : undefined;
  if (typeof fixed !== 'string') {
    out.add('error', 'invalid', `The value of Extension.url is not fixed to the extension URL ${sd.url}`, expression, { container: sd, key: 'url' }, 'SD_EXTENSION_URL_MISSING');
  } else if (fixed !== sd.url) {
    out.add('error', 'invalid', `The fixed value for the extension URL is ${fixed} which doesn't match the canonical URL ${sd.url}`, expression, { container: urlElement, key: fixedKey }, 'SD_EXTENSION_URL_MISMATCH');
  }
}

export const structureDefinitionRule: ValidatorRule = {
  name: 'structure-definition',
  ids: ['SD_CONTEXT_SHOULD_ELEMENT_NOT_FOUND', 'SD_CONTEXT_SHOULD_NOT_BE_ELEMENT', 'SD_CONTEXT_SHOULD_NOT_BE_FHIRPATH', 'SD_NO_CONTEXT_WHEN_NOT_EXTENSION', 'SD_NO_CONTEXT_INV_WHEN_NOT_EXTENSION', 'SD_ELEMENT_NOT_IN_CONSTRAINT', 'SD_EXTENSION_URL_MISSING', 'SD_EXTENSION_URL_MISMATCH', 'ED_INVARIANT_EXPRESSION_CONFLICT', 'ED_INVARIANT_DIFF_NO_SOURCE', 'ED_INVARIANT_KEY_ALREADY_USED', 'Error_at__The_target_profile__is_not__valid_constraint_on_the_base_', 'sd-target-profile-unknown', 'SD_ED_TYPE_PROFILE_WRONG', 'ED_PATH_WRONG_TYPE_MATCH', 'sd-slice-without-slicing', 'SD_PATH_NOT_VALID'],
  checks: 'what the HL7 validator checks in a StructureDefinition: extension contexts, Extension.url, meaningWhenMissing, constraint keys, target and type profiles, choice paths, slices, discriminator paths',
  spec: 'https://hl7.org/fhir/R5/structuredefinition.html',
  hooks: {
    afterResource: (e, w) => {
      if (e.typeCode === 'StructureDefinition') checkStructureDefinition(e.value as Record<string, any>, e.expression, w.models, w.out);
    },
  },
};
