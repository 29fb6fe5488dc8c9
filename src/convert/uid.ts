// DICOM UIDs as FHIR carries them: bare in `id` elements, as `urn:oid:` URIs in `oid` and `uri` ones.

const URN_OID = 'urn:oid:';

/** Same rule as invariant irf-1 of ImagingReference. */
const DICOM_UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function isDicomUid(value: string): boolean {
  return value.length <= 64 && DICOM_UID.test(value);
}

/** `urn:oid:1.2.3` -> `1.2.3`; anything else is returned unchanged. */
export function stripUrnOid(value: string): string {
  return value.startsWith(URN_OID) ? value.slice(URN_OID.length) : value;
}

export function toUrnOid(uid: string): string {
  return URN_OID + uid;
}

export function hasUrnOid(value: string): boolean {
  return value.startsWith(URN_OID);
}
