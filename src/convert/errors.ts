/**
 * Input that is not what it claims to be (not DICOM Part 10, not a KOS, truncated, not JSON, the
 * wrong resourceType, a wrong JSON type) or that the target cannot represent at all. The
 * conversion produces nothing. The message is always one line: it quotes values from the input,
 * so control characters (line breaks, terminal escapes) are escaped where it is made.
 */
export class ConversionInputError extends Error {
  override name = 'ConversionInputError';

  constructor(message: string) {
    super(oneLine(message));
  }
}

/** `\n`, ESC and the other C0/C1 controls, and the line and paragraph separators, as escapes. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
