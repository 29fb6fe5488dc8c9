import { unshared } from '../output-size';
import { ConversionInputError } from '../errors';
import { checkShape, DOMAIN_RESOURCE, IDENTIFIER, REFERENCE, type Shape } from '../json-shape';
import type { ConversionReport } from '../outcome';
import type { Identifier, ImagingManifest, ImagingReference, ImagingReferenceInstance } from '../resources';
import { reportUnmapped } from '../unmapped';
import { hasUrnOid, stripUrnOid } from '../uid';
import { mergeInstances } from '../merge-instances';
import { markParts } from '../identifier';
import { carryMeta, carryText } from '../resource-level';
import { ContainedForParts } from '../contained-for-part';

const MAPPED = new Set(['resourceType', 'id', 'meta', 'text', 'contained', 'language', 'identifier', 'patient', 'authoringTime', 'author', 'description', 'study']);
const MAPPED_STUDY = new Set(['uid', 'imagingStudy', 'endpoint', 'series']);
const MAPPED_SERIES = new Set(['uid', 'endpoint', 'instance']);
const MAPPED_INSTANCE = new Set(['sopClass', 'uid']);

/** The JSON types of what is read (STU3: identifier 0..1, the rest as in ImagingReference). */
const MANIFEST: Shape = {
  properties: {
    ...DOMAIN_RESOURCE,
    identifier: IDENTIFIER,
    patient: REFERENCE,
    authoringTime: 'string',
    author: REFERENCE,
    description: 'string',
    study: {
      items: {
        properties: {
          uid: 'string',
          imagingStudy: REFERENCE,
          endpoint: { items: REFERENCE },
          series: { items: { properties: { uid: 'string', endpoint: { items: REFERENCE }, instance: { items: { properties: { sopClass: 'string', uid: 'string' } } } } } },
        },
      },
    },
  },
};

/**
 * STU3 ImagingManifest -> ImagingReference, one per series: study and series are flattened
 * (an ImagingReference holds one series), `urn:oid:` prefixes are stripped and the elements
 * renamed (patient -> subject, authoringTime -> issued, author -> performer). The parts share no objects.
 */
export function imagingManifestToImagingReferences(source: ImagingManifest, report: ConversionReport): ImagingReference[] {
  return unshared(imagingManifestParts(source, report));
}

/**
 * The mapping itself. The parts share the source's resource-level objects (meta, text, contained, …)
 * until convert() has counted the output and copied them apart.
 */
export function imagingManifestParts(source: ImagingManifest, report: ConversionReport): ImagingReference[] {
  checkShape(source, MANIFEST, 'ImagingManifest');
  if (!source.patient) throw new ConversionInputError('ImagingManifest has no patient (required in STU3)');
  if (!source.study?.length) throw new ConversionInputError('ImagingManifest has no study (required in STU3)');
  reportUnmapped(source, MAPPED, 'ImagingManifest', 'ImagingReference', report);

  // A series listed twice (in one study or in two items of the same study) is one ImagingReference.
  const seriesKeys = new Set(source.study.flatMap((study) => (study.series ?? []).map((series) => seriesKey(study.uid, series.uid))));
  const seriesCount = seriesKeys.size;
  const bySeries = new Map<string, ImagingReference>();
  const identifier = businessIdentifier(source, seriesCount, report);
  const results: ImagingReference[] = [];
  const meta = carryMeta(source.meta as never, 'ImagingManifest', report);
  const text = carryText(source.text, 'ImagingManifest', report);
  // Contained resources (STU3 ones) travel with each part that refers to them, so that `#id` references still
  // resolve (ref-1) and each is referred to (dom-3). The parts share these objects until convert() has counted
  // the output's size (output-size.ts).
  const contained = Array.isArray(source.contained) && source.contained.length ? new ContainedForParts(source.contained) : undefined;
  if (contained) report.note('ImagingManifest.contained', 'contained resources carried as they are (STU3 resources: they may not validate as R5)');
  // What every part carries and may refer from; a study's imagingStudy and endpoints are added per study.
  const sharedContent = [text, source.patient, source.author, meta];
  const containedOfStudy = new Map<number, unknown[]>();
  source.study.forEach((study, s) => {
    const studyPath = `ImagingManifest.study[${s}]`;
    reportUnmapped(study, MAPPED_STUDY, studyPath, 'ImagingReference', report);
    if (!study.uid) throw new ConversionInputError(`${studyPath} has no uid (required in STU3)`);
    if (!study.series?.length) throw new ConversionInputError(`${studyPath} has no series (required in STU3)`);
    const studyUid = uid(study.uid, `${studyPath}.uid`, report);
    study.series.forEach((series, r) => {
      const seriesPath = `${studyPath}.series[${r}]`;
      reportUnmapped(series, MAPPED_SERIES, seriesPath, 'ImagingReference', report);
      if (!series.uid) throw new ConversionInputError(`${seriesPath} has no uid (required in STU3)`);
      if (!series.instance?.length) throw new ConversionInputError(`${seriesPath} has no instance (required in STU3)`);
      if (series.endpoint?.length) {
        report.loss(`${seriesPath}.endpoint`, 'series-level endpoints were removed from ImagingReference (only study-level endpoints remain): dropped');
      }
      const target: Record<string, unknown> = { resourceType: 'ImagingReference' };
      if (source.id) target.id = seriesCount > 1 ? partId(source.id, results.length + 1) : source.id;
      if (meta) target.meta = meta;
      if (text) target.text = text;
      if (contained) {
        let carried = containedOfStudy.get(s);
        if (!carried) containedOfStudy.set(s, (carried = contained.select([...sharedContent, study.imagingStudy, study.endpoint])));
        if (carried.length) target.contained = carried;
      }
      if (source.language) target.language = source.language;
      if (identifier) target.identifier = [identifier];
      target.subject = source.patient;
      if (source.authoringTime) target.issued = source.authoringTime;
      if (source.author) target.performer = source.author;
      if (source.description !== undefined) target.description = source.description;
      target.studyUid = studyUid;
      if (study.imagingStudy) target.imagingStudy = study.imagingStudy;
      if (study.endpoint?.length) target.endpoint = study.endpoint;
      target.seriesUid = uid(series.uid, `${seriesPath}.uid`, report);
      const instances = series.instance.map((instance, i) => {
        const path = `${seriesPath}.instance[${i}]`;
        reportUnmapped(instance, MAPPED_INSTANCE, path, 'ImagingReference', report);
        if (!instance.uid) throw new ConversionInputError(`${path} has no uid (required in STU3)`);
        const sopClass = instance.sopClass ? uid(instance.sopClass, `${path}.sopClass`, report) : undefined;
        const result: ImagingReferenceInstance = { ...(sopClass ? { sopClass } : {}), uid: uid(instance.uid, `${path}.uid`, report) };
        return result;
      });
      const key = seriesKey(study.uid, series.uid);
      const listed = bySeries.get(key);
      if (listed) {
        report.guess(seriesPath, `series ${target.seriesUid as string} of study ${studyUid} is listed more than once: merged`);
        listed.instance = mergeInstances([...listed.instance!, ...instances], `${seriesPath}.instance`, report, `${seriesPath}.instance`);
        return;
      }
      target.instance = mergeInstances(instances, `${seriesPath}.instance`, report, `${seriesPath}.instance`);
      bySeries.set(key, target as ImagingReference);
      results.push(target as ImagingReference);
    });
  });
  contained?.reportUnused('ImagingManifest.contained', report);
  markParts(results, `manifest\n${source.identifier?.system ?? ''}|${source.identifier?.value ?? ''}|${source.id ?? ''}|${JSON.stringify(source.study)}`, 'ImagingManifest', report);
  return results;
}

/**
 * STU3 ImagingManifest.identifier is the SOP Instance UID of the KOS it stands for; an ImagingReference
 * identifier is a business identifier and never a DICOM UID (it is not a KOS). A business identifier is
 * kept when the manifest becomes a single ImagingReference: copied to several, it would name none of them.
 */
function businessIdentifier(source: ImagingManifest, seriesCount: number, report: ConversionReport): Identifier | undefined {
  const identifier = source.identifier;
  if (!identifier) return undefined;
  if (identifier.system === 'urn:dicom:uid' || hasUrnOid(identifier.value ?? '')) {
    report.loss('ImagingManifest.identifier', 'identifier is the SOP Instance UID of a KOS; an ImagingReference is not a KOS and has no DICOM UID of its own: dropped');
    return undefined;
  }
  if (seriesCount > 1) {
    report.loss('ImagingManifest.identifier', `the manifest spans ${seriesCount} series and becomes ${seriesCount} ImagingReferences; its identifier names none of them alone: dropped`);
    return undefined;
  }
  return identifier;
}

function seriesKey(studyUid: string | undefined, seriesUid: string | undefined): string {
  return `${stripUrnOid(studyUid ?? '')}|${stripUrnOid(seriesUid ?? '')}`;
}

/** STU3 `oid` values carry `urn:oid:`; DICOM UIDs in ImagingReference do not. */
function uid(value: string, path: string, report: ConversionReport): string {
  if (!hasUrnOid(value)) report.guess(path, `${value} has no urn:oid: prefix (STU3 oid requires it): taken as a bare UID`);
  return stripUrnOid(value);
}

/** The id of the n-th ImagingReference made from one manifest, within the 64 characters of an id. */
function partId(id: string, n: number): string {
  const suffix = `-${n}`;
  return id.slice(0, 64 - suffix.length) + suffix;
}
