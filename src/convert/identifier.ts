import type { ConversionReport } from './outcome';
import type { Identifier } from './resources';
import { contentUuid } from './bundle';
import { hasUrnOid } from './uid';

/** The identifier system of a DICOM UID (the SOP Instance UID of a KOS, in STU3 and R5 ImagingSelection). */
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';

/** True for an identifier that is a DICOM UID: system urn:dicom:uid, or a urn:oid: value. */
export function isDicomUidIdentifier(identifier: Identifier): boolean {
  return identifier.system === DICOM_UID_SYSTEM || hasUrnOid(identifier.value ?? '');
}

/**
 * An ImagingReference identifier is a business identifier, never a DICOM UID (it is not a KOS):
 * identifiers that are DICOM UIDs are dropped and reported, the others kept.
 */
export function businessIdentifiers(identifiers: Identifier[] | undefined, path: string, report: ConversionReport): Identifier[] | undefined {
  if (!identifiers) return undefined;
  return identifiers.filter((identifier, i) => {
    if (!isDicomUidIdentifier(identifier)) return true;
    report.loss(`${path}[${i}]`, `identifier ${identifier.value ?? ''} is a DICOM UID (the SOP Instance UID of a KOS); an ImagingReference is not a KOS and has no DICOM UID of its own: dropped`);
    return false;
  });
}

/**
 * The identifier that the parts of one split source share (a KOS or ImagingManifest over several
 * series becomes one ImagingReference per series): a name-based UUID of what names the source,
 * not a DICOM UID. `key` is the source's own name for itself (a SOP Instance UID, an id, a file).
 */
export function splitIdentifier(key: string): Identifier {
  return { use: 'secondary', type: { text: 'parts of one source document' }, system: 'urn:ietf:rfc:3986', value: `urn:uuid:${contentUuid(`split-source\n${key}`)}` };
}

/** Gives every part the shared identifier (when there are several) and says so. */
export function markParts(parts: { identifier?: Identifier[] }[], key: string, what: string, report: ConversionReport): void {
  if (parts.length < 2) return;
  const shared = splitIdentifier(key);
  // One object in every part: the converters' callers get the parts copied apart (output-size.ts unshared).
  for (const part of parts) part.identifier = [...(part.identifier ?? []), shared];
  report.note(undefined, `the ${what} becomes ${parts.length} ImagingReferences (one per series); they share identifier ${shared.value} to say they belong together`);
}
