import type { SnapshotView } from '../../ig/structure-definition';
import { NO_ARTIFACTS, type BuildArtifacts } from '../artifacts';
import { base, type BaseCheck } from './base';
import { binding, type BindingCheck } from './binding';
import { canonical, type CanonicalCheck } from './canonical';
import { cardinality, type CardinalityCheck } from './cardinality';
import type { CheckKind } from './check';
import { definitionText, type DefinitionTextCheck } from './definition-text';
import { elementAbsent, type ElementAbsentCheck } from './element-absent';
import { elementExists, type ElementExistsCheck } from './element-exists';
import { element, type ElementCheck } from './element';
import { elements, type ElementsCheck } from './elements';
import { extension, type ExtensionCheck } from './extension';
import { invariant, type InvariantCheck } from './invariant';
import { referenceTargets, type ReferenceTargetsCheck } from './reference-targets';
import { resourceType, type ResourceTypeCheck } from './resource-type';
import { shortNot, type ShortNotCheck } from './short-not';
import { summaryFlag, type SummaryFlagCheck } from './summary-flag';
import { types, type TypesCheck } from './types';
import { valueSet, type ValueSetCheck } from './value-set';

/** A machine check as the decision records write it (the `kind` picks the check). */
export type CheckSpec =
  | ResourceTypeCheck
  | ElementExistsCheck
  | ElementAbsentCheck
  | CardinalityCheck
  | TypesCheck
  | ReferenceTargetsCheck
  | SummaryFlagCheck
  | BindingCheck
  | InvariantCheck
  | ShortNotCheck
  | DefinitionTextCheck
  | CanonicalCheck
  | BaseCheck
  | ElementCheck
  | ElementsCheck
  | ValueSetCheck
  | ExtensionCheck;

export type CheckKindName = CheckSpec['kind'];

/** The check vocabulary: every kind the data file may use, by name. */
export const CHECK_KINDS: { [K in CheckKindName]: CheckKind<Extract<CheckSpec, { kind: K }>> } = {
  'resource-type': resourceType,
  exists: elementExists,
  absent: elementAbsent,
  cardinality,
  types,
  targets: referenceTargets,
  summary: summaryFlag,
  binding,
  invariant,
  'short-not': shortNot,
  definition: definitionText,
  canonical,
  base,
  element,
  elements,
  'value-set': valueSet,
  extension,
};

function kindOf<S extends CheckSpec>(spec: S): CheckKind<S> {
  return CHECK_KINDS[spec.kind] as unknown as CheckKind<S>;
}

/** What a check finds wrong (empty: the check holds). */
export function runCheck(spec: CheckSpec, view: SnapshotView, build: BuildArtifacts = NO_ARTIFACTS): string[] {
  return kindOf(spec).run(spec, view, build);
}

export function describeCheck(spec: CheckSpec): string {
  return kindOf(spec).describe(spec);
}

export type { CheckKind } from './check';
