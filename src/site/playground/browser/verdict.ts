// What the playground says of an outcome, and in which order it lists the issues.
import type { ValidationIssue } from '../../../validator/outcome/issue';

export type Verdict = { kind: 'invalid' | 'incomplete' | 'valid'; text: string };

/**
 * Issues that mean part of the resource was not checked (an unknown type, a binding that could
 * not be expanded, a meta.profile not loaded): with one of them, and no error, the resource is
 * "not fully checked", never "valid".
 */
export function isNotChecked(issue: ValidationIssue): boolean {
  return issue.code === 'not-supported' || issue.rule === 'profile-unknown' || /\bnot checked\b/.test(issue.message);
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function verdictOf(issues: ValidationIssue[]): Verdict {
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const unchecked = issues.filter(isNotChecked).length;
  if (errors) return { kind: 'invalid', text: `${count(errors, 'error')}, ${count(warnings, 'warning')}: the resource is not valid.` };
  if (unchecked) return { kind: 'incomplete', text: `No errors found, but ${count(unchecked, 'part')} could not be checked: the resource is not known to be valid.` };
  return { kind: 'valid', text: `No errors, ${count(warnings, 'warning')}: the resource is valid.` };
}

const RANK: Record<string, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

/** Errors first, then warnings, then information; in the order found within each. */
export function bySeverity(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => (RANK[a.issue.severity] ?? 4) - (RANK[b.issue.severity] ?? 4) || a.i - b.i).map((x) => x.issue);
}

/** The text offset of a 1-based line and column. */
export function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return Math.min(at + col - 1, text.length);
}

/**
 * The value written at an offset: a JSON string, number or literal, an XML attribute value, or
 * the rest of the line; what an issue's position points at, shown next to its message.
 */
export function valueAt(text: string, offset: number): { start: number; end: number; text: string } {
  const rest = text.slice(offset, offset + 400);
  // A property (`"active": "yes"`): its value; else the token at the position.
  const m = /^"(?:[^"\\\n]|\\.)*"\s*:\s*/.exec(rest);
  const from = offset + (m ? m[0].length : 0);
  const after = text.slice(from, from + 400);
  const token = /^"(?:[^"\\\n]|\\.)*"|^[^\s,}\]\n]+(?:\s[^\s,}\]\n<]+)*/.exec(after)?.[0] ?? '';
  const attr = /^<[^>\n]*?\bvalue="([^"\n]*)"/.exec(after);
  if (attr) {
    const start = from + attr[0].length - attr[1].length - 1;
    return { start, end: start + attr[1].length, text: attr[1] };
  }
  const shown = token.startsWith('{') || token.startsWith('[') ? token.slice(0, 1) : token;
  return { start: from, end: from + shown.length, text: shown.length > 120 ? `${shown.slice(0, 117)}...` : shown };
}
