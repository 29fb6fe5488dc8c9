import type { ValidationIssue } from '../validator/outcome/issue';

/** The lowest severity that fails a run (`--fail-on`): errors (and fatal) by default, or warnings too. */
export type FailOn = 'error' | 'warning';

export function failsAt(failOn: FailOn): (issue: ValidationIssue) => boolean {
  return failOn === 'warning' ? (i) => i.severity !== 'information' : (i) => i.severity === 'error' || i.severity === 'fatal';
}
