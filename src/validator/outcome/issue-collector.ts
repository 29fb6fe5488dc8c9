import type { SourceMap, Position } from '../parse/source-map';
import type { IssueCode, IssueSeverity, ValidationIssue } from './issue';
import type { IssueLimit } from './issue-limit';

/** Where in the parsed input an issue is: the container, and the key (and item index) inside it. */
export interface Site {
  container?: object;
  key?: string | number;
  index?: number;
  /** Known directly (XML elements), without a container to look up. */
  position?: Position;
}

export interface CollectorOptions {
  /** Bounds the issues listed (shared by the lines of an NDJSON file). */
  limit?: IssueLimit;
  /** For NDJSON: the line the text came from, so positions point into the whole file. */
  lineOffset?: number;
}

/** Collects the issues of one input, placing each at its line and column when the input was text. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  private said?: Set<string>;

  constructor(private readonly sourceMap?: SourceMap, private readonly basePosition?: Position, private readonly options: CollectorOptions = {}) {}

  /**
   * Adds one issue. Nothing is de-duplicated here: the walker visits each element once with all the
   * definitions that apply to it, and each rule reports a finding once (tests/validator/one-walk.test.ts).
   * `rule` is the issue's message id (operationoutcome-message-id), registered in rules/index.ts.
   */
  add(severity: IssueSeverity, code: IssueCode, message: string, expression: string | undefined, site: Site | undefined, rule: string): void {
    const issue: ValidationIssue = { severity, code, message, expression, rule };
    // Judged before it is placed: an issue that is only counted costs no position lookup.
    const verdict = this.options.limit?.judge(issue) ?? 'listed';
    if (verdict === 'counted') return;
    const position = site?.position ?? (site?.container && this.sourceMap ? this.sourceMap.find(site.container, site.key, site.index) : undefined);
    if (position) issue.position = this.shifted(position);
    else if (this.basePosition) issue.position = this.basePosition;
    if (verdict === 'listed') this.issues.push(issue);
  }

  /**
   * True the first time `key` is asked for this input: for what a rule says once per input rather than at
   * every place it applies (a value set that cannot be expanded, a constraint that cannot be evaluated).
   */
  firstTime(key: string): boolean {
    this.said ??= new Set();
    if (this.said.has(key)) return false;
    this.said.add(key);
    return true;
  }

  /** Adds an issue found elsewhere (the parser), its position relative to this input's text. */
  push(issue: ValidationIssue): void {
    if (issue.position) issue.position = this.shifted(issue.position);
    if (this.options.limit && !this.options.limit.admit(issue)) return;
    this.issues.push(issue);
  }

  private shifted(position: Position): Position {
    const offset = this.options.lineOffset;
    return offset ? { line: position.line + offset - 1, col: position.col } : position;
  }
}
