// A profile may narrow an element's types, never widen them (R5 profiling.html, constraining
// types): each type a differential states must be one of the base's types, or a type derived
// from one of them (Quantity → Duration), or any type where the base allows any (`*`, Resource).
import type { SnapshotContext } from './context';
import { typeUrl } from './context';
import { InvalidConstraintError } from './errors';
import type { ElementDefinition, TypeRef } from './types';

const OPEN_TYPES = new Set(['*', 'Resource', 'DomainResource', 'Element', 'BackboneElement', 'Base', 'DataType']);

export function checkTypeConstraint(context: SnapshotContext, base: ElementDefinition, diff: ElementDefinition, path: string): void {
  // A FHIRPath system type (Extension.url's System.String) names its FHIR type in an extension.
  const baseCodes = new Set((base.type ?? []).flatMap((t) => [t.code, ...fhirTypes(t)]));
  if (!baseCodes.size || !diff.type?.length) return;
  for (const { code } of diff.type) {
    if (baseCodes.has(code) || [...baseCodes].some((b) => OPEN_TYPES.has(b)) || derivesFrom(context, code, baseCodes)) continue;
    throw new InvalidConstraintError(context.profile.url, path, `type ${code} is not one of the base's types (${[...baseCodes].join(', ')})`);
  }
}

const FHIR_TYPE = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

function fhirTypes(type: TypeRef): string[] {
  return ((type.extension as Array<{ url: string; valueUrl?: string }> | undefined) ?? []).filter((e) => e.url === FHIR_TYPE && e.valueUrl).map((e) => e.valueUrl!);
}

function derivesFrom(context: SnapshotContext, code: string, baseCodes: Set<string>): boolean {
  const seen = new Set<string>();
  let url: string | undefined = typeUrl(code);
  while (url && !seen.has(url)) {
    seen.add(url);
    const definition = context.resolveRaw(url);
    if (!definition) return false;
    if (baseCodes.has(definition.type) && definition.url !== typeUrl(code)) return true;
    url = definition.baseDefinition;
  }
  return false;
}
