import type * as Dcmjs from 'dcmjs';
import { ConversionInputError } from '../errors';

let loaded: typeof Dcmjs | undefined;

/** dcmjs is loaded on first use: it is large, and only KOS input needs it (not every imgref command). */
function dcmjs(): typeof Dcmjs {
  loaded ??= require('dcmjs') as typeof Dcmjs;
  return loaded;
}

/** A DICOM data set with dcmjs's naturalized keys (attribute keywords, sequences as arrays of items). */
export type DicomDataset = Record<string, unknown>;

export interface Part10File {
  meta: DicomDataset;
  dataset: DicomDataset;
}

const PREAMBLE_LENGTH = 128;

/** Reads a DICOM Part 10 file (preamble, `DICM`, file meta information, data set). */
export function readPart10(bytes: Uint8Array): Part10File {
  if (bytes.length < PREAMBLE_LENGTH + 4 || Buffer.from(bytes.subarray(PREAMBLE_LENGTH, PREAMBLE_LENGTH + 4)).toString('latin1') !== 'DICM') {
    throw new ConversionInputError('not a DICOM Part 10 file (no "DICM" after the 128-byte preamble)');
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { data } = dcmjs();
  const restore = silenceDcmjs();
  try {
    const { meta, dict } = data.DicomMessage.readFile(buffer);
    return { meta: naturalize(meta), dataset: naturalize(dict) };
  } catch (e) {
    throw new ConversionInputError(`truncated or damaged DICOM file: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    restore();
  }
}

/**
 * dcmjs logs parser complaints itself ("Invalid vr type ... - using UN"), through loglevel: the
 * root logger and named ones (`validation.dcmjs`) that do not follow the root's level. All of them
 * are silenced while a file is read (the complaints become the error, or nothing), then restored.
 */
function silenceDcmjs(): () => void {
  const { log } = dcmjs();
  const loggers = [log, ...Object.values(log.getLoggers())];
  const levels = loggers.map((l) => l.getLevel());
  for (const l of loggers) l.setLevel('silent', false);
  return () => loggers.forEach((l, i) => l.setLevel(levels[i], false));
}

function naturalize(dict: Record<string, unknown>): DicomDataset {
  return dcmjs().data.DicomMetaDictionary.naturalizeDataset(dict);
}

/** A sequence attribute as a list of items (absent or empty: none). */
export function items(dataset: DicomDataset, keyword: string): DicomDataset[] {
  const value = dataset[keyword];
  if (Array.isArray(value)) return value as DicomDataset[];
  return value && typeof value === 'object' ? [value as DicomDataset] : [];
}

/** A single-valued string attribute, trimmed; absent or empty: undefined. */
export function text(dataset: DicomDataset, keyword: string): string | undefined {
  const value = Array.isArray(dataset[keyword]) ? (dataset[keyword] as unknown[])[0] : dataset[keyword];
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** A multi-valued numeric attribute (IS, US...) as numbers. */
export function numbers(dataset: DicomDataset, keyword: string): number[] {
  const value = dataset[keyword];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}
