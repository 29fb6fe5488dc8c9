import { checkShape, CODEABLE_CONCEPT, DOMAIN_RESOURCE, REFERENCE, type Shape } from '../json-shape';
import type { ConversionReport } from '../outcome';
import type { ImagingReference, ImagingReferenceInstance, ImagingSelection, ImagingSelectionInstance } from '../resources';
import { reportUnmapped } from '../unmapped';
import { toUrnOid } from '../uid';
import { dataAbsent } from '../data-absent';
import { descriptionExtension } from './description-extension';
import { isStructuredReport } from './sop-classes';

/** How ImagingSelection codes a SOP Class UID: a URI in the RFC 3986 system. */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

/** DomainResource elements both resources share, copied as they are. */
export const SHARED_ELEMENTS = ['id', 'language', 'contained', 'extension', 'modifierExtension'] as const;

const MAPPED = new Set<string>([
  'resourceType', ...SHARED_ELEMENTS, 'identifier', 'subject', 'issued', 'performer', 'title', 'description',
  'studyUid', 'imagingStudy', 'endpoint', 'seriesUid', 'instance',
]);
const MAPPED_INSTANCE = new Set(['sopClass', 'uid', 'frameNumber', 'observationUid']);

/** The JSON types of what is read or copied. */
export const REFERENCE_RESOURCE: Shape = {
  properties: {
    ...DOMAIN_RESOURCE,
    identifier: { items: 'object' },
    subject: REFERENCE,
    issued: 'string',
    performer: REFERENCE,
    title: CODEABLE_CONCEPT,
    description: 'string',
    studyUid: 'string',
    imagingStudy: REFERENCE,
    endpoint: { items: REFERENCE },
    seriesUid: 'string',
    instance: { items: { properties: { sopClass: 'string', uid: 'string', frameNumber: { items: 'number' }, observationUid: { items: 'string' } } } },
  },
};

/** An `instant`: a full date and time with seconds and a zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** ImagingReference -> R5 ImagingSelection. */
export function imagingReferenceToImagingSelection(source: ImagingReference, report: ConversionReport): ImagingSelection {
  checkShape(source, REFERENCE_RESOURCE, 'ImagingReference');
  reportUnmapped(source, MAPPED, 'ImagingReference', 'ImagingSelection', report);
  const target: Record<string, unknown> = { resourceType: 'ImagingSelection' };
  for (const key of SHARED_ELEMENTS) if (source[key] !== undefined) target[key] = source[key];
  if (source.description !== undefined) {
    target.extension = [...((source.extension as unknown[]) ?? []), descriptionExtension(source.description)];
    report.note('ImagingReference.description', 'description has no ImagingSelection element: carried in the STU3 ImagingManifest.description cross-version extension');
  }
  if (source.identifier) target.identifier = source.identifier;
  // ImagingReference has no status: a selection that is recorded is a current one.
  target.status = 'available';
  target.subject = source.subject;
  if (source.issued !== undefined) {
    if (INSTANT.test(source.issued)) target.issued = source.issued;
    else report.loss('ImagingReference.issued', `issued ${source.issued} is not an instant (ImagingSelection.issued needs a time with seconds and a zone): dropped`);
  }
  if (source.performer) target.performer = [{ actor: source.performer }];
  // code is 1..1 in ImagingSelection; without a title it says so rather than inventing one.
  target.code = source.title ?? dataAbsent('unknown');
  target.studyUid = source.studyUid;
  if (source.imagingStudy) target.derivedFrom = [source.imagingStudy];
  if (source.endpoint) target.endpoint = source.endpoint;
  target.seriesUid = source.seriesUid;
  if (source.instance) target.instance = source.instance.map((instance, i) => toSelectionInstance(instance, `ImagingReference.instance[${i}]`, report));
  return target as ImagingSelection;
}

function toSelectionInstance(source: ImagingReferenceInstance, path: string, report: ConversionReport): ImagingSelectionInstance {
  reportUnmapped(source, MAPPED_INSTANCE, path, 'ImagingSelection', report);
  const target: ImagingSelectionInstance = { uid: source.uid };
  if (source.sopClass !== undefined) target.sopClass = { system: URI_SYSTEM, code: toUrnOid(source.sopClass) };
  const subset = [...(source.frameNumber ?? []).map(String), ...(source.observationUid ?? [])];
  if (subset.length) target.subset = subset;
  // Subsets are read back as observation UIDs only for SR classes or UIDs with a dot.
  const ambiguous = (source.observationUid ?? []).filter((uid) => !uid.includes('.'));
  if (ambiguous.length && !isStructuredReport(source.sopClass)) {
    report.guess(`${path}.observationUid`, `observation UIDs ${ambiguous.join(', ')} look like frame numbers in instance.subset without an SR sopClass`);
  }
  return target;
}
