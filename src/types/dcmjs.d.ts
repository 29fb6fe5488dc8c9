// The part of dcmjs (which ships no types) that the KOS reader uses.
declare module 'dcmjs' {
  export interface DicomDict {
    meta: Record<string, unknown>;
    dict: Record<string, unknown>;
  }
  export const data: {
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict };
    DicomMetaDictionary: { naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown> };
  };
  export const log: { getLevel(): number; setLevel(level: number | string): void };
}
