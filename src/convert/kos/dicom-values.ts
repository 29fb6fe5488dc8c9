// DICOM value representations (DA, TM, PN, code sequence items) as FHIR values.
import type { Coding } from '../resources';
import { type DicomDataset, type PersonName, text } from './read-part10';

const DA = /^(\d{4})(\d{2})(\d{2})$/;
// TM: HH[MM[SS[.F{1,6}]]]; ACR-NEMA style HH:MM:SS is still met in the wild.
const TM = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(\.\d{1,6})?)?)?$/;
const OFFSET = /^([+-])(\d{2})(\d{2})$/;

export interface DicomDateTime {
  /** A FHIR dateTime: a date, or a date and time with a zone; undefined when the date is unusable. */
  value?: string;
  /** Why part of the DICOM value could not be carried. */
  lost?: string;
}

/**
 * Content Date, Content Time and Timezone Offset From UTC as a FHIR dateTime. FHIR requires a zone
 * whenever a time is given, so without an offset only the date is kept.
 */
export function dicomDateTime(date: string | undefined, time: string | undefined, offset: string | undefined): DicomDateTime {
  if (!date) return time ? { lost: `Content Time ${time} without a Content Date` } : {};
  const d = DA.exec(date);
  if (!d) return { lost: `Content Date ${JSON.stringify(date)} is not a DICOM DA (YYYYMMDD)` };
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  if (!time) return { value: day };
  const t = TM.exec(time);
  if (!t) return { value: day, lost: `Content Time ${JSON.stringify(time)} is not a DICOM TM: only the date is kept` };
  if (!offset) return { value: day, lost: `no Timezone Offset From UTC (0008,0201): Content Time ${time} dropped, since a FHIR dateTime with a time needs a zone` };
  const z = OFFSET.exec(offset);
  if (!z) return { value: day, lost: `Timezone Offset From UTC ${JSON.stringify(offset)} is not +HHMM or -HHMM: Content Time dropped` };
  // FHIR times have seconds; a DICOM time of lower precision means the start of that minute or hour.
  const clock = `${t[1]}:${t[2] ?? '00'}:${t[3] ?? '00'}${t[4] ?? ''}`;
  return { value: `${day}T${clock}${z[1]}${z[2]}:${z[3]}` };
}

/**
 * Patient Name (PN, family^given^middle^prefix^suffix) as display text: "Jane Doe", or family
 * name first ("Yamada Tarou") for Japanese, Korean and Chinese names, as they are written. The
 * alphabetic group is used, else the ideographic one, else the phonetic one.
 */
export function personNameDisplay(value: unknown, familyFirst = false): string | undefined {
  const name = personNameGroups(value);
  const group = name.Alphabetic ?? name.Ideographic ?? name.Phonetic;
  if (!group) return undefined;
  const [family, given, middle, prefix, suffix] = group.split('^').map((p) => p.trim());
  const parts = familyFirst ? [prefix, family, given, middle, suffix] : [prefix, given, middle, family, suffix];
  const display = parts.filter(Boolean).join(' ');
  return display || undefined;
}

/** The component groups of the first value of a PN attribute (a string with `=`, or an object). */
export function personNameGroups(value: unknown): PersonName {
  const first = Array.isArray(value) ? value[0] : value;
  const name: PersonName = typeof first === 'string' ? { Alphabetic: first } : ((first as PersonName | undefined) ?? {});
  // A group written into Alphabetic with its `=` separators (as some readers give it) is split.
  const [alphabetic, ideographic, phonetic] = (name.Alphabetic ?? '').split('=');
  const groups: PersonName = {};
  if (alphabetic) groups.Alphabetic = alphabetic;
  if (name.Ideographic ?? ideographic) groups.Ideographic = name.Ideographic ?? ideographic;
  if (name.Phonetic ?? phonetic) groups.Phonetic = name.Phonetic ?? phonetic;
  return groups;
}

/** DICOM Coding Scheme Designators (PS3.16 section 8) with a FHIR system URI. */
export const CODING_SCHEMES: Record<string, string> = {
  DCM: 'http://dicom.nema.org/resources/ontology/DCM',
  SCT: 'http://snomed.info/sct',
  LN: 'http://loinc.org',
  UCUM: 'http://unitsofmeasure.org',
  RADLEX: 'http://radlex.org',
};

/** A code sequence item as a Coding; `unknownScheme` is set when the designator has no known URI. */
export function dicomCoding(item: DicomDataset): { coding: Coding; unknownScheme?: string } {
  const designator = text(item, 'CodingSchemeDesignator');
  const code = text(item, 'CodeValue') ?? text(item, 'LongCodeValue') ?? text(item, 'URNCodeValue');
  const system = designator ? CODING_SCHEMES[designator] : undefined;
  const coding: Coding = {};
  if (system) coding.system = system;
  if (code) coding.code = code;
  const display = text(item, 'CodeMeaning');
  if (display) coding.display = display;
  return { coding, unknownScheme: designator && !system ? designator : undefined };
}
