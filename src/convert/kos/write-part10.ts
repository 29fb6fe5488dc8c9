import { ConversionInputError } from '../errors';
import { dcmjs, type DicomDataset, type PersonName } from './read-part10';

// A DICOM Part 10 writer for what the KOS writer makes: explicit VR little endian, text in UTF-8
// (ISO_IR 192) or ASCII, sequences and items of undefined length. dcmjs's writer copies its
// buffers per element and item, which took seconds for a KOS of a few thousand instances; this
// one collects the bytes once. dcmjs supplies the data dictionary (tags and VRs by keyword).

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
/** VRs whose explicit form has a 4-byte length after two reserved bytes. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

/** A Part 10 file: preamble, `DICM`, the file meta group (with its length), the data set. */
export function writePart10(meta: DicomDataset, dataset: DicomDataset): Uint8Array {
  const metaBytes = new Writer();
  metaBytes.dataset({ ...meta, TransferSyntaxUID: EXPLICIT_LE });
  const groupLength = new Writer();
  groupLength.element('00020000', 'UL', metaBytes.length);
  const body = new Writer();
  body.dataset(dataset);
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return Buffer.concat([preamble, groupLength.bytes(), metaBytes.bytes(), body.bytes()]);
}

class Writer {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks, this.length);
  }

  private header(tag: string, vr: string | undefined, length: number): void {
    const explicit = vr !== undefined;
    const long = !explicit || LONG_VRS.has(vr);
    const b = Buffer.alloc(explicit ? (long ? 12 : 8) : 8);
    b.writeUInt16LE(parseInt(tag.slice(0, 4), 16), 0);
    b.writeUInt16LE(parseInt(tag.slice(4), 16), 2);
    if (!explicit) b.writeUInt32LE(length, 4);
    else {
      b.write(vr, 4, 'latin1');
      if (long) b.writeUInt32LE(length, 8);
      else b.writeUInt16LE(length, 6);
    }
    this.push(b);
  }

  /** The attributes of a data set in ascending tag order (PS3.5 7.1). */
  dataset(dataset: DicomDataset): void {
    const entries = Object.entries(dataset).map(([keyword, value]) => ({ keyword, ...entry(keyword), value }));
    entries.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    for (const { keyword, tag, vr, value } of entries) {
      if (vr === 'SQ') this.sequence(tag, value as DicomDataset[]);
      else this.element(tag, vr, value, keyword);
    }
  }

  private sequence(tag: string, items: DicomDataset[]): void {
    this.header(tag, 'SQ', UNDEFINED);
    for (const item of items) {
      this.header('FFFEE000', undefined, UNDEFINED);
      this.dataset(item);
      this.header('FFFEE00D', undefined, 0);
    }
    this.header('FFFEE0DD', undefined, 0);
  }

  element(tag: string, vr: string, value: unknown, keyword = tag): void {
    checkText(keyword, vr, value);
    const bytes = encode(vr, value);
    // Explicit VR gives most VRs a 2-byte length (PS3.5 7.1.2): a longer value cannot be written.
    if (!LONG_VRS.has(vr) && bytes.length > 0xfffe) {
      throw new ConversionInputError(`${keyword} would be ${bytes.length} bytes, more than its VR ${vr} can hold in a KOS (65,534)`);
    }
    this.header(tag, vr, bytes.length);
    this.push(bytes);
  }
}

function entry(keyword: string): { tag: string; vr: string } {
  const found = dcmjs().data.DicomMetaDictionary.nameMap?.[keyword];
  if (!found) throw new Error(`no DICOM attribute named ${keyword}`);
  return { tag: found.tag.replace(/[(),]/g, '').toUpperCase(), vr: found.vr.split(/ or |\|/)[0].trim() };
}

/** A value in its VR: text padded to an even length (UI with NUL, the others with a space). */
function encode(vr: string, value: unknown): Uint8Array {
  const values = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  switch (vr) {
    case 'US': {
      const b = Buffer.alloc(2 * values.length);
      values.forEach((v, i) => b.writeUInt16LE(Number(v), 2 * i));
      return b;
    }
    case 'UL': {
      const b = Buffer.alloc(4 * values.length);
      values.forEach((v, i) => b.writeUInt32LE(Number(v), 4 * i));
      return b;
    }
    case 'OB':
      return value instanceof ArrayBuffer ? pad(new Uint8Array(value), 0) : pad(value as Uint8Array, 0);
  }
  const text = values.map((v) => (vr === 'PN' && typeof v === 'object' ? personName(v as PersonName) : String(v))).join('\\');
  return pad(Buffer.from(text, 'utf8'), vr === 'UI' ? 0 : 0x20);
}

/**
 * The longest value of each text VR (PS3.5 Table 6.2-1: characters, or bytes where the repertoire is
 * ASCII; a person name's limit is per component group). UC, UR and UT are unlimited.
 */
const MAX_LENGTH: Record<string, number> = { AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240, PN: 64, SH: 16, ST: 1024, TM: 14, UI: 64 };
/** Texts of one value that may hold `\` and line breaks (PS3.5 6.2: LT, ST, UT); in the others `\` separates values. */
const FREE_TEXT = new Set(['LT', 'ST', 'UT']);

/**
 * Refuses a value its VR cannot hold, rather than write a file that dcmtk warns about or, worse,
 * reads as something else: a `\` in a name would split it into two values, a `^` or `=` in a name
 * component would move the rest into the next component or group.
 */
function checkText(keyword: string, vr: string, value: unknown): void {
  const limit = MAX_LENGTH[vr];
  if (limit === undefined && !FREE_TEXT.has(vr) && vr !== 'UC' && vr !== 'UR') return;
  const refuse = (text: string, why: string) => {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new ConversionInputError(`${keyword} (VR ${vr}) cannot hold ${JSON.stringify(shown)}: ${why} (DICOM PS3.5 6.2)`);
  };
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  for (const v of values) {
    const parts = vr === 'PN' && typeof v === 'object' ? personNameGroups(v as PersonName) : [String(v)];
    for (const text of parts) {
      if (limit !== undefined && [...text].length > limit) refuse(text, `more than ${limit} characters`);
      if (FREE_TEXT.has(vr) ? /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/.test(text) : /[\x00-\x1a\x1c-\x1f\x7f]/.test(text)) refuse(text, 'a control character');
      if (!FREE_TEXT.has(vr) && text.includes('\\')) refuse(text, 'a backslash, which separates values');
    }
  }
}

/** The component groups of a name, each checked for a `=` (which would start the next group). */
function personNameGroups(name: PersonName): string[] {
  const groups = [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''];
  for (const g of groups) if (g.includes('=')) throw new ConversionInputError(`PatientName (VR PN) cannot hold ${JSON.stringify(g)}: a "=", which separates the name's component groups (DICOM PS3.5 6.2.1)`);
  return groups;
}

function personName(name: PersonName): string {
  return [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''].join('=').replace(/=+$/, '');
}

function pad(bytes: Uint8Array, with_: number): Uint8Array {
  return bytes.length % 2 ? Buffer.concat([bytes, Uint8Array.of(with_)]) : bytes;
}
