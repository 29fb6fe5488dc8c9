import { ConversionInputError } from './errors';

/**
 * The most JSON text a conversion may produce: what the validator reads at most of one input, so
 * that `imgref convert` never writes what `imgref validate` would refuse to read.
 */
export const MAX_OUTPUT_CHARS = 64 * 1024 * 1024;

/**
 * Refuses an output over the limit before it is copied, serialised or validated. A split gives every
 * part the source's resource-level content (subject, performer, text, contained, …), so a source of a
 * few hundred KB with thousands of series would otherwise become gigabytes of output (found by npm run
 * fuzz: an 832 KB ImagingManifest with 2,000 series and a 300 KB author; a 1.4 MB one with 999 series
 * and 400 KB of contained resources took 2.6 s to refuse). The parts share those objects until they are
 * counted here, and each object is sized once however many parts hold it, so the count costs a walk of
 * the source, not of the output.
 */
export function assertOutputSize(resources: readonly unknown[], limit = MAX_OUTPUT_CHARS): void {
  const sizes = new WeakMap<object, number>();
  let size = 0;
  for (const resource of resources) {
    size += sizeOf(resource, sizes);
    if (size > limit) {
      throw new ConversionInputError(
        `the output would be over ${limit / (1024 * 1024)} MB of JSON (${resources.length} resource(s)): each part of a split repeats the source's subject, performer, text and other resource-level content; shorten those or split the source`,
      );
    }
  }
}

/**
 * A copy of each resource that shares nothing with the others or with the source (a caller may change
 * one part): made once the output is known to be within the limit.
 */
export function unshared<T>(resources: readonly T[]): T[] {
  return resources.map((r) => structuredClone(r));
}

/** The length of `value` as compact JSON (as JSON.stringify counts it), each object of it sized once. */
function sizeOf(value: unknown, sizes: WeakMap<object, number>): number {
  if (typeof value !== 'object' || value === null) return leafSize(value);
  // Post-order without recursion (sources may nest deeply): an object is sized when all it holds is.
  const pending: object[] = [value];
  while (pending.length) {
    const node = pending[pending.length - 1];
    if (sizes.has(node)) {
      pending.pop();
      continue;
    }
    const unsized = Object.values(node).filter((v): v is object => typeof v === 'object' && v !== null && !sizes.has(v));
    if (unsized.length) {
      pending.push(...unsized);
      continue;
    }
    pending.pop();
    const entries = Object.entries(node);
    let size = 2 + Math.max(entries.length - 1, 0); // brackets and commas
    for (const [key, v] of entries) {
      if (!Array.isArray(node)) size += leafSize(key) + 1; // "key":
      size += typeof v === 'object' && v !== null ? sizes.get(v)! : leafSize(v);
    }
    sizes.set(node, size);
  }
  return sizes.get(value)!;
}

/** A string's JSON length, escapes included (a control character is six); a number or boolean as written. */
function leafSize(value: unknown): number {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value).length : value.length + 2;
  return String(value).length;
}

const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
