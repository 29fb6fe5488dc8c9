import { ConversionInputError } from './errors';

/**
 * The most JSON text a conversion may produce: what the validator reads at most of one input, so
 * that `imgref convert` never writes what `imgref validate` would refuse to read.
 */
export const MAX_OUTPUT_CHARS = 64 * 1024 * 1024;

/**
 * Refuses an output over the limit before it is serialised or validated. A split copies the
 * source's resource-level content (subject, performer, text, …) into every part, so a source of a
 * few hundred KB with thousands of series would otherwise become gigabytes of output (found by
 * npm run fuzz: an 832 KB ImagingManifest with 2,000 series and a 300 KB author). Strings are
 * shared between the parts in memory, so counting their lengths costs a walk of the objects, not
 * of the text.
 */
export function assertOutputSize(resources: readonly unknown[], limit = MAX_OUTPUT_CHARS): void {
  let size = 0;
  const stack: unknown[] = [...resources];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') size += value.length + 2;
    else if (Array.isArray(value)) {
      size += value.length + 1;
      stack.push(...value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        size += key.length + 4;
        stack.push(v);
      }
    } else size += String(value).length;
    if (size > limit) {
      throw new ConversionInputError(
        `the output would be over ${limit / (1024 * 1024)} MB of JSON (${resources.length} resource(s)): each part of a split repeats the source's subject, performer, text and other resource-level content; shorten those or split the source`,
      );
    }
  }
}
