import type { ConversionReport } from './outcome';

/**
 * Reports as losses the properties of `element` that a converter does not map. Converters list
 * what they map; everything else (including `_x` primitive extensions) has no counterpart.
 */
export function reportUnmapped(element: object, mapped: ReadonlySet<string>, path: string, target: string, report: ConversionReport): void {
  for (const key of Object.keys(element)) {
    if (!mapped.has(key)) report.loss(`${path}.${key}`, `${path}.${key} has no counterpart in ${target}: dropped`);
  }
}
