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
