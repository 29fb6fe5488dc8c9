import { randomUUID } from 'node:crypto';
import type { InputResult } from '../../input/input-files';
import type { ValidationIssue } from '../issue';
import { toOperationOutcome } from '../operation-outcome';

/** A suppressed issue stays in the OperationOutcome as information, saying what it was. */
function asSuppressed(i: ValidationIssue): ValidationIssue {
  return { ...i, severity: 'information', message: `suppressed ${i.severity}: ${i.message}` };
}

/** One input: its OperationOutcome. Several: a Bundle (type collection) of them, each naming its file. */
export function formatJson(results: InputResult[]): string {
  const outcomes = results.map((r) => toOperationOutcome([...r.issues, ...(r.suppressed ?? []).map(asSuppressed)], r.file));
  // bdl-15: entries of a collection Bundle carry a fullUrl.
  const doc = outcomes.length === 1 ? outcomes[0] : { resourceType: 'Bundle', type: 'collection', entry: outcomes.map((resource) => ({ fullUrl: `urn:uuid:${randomUUID()}`, resource })) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
