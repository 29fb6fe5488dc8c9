import type { IssueCollector, Site } from '../outcome/issue-collector';
import { decodeBase64, encodeBase64, sha1 } from './sha1';
import type { ValidatorRule } from './rule';

/**
 * An Attachment's `size` and `hash` describe its `data` (https://hl7.org/fhir/R5/datatypes.html#Attachment):
 * size is "the number of bytes of data that make up this attachment (before base64 encoding, if that is
 * done)", hash "the calculated hash of the data using SHA-1. Represented using base64". Checked when the
 * data is inline; data that is not base64 is the base64Binary rule's to report. Errors, as in the HL7
 * validator (TYPE_SPECIFIC_CHECKS_DT_ATT_SIZE_CORRECT, TYPE_SPECIFIC_CHECKS_DT_ATT_HASH_MISMATCH).
 */
export function checkAttachment(attachment: Record<string, unknown>, expression: string, site: Site, out: IssueCollector): void {
  const { data, size, hash } = attachment;
  if (typeof data !== 'string' || (size === undefined && hash === undefined)) return;
  const bytes = decodeBase64(data.replace(/[\t\n\r ]/g, ''));
  if (!bytes) return;
  // size is an integer64, a JSON string in R5 (a number is reported as the wrong JSON type, and still compared).
  const stated = typeof size === 'string' || typeof size === 'number' ? String(size) : undefined;
  if (stated !== undefined && /^[0-9]+$/.test(stated) && Number(stated) !== bytes.length) {
    out.add('error', 'structure', `Stated Attachment Size ${stated} does not match actual attachment size ${bytes.length}`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_ATT_SIZE_CORRECT');
  }
  const statedHash = typeof hash === 'string' ? decodeBase64(hash.trim()) : undefined;
  if (statedHash) {
    const actual = sha1(bytes);
    if (!sameBytes(statedHash, actual)) {
      out.add('error', 'structure', `The hash of the data did not match the data (stated: '${hash}', actual: '${encodeBase64(actual)}')`, expression, site, 'TYPE_SPECIFIC_CHECKS_DT_ATT_HASH_MISMATCH');
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const attachmentRule: ValidatorRule = {
  name: 'attachment',
  ids: ['TYPE_SPECIFIC_CHECKS_DT_ATT_SIZE_CORRECT', 'TYPE_SPECIFIC_CHECKS_DT_ATT_HASH_MISMATCH'],
  checks: "an Attachment's size and hash (base64 SHA-1) agree with its inline data",
  spec: 'https://hl7.org/fhir/R5/datatypes.html#Attachment',
  hooks: { type: { Attachment: (e, w) => checkAttachment(e.value as Record<string, unknown>, e.expression, e.site, w.out) } },
};
