import type { ValidationIssue } from '../outcome/issue';

// ignoreBOM keeps a byte order mark in the text, so that the parsers, which skip exactly one at the
// start, see a second one (a double BOM) as the stray character it is, in every input form.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of one input (a file, standard input, or one NDJSON line), or a fatal issue when it is
 * not UTF-8 text. Every input form decodes through here, so the same bytes get the same verdict.
 */
export function decodeText(bytes: Uint8Array): string | ValidationIssue {
  if (bytes.subarray(0, 8192).includes(0)) return { severity: 'fatal', code: 'invalid', message: 'the input is binary, not JSON or XML text', rule: 'input-binary' };
  try {
    return UTF8.decode(bytes);
  } catch {
    return { severity: 'fatal', code: 'invalid', message: 'the input is not valid UTF-8 text', rule: 'input-encoding' };
  }
}
