import type { ConversionReport } from './outcome';
import type { Identifier } from './resources';
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
