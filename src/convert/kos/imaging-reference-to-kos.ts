import { randomUUID } from 'node:crypto';
import type { FhirResource } from '../../ig/generated-resources';
import { ConversionInputError } from '../errors';
import { checkShape } from '../json-shape';
import { REFERENCE_RESOURCE } from '../imaging-selection/imaging-reference-to-imaging-selection';
import { isOnlyDataAbsent } from '../data-absent';
import type { ConversionReport } from '../outcome';
import type { Coding, ImagingReference, ImagingReferenceInstance, Reference } from '../resources';
import { CODING_SCHEMES } from './dicom-values';
import { dcmjs, type DicomDataset } from './read-part10';
import { writePart10 } from './write-part10';
import { isDicomUid } from '../uid';
import { KOS_SOP_CLASS } from './kos-to-imaging-reference';

/** Finds the resource a Reference points to (a Patient, for the patient module), if the user gave one. */
export type Resolver = (reference: Reference) => FhirResource | undefined;

/** The UID root of UUID-derived UIDs (PS3.5 B.2): no registered root is needed. */
const UUID_ROOT = '2.25.';
const IMPLEMENTATION_CLASS_UID = '2.25.200171402452313593545611591436181815745';
const KEY_OBJECT_DESCRIPTION = { CodeValue: '113012', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Key Object Description' };
/** The default title when the selection's title has no DICOM code (CID 7010). */
const OF_INTEREST = { CodeValue: '113000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Of Interest' };
/** Waveform storage classes are referenced by WAVEFORM items (TID 2010 row 7). */
const WAVEFORM = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.9\./;

/** Elements with no place in a KOS document: reported when present. */
const NOT_CARRIED: [key: keyof ImagingReference, why: string][] = [
  ['identifier', 'a KOS has no business identifier (its SOP Instance UID is new)'],
  ['performer', 'TID 2010 observer context is not written'],
  ['imagingStudy', 'a KOS references instances by UID only'],
  ['endpoint', 'a KOS gives no retrieve location here'],
  ['meta', 'no DICOM counterpart'],
  ['text', 'no DICOM counterpart'],
  ['extension', 'no DICOM counterpart'],
];

/**
 * ImagingReferences (one per series) -> one DICOM Key Object Selection Document (TID 2010), Part 10
 * explicit VR little endian in UTF-8: the title as the root Concept Name, the description as a
 * Key Object Description TEXT item, one IMAGE, COMPOSITE or WAVEFORM item per instance, and the
 * Current Requested Procedure Evidence Sequence by study and series. The document gets new UIDs.
 * The file is written by writePart10 (ours), and read back in the tests by dcmtk, not by our reader.
 */
export function imagingReferencesToKos(references: ImagingReference[], report: ConversionReport, resolve?: Resolver): Uint8Array {
  if (!references.length) throw new ConversionInputError('nothing to write: no ImagingReference');
  references.forEach((r, i) => checkShape(r, REFERENCE_RESOURCE, `ImagingReference[${i}]`));
  // A copy: SOP classes filled in from an ImagingStudy must not change the caller's resources.
  references = structuredClone(references);
  const first = references[0];
  references.forEach((r, i) => fillSopClasses(r, i, report, resolve));
  references.forEach((r, i) => check(r, i, report));
  const subjects = new Set(references.map((r) => JSON.stringify(r.subject)));
  if (subjects.size > 1) throw new ConversionInputError('the ImagingReferences have different subjects: one KOS is about one patient');

  // One document has one title and one content date: those of the first ImagingReference.
  for (const key of ['title', 'issued'] as const) {
    if (new Set(references.map((r) => JSON.stringify(r[key]))).size > 1) report.loss(`ImagingReference.${key}`, `the ImagingReferences have different ${key}s; the KOS has one: that of the first is kept`);
  }
  const contentItems: DicomDataset[] = [];
  const descriptions = [...new Set(references.flatMap((r) => (r.description ? [r.description] : [])))];
  for (const description of descriptions) {
    contentItems.push({ RelationshipType: 'CONTAINS', ValueType: 'TEXT', ConceptNameCodeSequence: [KEY_OBJECT_DESCRIPTION], TextValue: description });
  }
  const studies = new Map<string, Map<string, DicomDataset[]>>();
  references.forEach((reference, r) => {
    const series = studies.get(reference.studyUid) ?? new Map<string, DicomDataset[]>();
    studies.set(reference.studyUid, series);
    const sops = series.get(reference.seriesUid) ?? [];
    series.set(reference.seriesUid, sops);
    (reference.instance ?? []).forEach((instance, i) => {
      const sop = { ReferencedSOPClassUID: instance.sopClass!, ReferencedSOPInstanceUID: instance.uid };
      sops.push(sop);
      contentItems.push(contentItem(instance, sop, `ImagingReference[${r}].instance[${i}]`, report));
    });
  });
  const evidence = [...studies].map(([studyUid, series]) => ({
    StudyInstanceUID: studyUid,
    ReferencedSeriesSequence: [...series].map(([seriesUid, sops]) => ({ SeriesInstanceUID: seriesUid, ReferencedSOPSequence: sops })),
  }));
  if (studies.size > 1) report.note(undefined, `the KOS is placed in the first referenced study ${first.studyUid} (it references ${studies.size} studies)`);

  const sopInstanceUid = newUid();
  const { date, time, offset } = contentDateTime(first.issued, report);
  const dataset: DicomDataset = {
    SOPClassUID: KOS_SOP_CLASS,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: date,
    ContentDate: date,
    StudyTime: time,
    ContentTime: time,
    ...(offset ? { TimezoneOffsetFromUTC: offset } : {}),
    AccessionNumber: '',
    Modality: 'KO',
    Manufacturer: '',
    ReferringPhysicianName: '',
    ...patientModule(first.subject ?? {}, report, resolve),
    StudyInstanceUID: first.studyUid,
    SeriesInstanceUID: newUid(),
    StudyID: '',
    SeriesNumber: '1',
    InstanceNumber: '1',
    ReferencedPerformedProcedureStepSequence: [],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [documentTitle(first, report)],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    CurrentRequestedProcedureEvidenceSequence: evidence,
    ContentSequence: contentItems,
  };
  // Text is written in UTF-8; text that is all ASCII needs no Specific Character Set (the default repertoire).
  if (/[^\x00-\x7f]/.test(JSON.stringify(dataset))) dataset.SpecificCharacterSet = 'ISO_IR 192';
  return writePart10(
    {
      FileMetaInformationVersion: Uint8Array.of(0, 1),
      MediaStorageSOPClassUID: KOS_SOP_CLASS,
      MediaStorageSOPInstanceUID: sopInstanceUid,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: 'IMGREF',
    },
    dataset,
  );
}

interface ImagingStudyShape {
  resourceType?: string;
  series?: { uid?: string; instance?: { uid?: string; sopClass?: Coding }[] }[];
}

/** SOP classes the ImagingReference leaves out, from its resolved ImagingStudy (R5: a urn:oid: Coding). */
function fillSopClasses(reference: ImagingReference, r: number, report: ConversionReport, resolve?: Resolver): void {
  const missing = (reference.instance ?? []).filter((i) => !i.sopClass);
  if (!missing.length || !resolve || !reference.imagingStudy) return;
  const study = resolve(reference.imagingStudy) as ImagingStudyShape | undefined;
  if (study?.resourceType !== 'ImagingStudy' || !Array.isArray(study.series)) return;
  const series = study.series.find((s) => s?.uid === reference.seriesUid);
  for (const instance of missing) {
    const code = (Array.isArray(series?.instance) ? series!.instance : []).find((i) => i?.uid === instance.uid)?.sopClass?.code;
    if (typeof code !== 'string') continue;
    instance.sopClass = code.replace(/^urn:oid:/, '');
    report.note(`ImagingReference[${r}].instance`, `the SOP class of instance ${instance.uid} (${instance.sopClass}) taken from the ImagingStudy it refers to`);
  }
}

/** What a KOS needs of every ImagingReference, and what it cannot hold. */
function check(reference: ImagingReference, r: number, report: ConversionReport): void {
  const path = `ImagingReference[${r}]`;
  if (reference.resourceType !== 'ImagingReference') throw new ConversionInputError(`${path} is a ${String(reference.resourceType)}, expected ImagingReference`);
  if (!reference.instance?.length) {
    throw new ConversionInputError(`${path} selects the whole series ${reference.seriesUid}: a KOS lists every instance it selects, and the series' instances are not known here`);
  }
  // A KOS is read by machines: every UID it references must be one (type 1 attributes, PS3.5 9.1).
  const uid = (value: unknown, where: string) => {
    if (typeof value !== 'string' || !isDicomUid(value)) throw new ConversionInputError(`${where} is ${value === undefined ? 'missing' : JSON.stringify(value)}, not a DICOM UID: a KOS cannot reference it`);
  };
  uid(reference.studyUid, `${path}.studyUid`);
  uid(reference.seriesUid, `${path}.seriesUid`);
  reference.instance.forEach((instance, i) => {
    if (!instance.sopClass) throw new ConversionInputError(`${path}.instance[${i}] (${instance.uid}) has no sopClass: a KOS needs the SOP Class UID of every instance it references`);
    uid(instance.sopClass, `${path}.instance[${i}].sopClass`);
    uid(instance.uid, `${path}.instance[${i}].uid`);
    const bad = (instance.frameNumber ?? []).find((n) => !Number.isInteger(n) || n < 1 || n > 2147483647);
    if (bad !== undefined) throw new ConversionInputError(`${path}.instance[${i}].frameNumber ${bad} is not a frame number (a positive integer)`);
  });
  for (const [key, why] of NOT_CARRIED) if (reference[key] !== undefined) report.loss(`ImagingReference.${key}`, `${key} has no counterpart in a KOS (${why}): dropped`);
  if (reference.modifierExtension !== undefined || reference.implicitRules !== undefined) {
    throw new ConversionInputError(`${path} has a modifier (modifierExtension or implicitRules) that a KOS cannot carry: refused`);
  }
}

function contentItem(instance: ImagingReferenceInstance, sop: DicomDataset, path: string, report: ConversionReport): DicomDataset {
  if (instance.observationUid?.length) {
    report.widening(`${path}.observationUid`, `a KOS cannot select content items of the SR document ${instance.uid} (observation UIDs ${instance.observationUid.join(', ')}): the whole document would be selected`);
  }
  const referenced: DicomDataset = { ...sop };
  if (instance.frameNumber?.length) referenced.ReferencedFrameNumber = instance.frameNumber.map(String);
  const valueType = instance.frameNumber?.length || isImage(instance.sopClass!) ? 'IMAGE' : WAVEFORM.test(instance.sopClass!) ? 'WAVEFORM' : 'COMPOSITE';
  return { RelationshipType: 'CONTAINS', ValueType: valueType, ReferencedSOPSequence: [referenced] };
}

/** Image storage classes, by dcmjs's SOP class names ("CTImage", "EnhancedMRImage"...). */
function isImage(sopClass: string): boolean {
  const name = dcmjs().data.DicomMetaDictionary.sopClassNamesByUID[sopClass];
  if (name) return /Image/.test(name);
  // Classes dcmjs does not name: the image storage classes below 1.2.840.10008.5.1.4.1.1 that are not SR, waveform, presentation states or segmentations.
  return /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(1|2|3|4|6|7|12|13|20|30|77|128|130|481\.1)(\.|$)/.test(sopClass);
}

function documentTitle(reference: ImagingReference, report: ConversionReport): DicomDataset {
  const coding = (reference.title && !isOnlyDataAbsent(reference.title) ? reference.title.coding ?? [] : []).find((c) => c.code && schemeOf(c));
  if (!coding) {
    report.guess('ImagingReference.title', `${reference.title ? 'the title has no coding in a DICOM coding scheme' : 'no title'}: the KOS document title is (113000, DCM, "Of Interest")`);
    return OF_INTEREST;
  }
  return { CodeValue: coding.code, CodingSchemeDesignator: schemeOf(coding), CodeMeaning: coding.display ?? reference.title?.text ?? coding.code };
}

function schemeOf(coding: Coding): string | undefined {
  return Object.entries(CODING_SCHEMES).find(([, system]) => system === coding.system)?.[0];
}

/** Patient ID, issuer and name: from the referenced Patient when it can be resolved, else from the Reference. */
function patientModule(subject: Reference, report: ConversionReport, resolve?: Resolver): DicomDataset {
  const patient = resolve?.(subject) as { identifier?: { system?: string; value?: string }[]; name?: { family?: string; given?: string[]; prefix?: string[]; suffix?: string[] }[]; birthDate?: string; gender?: string } | undefined;
  const identifier = subject.identifier ?? patient?.identifier?.[0];
  const module: DicomDataset = { PatientName: '', PatientID: identifier?.value ?? '', PatientBirthDate: '', PatientSex: '' };
  if (!identifier?.value) report.guess('ImagingReference.subject', 'no patient identifier: Patient ID (0010,0020) is empty');
  const system = identifier?.system;
  if (system?.startsWith('urn:oid:')) module.IssuerOfPatientIDQualifiersSequence = [{ UniversalEntityID: system.slice(8), UniversalEntityIDType: 'ISO' }];
  else if (system) module.IssuerOfPatientIDQualifiersSequence = [{ UniversalEntityID: system, UniversalEntityIDType: 'URI' }];
  const assigner = subject.identifier?.assigner?.display;
  if (assigner) module.IssuerOfPatientID = assigner;
  const name = patient?.name?.[0];
  if (name) {
    const components = [name.family ?? '', (name.given ?? []).slice(0, 1).join(' '), (name.given ?? []).slice(1).join(' '), (name.prefix ?? []).join(' '), (name.suffix ?? []).join(' ')];
    // A ^ inside a part would shift the parts after it into the wrong components (PS3.5 6.2.1.1).
    const caret = components.find((c) => c.includes('^'));
    if (caret !== undefined) throw new ConversionInputError(`PatientName (VR PN) cannot hold the name part ${JSON.stringify(caret)}: a "^", which separates a name's components (DICOM PS3.5 6.2.1.1)`);
    module.PatientName = [{ Alphabetic: components.join('^').replace(/\^+$/, '') }];
    if (patient?.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)) module.PatientBirthDate = patient.birthDate.replace(/-/g, '');
    module.PatientSex = { male: 'M', female: 'F', other: 'O' }[patient?.gender ?? ''] ?? '';
  } else if (subject.display) {
    // A display is free text: its last word is taken as the family name ("Jane Doe" -> Doe^Jane).
    const words = subject.display.trim().split(/\s+/);
    if (subject.display.includes('^')) throw new ConversionInputError(`PatientName (VR PN) cannot hold the display ${JSON.stringify(subject.display)}: a "^", which separates a name's components (DICOM PS3.5 6.2.1.1)`);
    const alphabetic = words.length > 1 ? `${words[words.length - 1]}^${words.slice(0, -1).join(' ')}` : words[0];
    module.PatientName = [{ Alphabetic: alphabetic }];
    report.guess('ImagingReference.subject.display', `Patient Name (0010,0010) ${alphabetic} made from the display "${subject.display}" (its last word as the family name)`);
  } else report.guess('ImagingReference.subject', 'the Patient is not resolved (--resolve FOLDER) and has no display: Patient Name (0010,0010) is empty');
  return module;
}

/** issued as Content Date, Time and Timezone Offset; the time of writing when there is none. */
function contentDateTime(issued: string | undefined, report: ConversionReport): { date: string; time: string; offset?: string } {
  const match = issued?.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2})))?$/);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, zone, sign, zh, zm] = match;
    if (!h) {
      report.guess('ImagingReference.issued', `issued ${issued} has no time: Content Time (type 1) is 000000, without a zone`);
      return { date: `${y}${mo}${d}`, time: '000000' };
    }
    return { date: `${y}${mo}${d}`, time: `${h}${mi}${s}${fraction?.slice(0, 7) ?? ''}`, offset: zone === 'Z' ? '+0000' : `${sign}${zh}${zm}` };
  }
  if (issued) report.loss('ImagingReference.issued', `issued ${issued} is not a full date or date-time: Content Date and Time are the time of writing`);
  else report.guess('ImagingReference.issued', 'no issued: Content Date and Time are the time of writing');
  const now = new Date().toISOString();
  return { date: now.slice(0, 10).replace(/-/g, ''), time: now.slice(11, 19).replace(/:/g, ''), offset: '+0000' };
}

/** A new UID from a random UUID (PS3.5 B.2). */
function newUid(): string {
  return UUID_ROOT + BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString();
}
