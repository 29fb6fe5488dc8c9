import { unshared } from '../output-size';
import { ConversionInputError } from '../errors';
import type { ConversionReport } from '../outcome';
import type { CodeableConcept, ImagingReference, ImagingReferenceInstance, Reference } from '../resources';
import { dataAbsent } from '../data-absent';
import { mergeInstances } from '../merge-instances';
import { markParts } from '../identifier';
import { dicomCoding, dicomDateTime, personNameDisplay, personNameGroups } from './dicom-values';
import type { CharacterSet } from './charset';
import { type DicomDataset, items, numbers, type Part10File, readPart10, text } from './read-part10';

/** Key Object Selection Document Storage. */
export const KOS_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.59';

/** The concept name of the TEXT content item that holds the KOS description (DCM 113012). */
const KEY_OBJECT_DESCRIPTION = { scheme: 'DCM', code: '113012' };

/** Content items that reference a composite instance (TID 2010). */
const REFERENCE_VALUE_TYPES = new Set(['IMAGE', 'COMPOSITE', 'WAVEFORM']);

/** Attributes of the KOS document itself that an ImagingReference cannot hold. */
const DOCUMENT_LOSSES: [keyword: string, label: string][] = [
  ['AccessionNumber', 'Accession Number (0008,0050)'],
  ['ReferencedRequestSequence', 'Referenced Request Sequence (0040,A370)'],
  ['IdenticalDocumentsSequence', 'Identical Documents Sequence (0040,A525)'],
];

/** Where an evidence series or study says it can be retrieved: no counterpart (endpoint is a Reference). */
const RETRIEVE_ATTRIBUTES = ['RetrieveURL', 'RetrieveURI', 'RetrieveAETitle', 'RetrieveLocationUID', 'StorageMediaFileSetUID'];

/**
 * DICOM Key Object Selection document (Part 10) -> ImagingReference, one per referenced series.
 * The Current Requested Procedure Evidence Sequence lists every referenced study, series and
 * instance; the content tree adds frame numbers, the title and the description. The parts share
 * no objects.
 */
export function kosToImagingReferences(bytes: Uint8Array, report: ConversionReport): ImagingReference[] {
  return unshared(kosDatasetToImagingReferences(readPart10(bytes), report));
}

/**
 * The mapping itself, from a data set read from Part 10 or from the DICOM JSON model. The parts share their
 * document-level objects (subject, performer, text) until convert() has counted the output and copied them apart.
 */
export function kosDatasetToImagingReferences({ meta, dataset, charset }: Part10File, report: ConversionReport): ImagingReference[] {
  if (charset.unknown) report.loss(undefined, `Specific Character Set ${charset.unknown} is not known: its text was read as ISO 8859-1 and may be wrong`);
  const sopClass = text(dataset, 'SOPClassUID') ?? text(meta, 'MediaStorageSOPClassUID');
  if (sopClass !== KOS_SOP_CLASS) {
    throw new ConversionInputError(`not a Key Object Selection document: SOP Class UID is ${sopClass ?? 'missing'}, expected ${KOS_SOP_CLASS}`);
  }
  const evidence = items(dataset, 'CurrentRequestedProcedureEvidenceSequence');
  if (!evidence.length) throw new ConversionInputError('the KOS has no Current Requested Procedure Evidence Sequence (0040,A375): it references nothing');

  const content = readContent(dataset, report);
  // TID 2010 needs at least one reference item; none is also what a file cut short looks like.
  if (!content.referenced.size) throw new ConversionInputError('the KOS content references no instance (no IMAGE, COMPOSITE or WAVEFORM item): truncated, or not a key object selection');
  const common = documentElements(dataset, charset, content.description, report);
  // Real KOS documents list a series or an instance more than once: one ImagingReference per series, one entry per instance.
  const bySeries = new Map<string, ImagingReference>();
  evidence.forEach((study, s) => {
    const studyUid = text(study, 'StudyInstanceUID');
    if (!studyUid) throw new ConversionInputError(`evidence study item ${s + 1} has no Study Instance UID (0020,000D)`);
    reportRetrieve(study, `study ${studyUid}`, report);
    const seriesItems = items(study, 'ReferencedSeriesSequence');
    if (!seriesItems.length) throw new ConversionInputError(`evidence study ${studyUid} has no Referenced Series Sequence (0008,1115)`);
    for (const series of seriesItems) {
      const seriesUid = text(series, 'SeriesInstanceUID');
      if (!seriesUid) throw new ConversionInputError(`a series of evidence study ${studyUid} has no Series Instance UID (0020,000E)`);
      reportRetrieve(series, `series ${seriesUid}`, report);
      const sops = items(series, 'ReferencedSOPSequence');
      // No instances would read as "the whole series" in an ImagingReference: never guess that.
      if (!sops.length) throw new ConversionInputError(`evidence series ${seriesUid} has no Referenced SOP Sequence (0008,1199)`);
      const instance = sops.map((sop) => {
        const uid = text(sop, 'ReferencedSOPInstanceUID');
        if (!uid) throw new ConversionInputError(`an instance of evidence series ${seriesUid} has no Referenced SOP Instance UID (0008,1155)`);
        content.referenced.delete(uid);
        const sopClassUid = text(sop, 'ReferencedSOPClassUID');
        const frames = content.frames.get(uid);
        const result: ImagingReferenceInstance = { ...(sopClassUid ? { sopClass: sopClassUid } : {}), uid, ...(frames?.length ? { frameNumber: frames } : {}) };
        return result;
      });
      const key = `${studyUid}|${seriesUid}`;
      const listed = bySeries.get(key);
      if (listed) {
        report.guess(undefined, `evidence series ${seriesUid} of study ${studyUid} is listed more than once: merged`);
        listed.instance!.push(...instance);
      } else bySeries.set(key, { resourceType: 'ImagingReference', ...common, studyUid, seriesUid, instance } as ImagingReference); // common is shared until convert() copies the parts
    }
  });
  const results = [...bySeries.values()];
  for (const r of results) r.instance = mergeInstances(r.instance!, `evidence series ${r.seriesUid}`, report);
  markParts(results, `kos\n${text(dataset, 'SOPInstanceUID') ?? JSON.stringify(evidence)}`, 'KOS', report);
  for (const uid of content.referenced) {
    report.loss(undefined, `content item references instance ${uid}, which the evidence sequence does not list (so its study and series are unknown): dropped`);
  }
  return results;
}

interface KosContent {
  description?: string;
  /** Frame numbers selected per SOP Instance UID; instances selected whole have none. */
  frames: Map<string, number[]>;
  /** Instances that content items reference (those also in the evidence are removed as found). */
  referenced: Set<string>;
}

function readContent(dataset: DicomDataset, report: ConversionReport): KosContent {
  const frames = new Map<string, number[]>();
  const whole = new Set<string>();
  const referenced = new Set<string>();
  const descriptions: string[] = [];
  items(dataset, 'ContentSequence').forEach((item, i) => {
    const where = `content item ${i + 1}`;
    const valueType = text(item, 'ValueType');
    const name = items(item, 'ConceptNameCodeSequence')[0];
    if (items(item, 'ContentSequence').length) report.loss(undefined, `${where} has nested content items: dropped`);
    if (valueType === 'TEXT' && name && text(name, 'CodingSchemeDesignator') === KEY_OBJECT_DESCRIPTION.scheme && text(name, 'CodeValue') === KEY_OBJECT_DESCRIPTION.code) {
      const value = text(item, 'TextValue');
      if (value) descriptions.push(value);
      return;
    }
    if (!valueType || !REFERENCE_VALUE_TYPES.has(valueType)) {
      const label = name ? text(name, 'CodeMeaning') ?? text(name, 'CodeValue') : undefined;
      report.loss(undefined, `${where} (${valueType ?? 'no value type'}${label ? ` "${label}"` : ''}) has no counterpart in ImagingReference: dropped`);
      return;
    }
    for (const sop of items(item, 'ReferencedSOPSequence')) {
      const uid = text(sop, 'ReferencedSOPInstanceUID');
      if (!uid) continue;
      referenced.add(uid);
      const selected = numbers(sop, 'ReferencedFrameNumber');
      if (selected.length) frames.set(uid, [...new Set([...(frames.get(uid) ?? []), ...selected])]);
      else whole.add(uid);
      const segments = numbers(sop, 'ReferencedSegmentNumber');
      if (segments.length) report.widening(undefined, `${where} selects segments ${segments.join(', ')} of ${uid}, which ImagingReference cannot select: the whole instance would be selected`);
      if (items(sop, 'ReferencedSOPSequence').length) report.loss(undefined, `${where} names a presentation state or mapping for ${uid}: dropped`);
    }
  });
  // One content item selecting the whole instance outweighs others selecting some of its frames.
  for (const uid of whole) frames.delete(uid);
  if (descriptions.length > 1) report.guess('ImagingReference.description', `the KOS has ${descriptions.length} Key Object Description items: joined`);
  return { description: descriptions.length ? descriptions.join('\n\n') : undefined, frames, referenced };
}

/** The elements every ImagingReference made from one KOS shares. */
function documentElements(dataset: DicomDataset, charset: CharacterSet, description: string | undefined, report: ConversionReport): Partial<ImagingReference> {
  const common: Partial<ImagingReference> = { subject: subject(dataset, charset, report) };
  const issued = dicomDateTime(text(dataset, 'ContentDate'), text(dataset, 'ContentTime'), text(dataset, 'TimezoneOffsetFromUTC'));
  if (issued.value) common.issued = issued.value;
  if (issued.lost) report.loss('ImagingReference.issued', issued.lost);
  const title = documentTitle(dataset, report);
  if (title) common.title = title;
  if (description) common.description = description;

  const own = text(dataset, 'SOPInstanceUID');
  if (own) report.loss(undefined, `the KOS SOP Instance UID ${own} has no counterpart: an ImagingReference is not a KOS and has no DICOM UID of its own`);
  for (const [keyword, label] of DOCUMENT_LOSSES) {
    const value = dataset[keyword];
    if (Array.isArray(value) ? value.length : text(dataset, keyword)) report.loss(undefined, `${label} has no counterpart in ImagingReference: dropped`);
  }
  return common;
}

/** Patient ID (with its issuer) and Patient Name as a Reference to the Patient by identifier. */
function subject(dataset: DicomDataset, charset: CharacterSet, report: ConversionReport): Reference {
  const value = text(dataset, 'PatientID');
  const groups = personNameGroups(dataset.PatientName);
  // Names with ideographic or phonetic groups, or in a CJK character set, are written family name first.
  const display = personNameDisplay(dataset.PatientName, charset.cjk || groups.Ideographic !== undefined || groups.Phonetic !== undefined);
  const others = [groups.Alphabetic && groups.Ideographic && `ideographic ${groups.Ideographic}`, groups.Phonetic && (groups.Alphabetic || groups.Ideographic) && `phonetic ${groups.Phonetic}`].filter(Boolean);
  if (others.length) report.loss('ImagingReference.subject.display', `Patient Name (0010,0010) groups beyond the one displayed (${others.join(', ')}) have no place in Reference.display: dropped`);
  if (!value && !display) {
    report.guess('ImagingReference.subject', 'the KOS has no Patient ID and no Patient Name: subject is marked data-absent-reason unknown');
    return dataAbsent('unknown');
  }
  const reference: Reference = { type: 'Patient' };
  if (value) {
    const system = issuerSystem(dataset);
    const issuer = text(dataset, 'IssuerOfPatientID');
    reference.identifier = { ...(system ? { system } : {}), value, ...(issuer ? { assigner: { display: issuer } } : {}) };
  } else {
    report.guess('ImagingReference.subject', 'the KOS has no Patient ID: subject names the patient only');
  }
  if (display) reference.display = display;
  return reference;
}

/** The universal issuer of the Patient ID (Issuer of Patient ID Qualifiers Sequence) as a URI. */
function issuerSystem(dataset: DicomDataset): string | undefined {
  const qualifiers = items(dataset, 'IssuerOfPatientIDQualifiersSequence')[0];
  const id = qualifiers && text(qualifiers, 'UniversalEntityID');
  if (!id) return undefined;
  switch (text(qualifiers, 'UniversalEntityIDType')) {
    case 'ISO':
      return `urn:oid:${id}`;
    case 'UUID':
      return `urn:uuid:${id.toLowerCase()}`;
    case 'URI':
      return id;
    default:
      return undefined;
  }
}

/** The document title: the Concept Name Code Sequence of the root content item. */
function documentTitle(dataset: DicomDataset, report: ConversionReport): CodeableConcept | undefined {
  const item = items(dataset, 'ConceptNameCodeSequence')[0];
  if (!item) return undefined;
  const { coding, unknownScheme } = dicomCoding(item);
  if (unknownScheme) report.loss('ImagingReference.title', `coding scheme designator ${unknownScheme} has no known FHIR system: the title coding has none`);
  return { coding: [coding] };
}

function reportRetrieve(item: DicomDataset, what: string, report: ConversionReport): void {
  for (const keyword of RETRIEVE_ATTRIBUTES) {
    if (text(item, keyword)) report.loss('ImagingReference.endpoint', `${keyword} of evidence ${what} has no counterpart (endpoint references an Endpoint resource): dropped`);
  }
}
