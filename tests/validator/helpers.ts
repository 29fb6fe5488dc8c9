import * as path from 'node:path';
import { createValidatorSync, type Validator } from '../../src/validator/validator';
import type { ValidationIssue } from '../../src/validator/outcome/issue';
import { PROJECT_DIR } from '../helpers/project';

export const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');

let shared: Validator | undefined;

/** One validator for the whole suite: definitions are indexed and compiled once, as in real use. */
export function validator(): Validator {
  shared ??= createValidatorSync();
  return shared;
}

export function errorsOf(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** A minimal valid ImagingReference to mutate. */
export function minimalImagingReference(): Record<string, any> {
  return {
    resourceType: 'ImagingReference',
    subject: { reference: 'Patient/p1' },
    studyUid: '1.2.3',
    seriesUid: '1.2.3.4',
    instance: [{ uid: '1.2.3.4.5' }, { uid: '1.2.3.4.6', frameNumber: [1, 2] }],
  };
}

export function summary(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.severity} ${i.code} ${i.expression} ${i.message}`).join('\n');
}

/** The R5 core blood-pressure profile, and an Observation made for it (the profile tests' common input). */
export const BP = 'http://hl7.org/fhir/StructureDefinition/bp';
export const mmHg = (v: number) => ({ value: v, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
export const bpComponent = (code: string, v: number) => ({ code: { coding: [{ system: 'http://loinc.org', code }] }, valueQuantity: mmHg(v) });

/** A blood-pressure Observation with these components; `extra` replaces or adds elements, `undefined` leaves one out. */
export function bloodPressure(components: unknown[], extra: Record<string, unknown> = {}): Record<string, any> {
  const r: Record<string, any> = {
    resourceType: 'Observation',
    meta: { profile: [BP] },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
    subject: { reference: 'Patient/1' },
    effectiveDateTime: '2024-05-01T10:00:00Z',
    component: components,
    ...extra,
  };
  for (const k of Object.keys(r)) if (r[k] === undefined) delete r[k];
  return r;
}
