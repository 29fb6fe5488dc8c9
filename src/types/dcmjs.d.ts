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
  /** loglevel's API: the root logger, and the named loggers dcmjs made with getLogger. */
  export interface Logger {
    getLevel(): number;
    setLevel(level: number | string, persist?: boolean): void;
  }
  export const log: Logger & { getLoggers(): Record<string, Logger> };
}
