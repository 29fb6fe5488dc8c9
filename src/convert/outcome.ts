import type { ValidationIssue } from '../validator';
import { ConversionInputError } from './errors';
import type { Locator } from './source-position';

export interface ConversionOptions {
  /** Convert even when the output selects more than the source (whole instances for regions or segments). */
  allowWidening?: boolean;
}

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
  constructor(
    private readonly source?: string,
    private readonly locate?: Locator,
    private readonly options: ConversionOptions = {},
  ) {}

  /**
   * Content whose loss makes the output select more than the source did (regions, segments):
   * refused unless the user allows it, then a loss like any other.
   */
  widening(expression: string | undefined, message: string): void {
    if (!this.options.allowWidening) {
      throw new ConversionInputError(`${expression ? `${expression}: ` : ''}${message}; the output would select more than the source: refused (--allow-widening converts anyway)`);
    }
    this.loss(expression, `${message} (--allow-widening)`);
  }

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
