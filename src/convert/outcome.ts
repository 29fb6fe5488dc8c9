import type { ValidationIssue } from '../validator';
import type { Locator } from './source-position';

/**
 * Collects what a conversion loses or guesses, as the validator's issues (so both print as one
 * OperationOutcome). A loss is source content that the target cannot hold (code `not-supported`);
 * a guess is a value the target needs and the source does not give (code `informational`).
 * `expression` is the FHIRPath of the element concerned: in the source resource for FHIR sources,
 * in the output for DICOM sources (which have no FHIRPath; the message names the DICOM attribute).
 */
export class ConversionReport {
  readonly issues: ValidationIssue[] = [];

  /**
   * @param source prefixes every message (the input file), so merged reports stay readable.
   * @param locate gives the line and column of an expression in a JSON source (HL7 validator style).
   */
  constructor(private readonly source?: string, private readonly locate?: Locator) {}

  loss(expression: string | undefined, message: string): void {
    this.add('warning', 'not-supported', expression, message);
  }

  guess(expression: string | undefined, message: string): void {
    this.add('warning', 'informational', expression, message);
  }

  /** Not a loss: content carried in another form (for instance an extension). */
  note(expression: string | undefined, message: string): void {
    this.add('information', 'informational', expression, message);
  }

  private add(severity: ValidationIssue['severity'], code: ValidationIssue['code'], expression: string | undefined, message: string): void {
    const issue: ValidationIssue = { severity, code, message: this.source ? `${this.source}: ${message}` : message };
    if (expression) {
      issue.expression = expression;
      const position = this.locate?.(expression);
      if (position) issue.position = position;
    }
    this.issues.push(issue);
  }
}
