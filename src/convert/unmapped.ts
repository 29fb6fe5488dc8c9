import { ConversionInputError } from './errors';
import type { ConversionReport } from './outcome';

/** Elements that change the meaning of the rest (FHIR modifiers): never dropped with a warning. */
const MODIFIERS = new Set(['modifierExtension', 'implicitRules']);

/**
 * Reports as losses the properties of `element` that a converter does not map. Converters list
 * what they map; everything else (including `_x` primitive extensions) has no counterpart. A
 * modifier that is not carried refuses the conversion: the output would claim what the source does not.
 */
export function reportUnmapped(element: object, mapped: ReadonlySet<string>, path: string, target: string, report: ConversionReport): void {
  for (const key of Object.keys(element)) {
    if (mapped.has(key)) continue;
    if (MODIFIERS.has(key)) throw new ConversionInputError(`${path}.${key} is a modifier that ${target} cannot carry: refused, since the result would lose what it changes`);
    report.loss(`${path}.${key}`, `${path}.${key} has no counterpart in ${target}: dropped`);
  }
}
