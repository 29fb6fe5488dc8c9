/** The FHIR OperationOutcome shapes the converters report with. */
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: string;
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

/**
 * Collects what a conversion loses or guesses. A loss is source content that the target cannot hold
 * (code `not-supported`); a guess is a value the target needs and the source does not give
 * (code `informational`). `expression` is the FHIRPath of the element concerned: in the source
 * resource for FHIR sources, in the output for DICOM sources (which have no FHIRPath).
 */
export class ConversionReport {
  readonly issues: OperationOutcomeIssue[] = [];

  /** @param source prefixes every diagnostic (the input file), so merged reports stay readable. */
  constructor(private readonly source?: string) {}

  loss(expression: string | undefined, diagnostics: string): void {
    this.add('warning', 'not-supported', expression, diagnostics);
  }

  guess(expression: string | undefined, diagnostics: string): void {
    this.add('warning', 'informational', expression, diagnostics);
  }

  /** Not a loss: content carried in another form (for instance an extension). */
  note(expression: string | undefined, diagnostics: string): void {
    this.add('information', 'informational', expression, diagnostics);
  }

  /** Adds the issues of another report (e.g. of a chained conversion step or of validation). */
  merge(issues: readonly OperationOutcomeIssue[]): void {
    this.issues.push(...issues);
  }

  toOperationOutcome(): OperationOutcome {
    return toOperationOutcome(this.issues);
  }

  private add(severity: IssueSeverity, code: string, expression: string | undefined, diagnostics: string): void {
    this.issues.push({
      severity,
      code,
      diagnostics: this.source ? `${this.source}: ${diagnostics}` : diagnostics,
      ...(expression ? { expression: [expression] } : {}),
    });
  }
}

export function toOperationOutcome(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [...issues] };
}
