// Type declarations for the libraries behind the known code systems that ship none.

declare module 'mime-db' {
  const db: Record<string, { source?: string; extensions?: string[] }>;
  export = db;
}

declare module 'iso-3166-2' {
  const iso: { data: Record<string, { name: string; sub: Record<string, { type: string; name: string }> }> };
  export = iso;
}

declare module '@lhncbc/ucum-lhc' {
  interface UnitValidation {
    status: 'valid' | 'invalid' | 'error';
    msg: string[];
  }
  export interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): UnitValidation;
  }
  /** getInstance makes a new instance at every call (ucumLhcUtils.js). */
  export const UcumLhcUtils: { getInstance(): UcumLhcUtils; prototype: UcumLhcUtils };
}
