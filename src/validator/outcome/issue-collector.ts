import type { SourceMap, Position } from '../parse/source-map';
import type { IssueCode, IssueSeverity, ValidationIssue } from './issue';

/** Where in the parsed input an issue is: the container, and the key (and item index) inside it. */
export interface Site {
  container?: object;
  key?: string | number;
  index?: number;
  /** Known directly (XML elements), without a container to look up. */
  position?: Position;
}

/** Collects the issues of one input, placing each at its line and column when the input was text. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly sourceMap?: SourceMap, private readonly basePosition?: Position) {}

  add(severity: IssueSeverity, code: IssueCode, message: string, expression: string | undefined, site?: Site, rule?: string): void {
    // A resource checked against its type and a profile meets the same problem twice: report it once.
    // Information (a value set that cannot be expanded, …) is said once per input, at its first place.
    const dedupe = severity === 'information' ? message : `${severity}\u0000${expression}\u0000${message}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    const issue: ValidationIssue = { severity, code, message, expression };
    const position = site?.position ?? (site?.container && this.sourceMap ? this.sourceMap.find(site.container, site.key, site.index) : undefined);
    if (position) issue.position = position;
    else if (this.basePosition) issue.position = this.basePosition;
    if (rule) issue.rule = rule;
    this.issues.push(issue);
  }

  push(issue: ValidationIssue): void {
    this.issues.push(issue);
  }
}
