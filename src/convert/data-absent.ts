import type { Extension } from './resources';

/** The core extension that marks a required element whose value the source does not give. */
export const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

export function dataAbsent(reason: 'unknown' | 'not-applicable' = 'unknown'): { extension: Extension[] } {
  return { extension: [{ url: DATA_ABSENT_REASON_URL, valueCode: reason }] };
}

/** True when an element holds nothing but a data-absent-reason extension. */
export function isOnlyDataAbsent(element: object | undefined): boolean {
  if (!element) return false;
  const { extension, ...rest } = element as { extension?: Extension[] };
  return Object.keys(rest).length === 0 && (extension?.length ?? 0) > 0 && extension!.every((e) => e.url === DATA_ABSENT_REASON_URL);
}
