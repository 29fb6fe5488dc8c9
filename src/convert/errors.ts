import { printable } from '../validator/outcome/formatters/printable';
/**
 * Input that is not what it claims to be (not DICOM Part 10, not a KOS, truncated, not JSON, the
 * wrong resourceType, a wrong JSON type) or that the target cannot represent at all. The
 * conversion produces nothing. The message is always one line: it quotes values from the input,
 * so control characters (line breaks, terminal escapes) are escaped where it is made.
 */
export class ConversionInputError extends Error {
  override name = 'ConversionInputError';

  constructor(message: string) {
    super(printable(message));
  }
}
