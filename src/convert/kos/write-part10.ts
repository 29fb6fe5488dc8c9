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

function personName(name: PersonName): string {
  return [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''].join('=').replace(/=+$/, '');
}

function pad(bytes: Uint8Array, with_: number): Uint8Array {
  return bytes.length % 2 ? Buffer.concat([bytes, Uint8Array.of(with_)]) : bytes;
}
