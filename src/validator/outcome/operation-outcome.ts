import type { ValidationIssue } from './issue';

export const ISSUE_LINE_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line';
export const ISSUE_COL_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col';
/** The id of the rule (and message) that found the issue, as the HL7 validator names its message ids. */
export const MESSAGE_ID_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';
export const OUTCOME_FILE_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-file';

export interface OperationOutcomeIssue {
  extension?: { url: string; valueInteger?: number; valueString?: string }[];
  severity: ValidationIssue['severity'];
  code: string;
  details: { text: string };
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  extension?: { url: string; valueString: string }[];
  issue: OperationOutcomeIssue[];
}

const ORDER = { fatal: 0, error: 1, warning: 2, information: 3 } as const;

/**
 * An OperationOutcome as the HL7 validator writes it: issues in document order, line and column
 * as extensions, FHIRPath expressions with indices, and an "All OK" issue when there is none
 * (OperationOutcome.issue is 1..*).
 */
export function toOperationOutcome(issues: ValidationIssue[], file?: string): OperationOutcome {
  const sorted = [...issues].sort(
    (a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0) || ORDER[a.severity] - ORDER[b.severity],
  );
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: sorted.length ? sorted.map(toIssue) : [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }],
  };
  if (file !== undefined) outcome.extension = [{ url: OUTCOME_FILE_URL, valueString: file }];
  return outcome;
}

function toIssue(i: ValidationIssue): OperationOutcomeIssue {
  const issue: OperationOutcomeIssue = { severity: i.severity, code: i.code, details: { text: i.message } };
  const extension: NonNullable<OperationOutcomeIssue['extension']> = [];
  // The column is a string: that is how hl7.fhir.uv.extensions.r5 defines operationoutcome-issue-col (the line is an integer).
  if (i.position) extension.push({ url: ISSUE_LINE_URL, valueInteger: i.position.line }, { url: ISSUE_COL_URL, valueString: String(i.position.col) });
  if (i.rule) extension.push({ url: MESSAGE_ID_URL, valueString: i.rule });
  if (extension.length) issue.extension = extension;
  if (i.expression) issue.expression = [i.expression];
  return issue;
}

/** The issues of an OperationOutcome back as ValidationIssues (for formatters and tests). */
export function issuesOf(outcome: OperationOutcome): ValidationIssue[] {
  return outcome.issue
    .filter((i) => !(i.code === 'informational' && i.details.text === 'All OK'))
    .map((i) => {
      const line = i.extension?.find((x) => x.url === ISSUE_LINE_URL)?.valueInteger;
      const colExt = i.extension?.find((x) => x.url === ISSUE_COL_URL);
      const col = colExt?.valueInteger ?? (colExt?.valueString !== undefined ? Number(colExt.valueString) : undefined);
      const rule = i.extension?.find((x) => x.url === MESSAGE_ID_URL)?.valueString;
      const issue: ValidationIssue = { severity: i.severity, code: i.code as ValidationIssue['code'], message: i.details.text, expression: i.expression?.[0] };
      if (line !== undefined && col !== undefined) issue.position = { line, col };
      if (rule) issue.rule = rule;
      return issue;
    });
}

export function hasFailure(outcome: OperationOutcome): boolean {
  return outcome.issue.some((i) => i.severity === 'error' || i.severity === 'fatal');
}
