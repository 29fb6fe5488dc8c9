import type { Extension } from '../resources';

/**
 * ImagingSelection has no description. ImagingReference.description is STU3's
 * ImagingManifest.description, so it travels in that element's cross-version extension
 * (the FHIR convention for an element of another version), which keeps round trips lossless.
 */
export const DESCRIPTION_EXTENSION_URL = 'http://hl7.org/fhir/3.0/StructureDefinition/extension-ImagingManifest.description';

export function descriptionExtension(description: string): Extension {
  return { url: DESCRIPTION_EXTENSION_URL, valueString: description };
}

/** Splits the description extension from the others. */
export function takeDescription(extensions: Extension[] | undefined): { description?: string; rest: Extension[] } {
  const rest = (extensions ?? []).filter((e) => e.url !== DESCRIPTION_EXTENSION_URL);
  const found = (extensions ?? []).find((e) => e.url === DESCRIPTION_EXTENSION_URL && typeof e.valueString === 'string');
  return { description: found?.valueString as string | undefined, rest };
}
