// Type declarations for the libraries behind the known code systems that ship none.

declare module 'mime-db' {
  const db: Record<string, { source?: string; extensions?: string[] }>;
  export = db;
}

declare module 'language-tags' {
  interface LanguageTagError {
    code: number;
    message: string;
    subtag?: string;
  }
  interface Tag {
    valid(): boolean;
    errors(): LanguageTagError[];
  }
  function tags(tag: string): Tag;
  export = tags;
}

declare module 'language-subtag-registry/data/json/registry.json' {
  const records: { Type: string; Subtag?: string; Tag?: string }[];
  export = records;
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
  export const UcumLhcUtils: { getInstance(): { validateUnitString(unit: string, suggest?: boolean): UnitValidation } };
}
