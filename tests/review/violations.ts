// For every check kind, a way to violate one given check in a copy of the definition. With it, each
// check in the records is shown to fail when what it checks no longer holds.
import type { StructureDefinition } from '../../src/ig/structure-definition';
import type { CheckKindName, CheckSpec } from '../../src/review/checks';
import type { FhirResource } from '../../src/ig/generated-resources';
import { addLike, builtByUrl, changeUrl, dropConstraint, el, remove, setTypes } from './fixtures';

type Violation<K extends CheckKindName> = (sd: StructureDefinition, check: Extract<CheckSpec, { kind: K }>, built: FhirResource[]) => void;

/** Typed so that a new check kind without a violation does not compile. */
export const VIOLATIONS: { [K in CheckKindName]: Violation<K> } = {
  // The name: a type that differs from the root path is not valid FHIR (sdf-8), which the review refuses.
  'resource-type': (sd) => void (sd.name = 'Basic'),
  exists: (sd, c) => remove(sd, c.path),
  absent: (sd, c) => {
    const parent = c.path.includes('.') ? c.path.slice(0, c.path.lastIndexOf('.')) : undefined;
    if (parent) addLike(sd, 'instance', parent); // a child needs its parent in the snapshot
    addLike(sd, 'description', c.path);
  },
  cardinality: (sd, c) => void (el(sd, c.path).min = c.min === 0 ? 1 : 0),
  types: (sd, c) => setTypes(sd, c.path, c.codes.includes('string') ? 'code' : 'string'),
  targets: (sd, c) => void (el(sd, c.path).type![0].targetProfile = ['http://hl7.org/fhir/StructureDefinition/Basic']),
  summary: (sd, c) => void (el(sd, c.path === '*' ? 'instance.uid' : c.path).isSummary = c.summary === false),
  binding: (sd, c) => void (el(sd, c.path).binding!.strength = c.strength === 'example' ? 'preferred' : 'example'),
  invariant: (sd, c) => dropConstraint(sd, c.path ?? '', c.key),
  'short-not': (sd, c) => void (el(sd, c.path ?? '').short = `A ${c.text} document`),
  definition: (sd, c) => void (el(sd, c.path ?? '').definition = 'Something else entirely.'),
  canonical: (sd) => changeUrl(sd, 'http://example.org/StructureDefinition/ImagingReference'),
  base: (sd) => void (sd.fhirVersion = '4.0.1'),
  element: (sd, c) => void (el(sd, c.path).max = c.max === '1' ? '*' : '1'),
  elements: (sd) => void addLike(sd, 'description', 'note'),
  'value-set': (_sd, c, built) => void builtByUrl(built, c.url).compose.include[0].concept.pop(),
  extension: (_sd, c, built) => void builtByUrl(built, c.url).context.push({ type: 'element', expression: 'Patient' }),
};

export function violate(sd: StructureDefinition, check: CheckSpec, built: FhirResource[]): void {
  (VIOLATIONS[check.kind] as Violation<CheckKindName>)(sd, check as never, built);
}
