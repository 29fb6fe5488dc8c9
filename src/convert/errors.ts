/**
 * Input that is not what it claims to be (not DICOM Part 10, not a KOS, truncated, not JSON, the
 * wrong resourceType) or that the target cannot represent at all. The conversion produces nothing.
 */
export class ConversionInputError extends Error {
  override name = 'ConversionInputError';
}
