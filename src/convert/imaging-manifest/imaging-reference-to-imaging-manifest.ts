import { ConversionInputError } from '../errors';
import { checkShape } from '../json-shape';
import { REFERENCE_RESOURCE } from '../imaging-selection/imaging-reference-to-imaging-selection';
import { dataAbsent } from '../data-absent';
import type { ConversionReport } from '../outcome';
import type { ImagingManifest, ImagingReference } from '../resources';
import { carryMeta, carryText } from '../resource-level';
import { reportUnmapped } from '../unmapped';
import { toUrnOid } from '../uid';

const MAPPED = new Set([
  'resourceType', 'id', 'meta', 'text', 'language', 'contained', 'identifier', 'subject', 'issued', 'performer', 'title', 'description',
  'studyUid', 'imagingStudy', 'endpoint', 'seriesUid', 'instance',
]);
const MAPPED_INSTANCE = new Set(['sopClass', 'uid', 'frameNumber', 'observationUid']);

/**
 * ImagingReference -> STU3 ImagingManifest (its ancestor), one manifest per ImagingReference:
 * the series nests in its study again, UIDs get their `urn:oid:` prefix back, subject -> patient,
 * issued -> authoringTime, performer -> author. STU3 selects whole instances only: frames and
 * SR content items would widen the selection, and a whole series has no instance list to give.
 */
export function imagingReferenceToImagingManifest(source: ImagingReference, report: ConversionReport): ImagingManifest {
  checkShape(source, REFERENCE_RESOURCE, 'ImagingReference');
  reportUnmapped(source, MAPPED, 'ImagingReference', 'ImagingManifest', report);
  if (!source.instance?.length) {
    throw new ConversionInputError(`ImagingReference selects the whole series ${source.seriesUid}; an STU3 ImagingManifest lists its instances (series.instance 1..*)`);
  }
  const target: Record<string, unknown> = { resourceType: 'ImagingManifest' };
  if (source.id !== undefined) target.id = source.id;
  const meta = carryMeta(source.meta as never, 'ImagingReference', report);
  if (meta) target.meta = meta;
  const text = carryText(source.text, 'ImagingReference', report);
  if (text) target.text = text;
  for (const key of ['language', 'contained'] as const) if (source[key] !== undefined) target[key] = source[key];
  if (source.identifier?.length) {
    target.identifier = source.identifier[0];
    source.identifier.slice(1).forEach((_, i) => report.loss(`ImagingReference.identifier[${i + 1}]`, 'ImagingManifest has one identifier: only the first is kept'));
  }
  target.patient = source.subject;
  if (source.issued !== undefined) target.authoringTime = source.issued;
  if (source.performer) target.author = source.performer;
  if (source.title) report.loss('ImagingReference.title', 'title has no counterpart in STU3 ImagingManifest (the KOS title was not kept there): dropped');
  if (source.description !== undefined) target.description = source.description;
  const instance = source.instance.map((i, n) => {
    const path = `ImagingReference.instance[${n}]`;
    reportUnmapped(i, MAPPED_INSTANCE, path, 'ImagingManifest', report);
    if (i.frameNumber?.length) report.widening(`${path}.frameNumber`, `STU3 ImagingManifest cannot select frames (${i.frameNumber.join(', ')}) of instance ${i.uid}: the whole instance would be selected`);
    if (i.observationUid?.length) report.widening(`${path}.observationUid`, `STU3 ImagingManifest cannot select content items of SR document ${i.uid}: the whole document would be selected`);
    if (i.sopClass) return { sopClass: toUrnOid(i.sopClass), uid: toUrnOid(i.uid) };
    // sopClass is 1..1 in STU3: an unknown one is said so rather than invented.
    report.guess(`${path}.sopClass`, `instance ${i.uid} has no sopClass (1..1 in STU3): marked data-absent-reason unknown`);
    return { _sopClass: dataAbsent('unknown'), uid: toUrnOid(i.uid) };
  });
  target.study = [{
    uid: toUrnOid(source.studyUid),
    ...(source.imagingStudy ? { imagingStudy: source.imagingStudy } : {}),
    ...(source.endpoint?.length ? { endpoint: source.endpoint } : {}),
    series: [{ uid: toUrnOid(source.seriesUid), instance }],
  }];
  return target as ImagingManifest;
}
