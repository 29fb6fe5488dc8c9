import { inflateRawSync } from 'node:zlib';
import type * as Dcmjs from 'dcmjs';
import { ConversionInputError } from '../errors';
import { type CharacterSet, characterSet, DEFAULT_CHARACTER_SET } from './charset';

// A DICOM Part 10 reader of our own (dcmjs supplies only the data dictionary): dcmjs decodes
// text in sequence items as Latin-1 whatever the Specific Character Set, and refuses ISO 2022
// code extension, which real KOS documents (Japanese, Cyrillic, Latin-1 with escapes) use.

let loaded: typeof Dcmjs | undefined;

/** dcmjs is loaded on first use: it is large, and only DICOM input and output need it. */
export function dcmjs(): typeof Dcmjs {
  loaded ??= require('dcmjs') as typeof Dcmjs;
  return loaded;
}

/** A DICOM data set by attribute keyword: sequences as arrays of items, PN as {Alphabetic, Ideographic, Phonetic}. */
export type DicomDataset = Record<string, unknown>;

export interface PersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

export interface Part10File {
  meta: DicomDataset;
  dataset: DicomDataset;
  /** The Specific Character Set of the top-level data set. */
  charset: CharacterSet;
}

const PREAMBLE_LENGTH = 128;
const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const UNDEFINED = 0xffffffff;
const ITEM = 'FFFEE000';
const ITEM_END = 'FFFEE00D';
const SEQUENCE_END = 'FFFEE0DD';

/** VRs whose explicit form has a 4-byte length after two reserved bytes. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
/** Text VRs in the Specific Character Set; the others are in the default repertoire. */
const CHARSET_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC']);
/** Text VRs that hold one value (a backslash is text). */
const SINGLE_VALUED = new Set(['ST', 'LT', 'UT', 'UR']);

/** Reads a DICOM Part 10 file (preamble, `DICM`, file meta information, data set). */
export function readPart10(bytes: Uint8Array): Part10File {
  if (bytes.length < PREAMBLE_LENGTH + 4 || Buffer.from(bytes.subarray(PREAMBLE_LENGTH, PREAMBLE_LENGTH + 4)).toString('latin1') !== 'DICM') {
    throw new ConversionInputError('not a DICOM Part 10 file (no "DICM" after the 128-byte preamble)');
  }
  try {
    const metaReader = new Reader(bytes, PREAMBLE_LENGTH + 4, bytes.length, { implicit: false, little: true });
    const meta = metaReader.dataset(DEFAULT_CHARACTER_SET, (tag) => !tag.startsWith('0002'));
    const syntax = typeof meta.TransferSyntaxUID === 'string' ? meta.TransferSyntaxUID : undefined;
    if (!syntax) throw new Error('no Transfer Syntax UID (0002,0010) in the file meta information');
    let body = bytes;
    let start = metaReader.offset;
    if (syntax === DEFLATED) {
      body = inflateRawSync(bytes.subarray(start));
      start = 0;
    }
    const reader = new Reader(body, start, body.length, { implicit: syntax === IMPLICIT_LE, little: syntax !== EXPLICIT_BE });
    const top: { charset: CharacterSet } = { charset: DEFAULT_CHARACTER_SET };
    const dataset = reader.dataset(DEFAULT_CHARACTER_SET, undefined, top);
    return { meta, dataset, charset: top.charset };
  } catch (e) {
    if (e instanceof ConversionInputError) throw e;
    throw new ConversionInputError(`truncated or damaged DICOM file: ${(e as Error)?.message ?? String(e)}`);
  }
}

interface Syntax {
  implicit: boolean;
  little: boolean;
}

class Reader {
  private readonly view: DataView;
  /** Set once an undefined-length item's delimiter is read. */
  closed = false;

  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
    private readonly end: number,
    private readonly syntax: Syntax,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (this.offset + n > this.end) throw new Error(`a value runs past the end of the data (at byte ${this.offset})`);
  }

  private u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.offset, this.syntax.little);
    this.offset += 2;
    return v;
  }

  private u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, this.syntax.little);
    this.offset += 4;
    return v;
  }

  private tag(): string {
    const group = this.u16();
    const element = this.u16();
    return hex4(group) + hex4(element);
  }

  /**
   * Reads elements until the end, an item delimiter, or (for the file meta group) a tag that
   * `stop` rejects. `top` receives the data set's character set.
   */
  dataset(inherited: CharacterSet, stop?: (tag: string) => boolean, top?: { charset: CharacterSet }): DicomDataset {
    const result: DicomDataset = {};
    let charset = inherited;
    while (this.offset < this.end) {
      const at = this.offset;
      const tag = this.tag();
      if (stop?.(tag)) {
        this.offset = at;
        break;
      }
      if (tag === ITEM_END) {
        this.u32();
        this.closed = true;
        return result;
      }
      const { vr, length } = this.header(tag);
      const keyword = keywordOf(tag);
      if (vr === 'SQ' || (vr === 'UN' && length === UNDEFINED)) {
        result[keyword] = this.sequence(length, charset);
        continue;
      }
      if (length === UNDEFINED) {
        this.skipFragments();
        continue;
      }
      this.need(length);
      const value = this.bytes.subarray(this.offset, this.offset + length);
      this.offset += length;
      if (tag.startsWith('FFFE')) throw new Error(`an item tag (${tag}) outside a sequence`);
      if (tag === '00080005') {
        charset = characterSet(splitValues(latin1(value)));
        if (top) top.charset = charset;
      }
      result[keyword] = this.value(vr, value, charset);
    }
    return result;
  }

  private header(tag: string): { vr: string; length: number } {
    if (tag.startsWith('FFFE') || this.syntax.implicit) return { vr: tag.startsWith('FFFE') ? 'NA' : vrOf(tag), length: this.u32() };
    this.need(2);
    const vr = String.fromCharCode(this.bytes[this.offset], this.bytes[this.offset + 1]);
    this.offset += 2;
    if (!/^[A-Z]{2}$/.test(vr)) throw new Error(`no value representation for (${tag.slice(0, 4)},${tag.slice(4)})`);
    if (LONG_VRS.has(vr)) {
      this.u16();
      return { vr, length: this.u32() };
    }
    return { vr, length: this.u16() };
  }

  private sequence(length: number, charset: CharacterSet): DicomDataset[] {
    const items: DicomDataset[] = [];
    const stop = length === UNDEFINED ? this.end : this.offset + length;
    if (stop > this.end) throw new Error(`a sequence runs past the end of the data (at byte ${this.offset})`);
    // An undefined-length UN sequence is always implicit VR little endian (PS3.5 6.2.2).
    while (this.offset < stop) {
      const tag = this.tag();
      const itemLength = this.u32();
      if (tag === SEQUENCE_END) return items;
      if (tag !== ITEM) throw new Error(`(${tag.slice(0, 4)},${tag.slice(4)}) where a sequence item belongs`);
      if (itemLength === UNDEFINED) {
        const inner = new Reader(this.bytes, this.offset, stop, this.syntax);
        items.push(inner.dataset(charset));
        if (!inner.closed) throw new Error('a sequence item is not closed');
        this.offset = inner.offset;
      } else {
        this.need(itemLength);
        const inner = new Reader(this.bytes, this.offset, this.offset + itemLength, this.syntax);
        items.push(inner.dataset(charset));
        this.offset += itemLength;
      }
    }
    if (length === UNDEFINED) throw new Error('a sequence is not closed');
    return items;
  }

  /** Encapsulated pixel data: fragments until the sequence delimiter (a KOS has none; skipped). */
  private skipFragments(): void {
    for (;;) {
      const tag = this.tag();
      const length = this.u32();
      if (tag === SEQUENCE_END) return;
      if (tag !== ITEM || length === UNDEFINED) throw new Error('encapsulated data without its fragments');
      this.need(length);
      this.offset += length;
    }
  }

  private value(vr: string, bytes: Uint8Array, charset: CharacterSet): unknown {
    const number = (size: number, read: (at: number) => number) => {
      const values: number[] = [];
      for (let at = 0; at + size <= bytes.length; at += size) values.push(read(at));
      return single(values);
    };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const little = this.syntax.little;
    switch (vr) {
      case 'US':
        return number(2, (at) => view.getUint16(at, little));
      case 'SS':
        return number(2, (at) => view.getInt16(at, little));
      case 'UL':
        return number(4, (at) => view.getUint32(at, little));
      case 'SL':
        return number(4, (at) => view.getInt32(at, little));
      case 'FL':
        return number(4, (at) => view.getFloat32(at, little));
      case 'FD':
        return number(8, (at) => view.getFloat64(at, little));
      case 'AT':
        return number(4, (at) => (view.getUint16(at, little) << 16) | view.getUint16(at + 2, little));
      case 'OB':
      case 'OW':
      case 'OD':
      case 'OF':
      case 'OL':
      case 'OV':
      case 'UN':
      case 'SV':
      case 'UV':
        return bytes;
    }
    const text = CHARSET_VRS.has(vr) ? charset.decode(bytes, vr === 'PN') : latin1(bytes);
    if (SINGLE_VALUED.has(vr)) return text.replace(/[\0 ]+$/, '');
    const values = splitValues(text);
    if (vr === 'PN') return values.map(personName);
    return single(values);
  }
}

function personName(value: string): PersonName {
  const [alphabetic, ideographic, phonetic] = value.split('=');
  const name: PersonName = {};
  if (alphabetic) name.Alphabetic = alphabetic;
  if (ideographic) name.Ideographic = ideographic;
  if (phonetic) name.Phonetic = phonetic;
  return name;
}

/** Values split at backslashes, padding (spaces, NUL) removed; no values when empty. */
function splitValues(text: string): string[] {
  const trimmed = text.replace(/[\0 ]+$/, '');
  if (trimmed === '') return [];
  return trimmed.split('\\').map((v) => v.replace(/^ +| +$/g, ''));
}

/** One value as itself; several (or none) as an array. */
function single<T>(values: T[]): T | T[] {
  return values.length === 1 ? values[0] : values;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function dictionaryEntry(tag: string): { vr?: string; name?: string } | undefined {
  return dcmjs().data.DicomMetaDictionary.dictionary[`(${tag.slice(0, 4)},${tag.slice(4)})`] as { vr?: string; name?: string } | undefined;
}

/** Attributes by keyword; private and unknown ones by their tag. */
export function keywordOf(tag: string): string {
  return dictionaryEntry(tag)?.name ?? tag;
}

function vrOf(tag: string): string {
  if (tag.endsWith('0000')) return 'UL';
  const vr = dictionaryEntry(tag)?.vr ?? 'UN';
  // Ambiguous dictionary VRs (US or SS, OB or OW): the first is what implicit VR files use.
  return vr.split(/ or |\|/)[0].trim();
}

/** A sequence attribute as a list of items (absent or empty: none). */
export function items(dataset: DicomDataset, keyword: string): DicomDataset[] {
  const value = dataset[keyword];
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object' && !(v instanceof Uint8Array)) as DicomDataset[];
  return value && typeof value === 'object' && !(value instanceof Uint8Array) ? [value as DicomDataset] : [];
}

/** A single-valued string attribute, trimmed; absent or empty: undefined. */
export function text(dataset: DicomDataset, keyword: string): string | undefined {
  const value = Array.isArray(dataset[keyword]) ? (dataset[keyword] as unknown[])[0] : dataset[keyword];
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** A multi-valued numeric attribute (IS, US...) as numbers. */
export function numbers(dataset: DicomDataset, keyword: string): number[] {
  const value = dataset[keyword];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}
