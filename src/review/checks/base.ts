import type { CheckKind } from './check';

export interface BaseCheck {
  kind: 'base';
  /** The base type (a core type name or a canonical URL). */
  base: string;
  derivation: 'specialization' | 'constraint';
  fhirVersion: string;
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

/** What the definition is built on: a (non-abstract) resource, its base type, how it derives, the FHIR version. */
export const base: CheckKind<BaseCheck> = {
  kind: 'base',
  describe: (c) => `a ${c.derivation} of ${c.base}, FHIR ${c.fhirVersion}`,
  run: (c, view) => {
    const { sd } = view;
    const expected = c.base.includes(':') ? c.base : CORE + c.base;
    const found: [string, unknown, unknown][] = [
      ['base definition', sd.baseDefinition, expected],
      ['derivation', sd.derivation, c.derivation],
      ['FHIR version', sd.fhirVersion, c.fhirVersion],
      ['kind', sd.kind, 'resource'],
      ['abstract', sd.abstract, false],
    ];
    return found.filter(([, actual, want]) => actual !== want).map(([what, actual, want]) => `the definition's ${what} is ${String(actual ?? '(none)')}, expected ${String(want)}`);
  },
};
