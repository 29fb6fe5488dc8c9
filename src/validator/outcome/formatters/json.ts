import { randomUUID } from 'node:crypto';
import type { InputResult } from '../../input/input-files';
import { toOperationOutcome } from '../operation-outcome';

/** One input: its OperationOutcome. Several: a Bundle (type collection) of them, each naming its file. */
export function formatJson(results: InputResult[]): string {
  const outcomes = results.map((r) => toOperationOutcome(r.issues, r.file));
  // bdl-15: entries of a collection Bundle carry a fullUrl.
  const doc = outcomes.length === 1 ? outcomes[0] : { resourceType: 'Bundle', type: 'collection', entry: outcomes.map((resource) => ({ fullUrl: `urn:uuid:${randomUUID()}`, resource })) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
