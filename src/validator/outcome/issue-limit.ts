import { isFailure, type IssueSeverity, type ValidationIssue } from './issue';

/** How many issues with the same severity, rule and message are listed per input before the rest are counted. */
export const MAX_REPEATS = 20;
/** How many issues are listed per input in all; the rest are counted. */
export const MAX_LISTED = 10_000;
/** How many issues a whole-run report (JSON, JUnit: one document) lists over all its inputs. */
export const MAX_LISTED_PER_RUN = 100_000;

const RANK: Record<IssueSeverity, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

/**
 * Bounds the issues listed for one input, so that every report format stays readable and memory
 * stays bounded however many issues an input has. Issues that differ only in where they are (one
 * dom-6 per entry of a 10,000-entry Bundle or NDJSON file) are listed `maxRepeats` times, then
 * counted; past `maxListed` issues in all, every further one is counted. `summaries` says what was
 * left out: an information issue per repeated kind, at the first unlisted place, and one issue for
 * the rest with the gravest severity left out, so that the verdict never changes.
 */
export class IssueLimit {
  private readonly kinds = new Map<string, { count: number; first?: ValidationIssue }>();
  private listed = 0;
  private readonly beyond: Record<IssueSeverity, number> = { fatal: 0, error: 0, warning: 0, information: 0 };

  /** `why` ends the message of the summary of issues past `maxListed`. */
  constructor(readonly maxRepeats = MAX_REPEATS, readonly maxListed = MAX_LISTED, private readonly why = `only the first ${maxListed} issues of an input are`) {}

  /** True when the issue is to be listed; false when it is only counted. */
  admit(issue: ValidationIssue): boolean {
    return this.judge(issue) === 'listed';
  }

  /**
   * `listed`, or `counted`; `first-counted` for the first unlisted one of a kind, whose place the
   * summary gives (the collector looks up the place of that one only, not of every counted one).
   */
  judge(issue: ValidationIssue): 'listed' | 'first-counted' | 'counted' {
    const key = `${issue.severity}\u0000${issue.code}\u0000${issue.rule ?? ''}\u0000${issue.message}`;
    const kind = this.kinds.get(key);
    if (kind) {
      kind.count++;
      if (kind.count > this.maxRepeats) {
        if (kind.first) return 'counted';
        kind.first = issue;
        return 'first-counted';
      }
    }
    if (this.listed >= this.maxListed) {
      this.beyond[issue.severity]++;
      return 'counted';
    }
    if (!kind) this.kinds.set(key, { count: 1 });
    this.listed++;
    return 'listed';
  }

  /** What was left out, as issues to add at the end of the input's list. */
  summaries(): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    for (const { count, first } of this.kinds.values()) {
      if (!first) continue;
      const summary: ValidationIssue = {
        severity: 'information',
        code: 'informational',
        message: `${count - this.maxRepeats} more ${first.severity} issue(s) like this one not listed (only the first ${this.maxRepeats} of each are): ${first.message}`,
        rule: 'issue-limit',
        omitted: { [first.severity]: count - this.maxRepeats },
      };
      if (first.expression) summary.expression = first.expression;
      if (first.position) summary.position = first.position;
      out.push(summary);
    }
    const counts = (Object.keys(this.beyond) as IssueSeverity[]).filter((s) => this.beyond[s] > 0).sort((a, b) => RANK[a] - RANK[b]);
    if (counts.length) {
      const total = counts.reduce((n, s) => n + this.beyond[s], 0);
      const severity = counts[0];
      out.push({
        severity,
        code: isFailure({ severity } as ValidationIssue) ? 'too-costly' : 'informational',
        message: `${total} more issue(s) not listed (${counts.map((s) => `${this.beyond[s]} ${s}`).join(', ')}): ${this.why}`,
        rule: 'issue-limit',
        omitted: Object.fromEntries(counts.map((s) => [s, this.beyond[s]])),
      });
    }
    return out;
  }
}

/**
 * The issue budget of a report that is written as one document at the end (JSON, JUnit), so that
 * many inputs with many issues each cannot exhaust memory: once `max` issues are kept over all
 * inputs, the issues of the following ones are replaced by one summary per input.
 */
export class RunBudget {
  private left: number;

  constructor(private readonly max = MAX_LISTED_PER_RUN) {
    this.left = max;
  }

  /** The issues of one more input, within what is left of the budget. */
  take(issues: ValidationIssue[]): ValidationIssue[] {
    if (issues.length <= this.left) {
      this.left -= issues.length;
      return issues;
    }
    const limit = new IssueLimit(Infinity, this.left, `the report of a run lists ${this.max} issues over all its inputs`);
    const kept = issues.filter((i) => limit.admit(i));
    this.left = 0;
    return [...kept, ...limit.summaries()];
  }
}
