import type { Position } from '../parse/source-map';

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** The IssueType codes (http://hl7.org/fhir/issue-type) this validator emits. */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'business-rule'
  | 'security'
  | 'code-invalid'
  | 'extension'
  | 'not-supported'
  | 'not-found'
  | 'too-costly'
  | 'informational'
  | 'exception'
  | 'processing'
  | 'duplicate'
  | 'business-rule';

/** One finding, before it becomes an OperationOutcome.issue. */
export interface ValidationIssue {
  severity: IssueSeverity;
  code: IssueCode;
  message: string;
  /** FHIRPath with indices, e.g. `ImagingReference.instance[1].uid`. */
  expression?: string;
  position?: Position;
  /** The constraint key or rule id that produced the issue (e.g. irf-1), for reports and tests. */
  rule?: string;
  /** On a summary of issues left unlisted (rule `issue-limit`): how many of each severity it stands for. */
  omitted?: Partial<Record<IssueSeverity, number>>;
}

export function isFailure(issue: ValidationIssue): boolean {
  return issue.severity === 'error' || issue.severity === 'fatal';
}
