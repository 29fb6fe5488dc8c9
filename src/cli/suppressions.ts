import * as fs from 'node:fs';
import { minimatch } from 'minimatch';
import type { ValidationIssue } from '../validator/outcome/issue';
import { UsageError } from './errors';

/**
 * A known finding to leave out of the verdict: `RULE` (every issue with that rule id, the
 * operationoutcome-message-id) or `RULE:WHERE`, where WHERE is a glob matched against the input
 * file as named on the command line, or a FHIRPath that the issue's expression is or lies under
 * (`Patient.name` covers `Patient.name[0].given`).
 */
export interface Suppression {
  rule: string;
  where?: string;
  /** The text it was given as, for the report. */
  source: string;
}

const RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parseSuppression(text: string, origin = '--suppress'): Suppression {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const rule = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const where = colon < 0 ? undefined : trimmed.slice(colon + 1);
  if (!RULE.test(rule)) throw new UsageError(`${origin} ${text}: expected RULE or RULE:PATH, where RULE is a rule id such as dom-6`);
  if (where !== undefined && !where) throw new UsageError(`${origin} ${text}: nothing after the colon (a file glob or a FHIRPath)`);
  return { rule, where, source: trimmed };
}

/** A suppressions file: one `RULE[:PATH]` a line; blank lines and `#` comments are ignored. */
export function readSuppressionsFile(file: string): Suppression[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--suppressions ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const out: Suppression[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (content) out.push(parseSuppression(content, `${file}:${i + 1}:`));
  }
  return out;
}

function underPath(expression: string | undefined, where: string): boolean {
  if (!expression) return false;
  return expression === where || expression.startsWith(`${where}.`) || expression.startsWith(`${where}[`);
}

export function suppresses(s: Suppression, file: string, issue: ValidationIssue): boolean {
  if (issue.rule !== s.rule) return false;
  if (s.where === undefined) return true;
  return minimatch(file, s.where, { dot: true }) || underPath(issue.expression, s.where);
}

/** Splits a file's issues into those reported and those suppressed (kept, to be listed as such). */
export function applySuppressions(suppressions: Suppression[], file: string, issues: ValidationIssue[]): { issues: ValidationIssue[]; suppressed: ValidationIssue[] } {
  if (!suppressions.length) return { issues, suppressed: [] };
  const kept: ValidationIssue[] = [];
  const suppressed: ValidationIssue[] = [];
  for (const issue of issues) (suppressions.some((s) => suppresses(s, file, issue)) ? suppressed : kept).push(issue);
  return { issues: kept, suppressed };
}
