// The part of dcmjs (which ships no types) that the converters use: its data dictionary (for the
// KOS reader) and its Part 10 writer (for the KOS writer).
declare module 'dcmjs' {
  export class DicomDict {
    constructor(meta: Record<string, unknown>);
    meta: Record<string, unknown>;
    dict: Record<string, unknown>;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  export const data: {
    DicomDict: typeof DicomDict;
    DicomMetaDictionary: {
      dictionary: Record<string, { tag: string; vr: string; vm: string; name: string } | undefined>;
      naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown>;
      denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>;
    };
  };
  /** loglevel's API: the root logger, and the named loggers dcmjs made with getLogger. */
  export interface Logger {
    getLevel(): number;
    setLevel(level: number | string, persist?: boolean): void;
  }
  export const log: Logger & { getLoggers(): Record<string, Logger> };
}
