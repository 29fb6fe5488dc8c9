import type { InputResult } from '../../input/input-files';
import type { IssueSeverity, ValidationIssue } from '../issue';
import { printable } from './printable';

const COLOURS: Record<IssueSeverity, string> = { fatal: '\x1b[1;31m', error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m' };
const RESET = '\x1b[0m';

/**
 * The text report, written as issues arrive (`file:line:col severity expression message`, one line
 * per issue, then a summary line), so that a long NDJSON run never holds its issues in memory.
 * What comes from the input is printed with its control characters escaped.
 */
export class TextReporter {
  private readonly totals: Record<IssueSeverity, number> = { fatal: 0, error: 0, warning: 0, information: 0 };
  private files = 0;
  private failedFiles = 0;
  private currentFailed = false;
  private suppressedCount = 0;

  /** @param fails which issues fail a file (`--fail-on`); default errors and fatal ones */
  constructor(
    private readonly write: (text: string) => void,
    private readonly colour: boolean,
    private readonly fails: (issue: ValidationIssue) => boolean = (i) => i.severity === 'error' || i.severity === 'fatal',
  ) {}

  /** Issues taken out of the verdict by a suppression: listed, marked, counted apart. */
  suppressed(file: string, issues: ValidationIssue[]): void {
    let text = '';
    for (const i of issues) {
      this.suppressedCount++;
      const name = printable(file);
      const where = i.position ? `${name}:${i.position.line}:${i.position.col}` : name;
      text += `${where} suppressed ${i.severity} ${printable(i.expression ?? '-')} ${printable(i.message)} [${printable(i.rule ?? '-')}]\n`;
    }
    if (text) this.write(text);
  }

  /** Issues of the file being validated; may be called several times per file. */
  issues(file: string, issues: ValidationIssue[]): void {
    let text = '';
    for (const i of issues) {
      // A summary of unlisted issues counts as the issues it stands for, so the totals stay true.
      if (i.omitted) for (const [severity, n] of Object.entries(i.omitted) as [IssueSeverity, number][]) this.totals[severity] += n;
      else this.totals[i.severity]++;
      if (this.fails(i)) this.currentFailed = true;
      const name = printable(file);
      const where = i.position ? `${name}:${i.position.line}:${i.position.col}` : name;
      const severity = this.colour ? `${COLOURS[i.severity]}${i.severity}${RESET}` : i.severity;
      text += `${where} ${severity} ${printable(i.expression ?? '-')} ${printable(i.message)}\n`;
    }
    if (text) this.write(text);
  }

  /** Ends a file; true when it had an error or fatal issue. */
  endFile(): boolean {
    const failed = this.currentFailed;
    this.files++;
    if (failed) this.failedFiles++;
    this.currentFailed = false;
    return failed;
  }

  /** Writes the summary line; true when any file failed. */
  end(): boolean {
    const errors = this.totals.fatal + this.totals.error;
    const verdict = this.failedFiles ? `${this.failedFiles} of ${this.files} file(s) invalid` : `${this.files} file(s) valid`;
    const suppressed = this.suppressedCount ? `, ${this.suppressedCount} suppressed` : '';
    this.write(`${verdict}: ${errors} error(s), ${this.totals.warning} warning(s), ${this.totals.information} information${suppressed}\n`);
    return this.failedFiles > 0;
  }
}

/** The whole text report of results already collected. */
export function formatText(results: InputResult[], colour: boolean): string {
  let out = '';
  const reporter = new TextReporter((text) => (out += text), colour);
  for (const r of results) {
    reporter.issues(r.file, r.issues);
    reporter.suppressed(r.file, r.suppressed ?? []);
    reporter.endFile();
  }
  reporter.end();
  return out;
}
