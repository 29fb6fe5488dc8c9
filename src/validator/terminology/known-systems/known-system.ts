// The libraries behind the known systems ship no types: declared here, for every tsconfig that compiles these modules.
/// <reference path="./vendor.d.ts" />

/** What a code system known without a terminology server says about one code. */
export type CodeVerdict = { valid: true; note?: string } | { valid: false; reason: string };

/**
 * A code system whose codes are checked by rule or from a library's data, not listed in a
 * CodeSystem resource: the FHIR packages define none of these (they are "external" systems that
 * only a terminology server knows), so a value set that includes all of one cannot be expanded.
 */
export interface KnownCodeSystem {
  url: string;
  /** How the system is named in messages ("BCP-13 mime types"). */
  title: string;
  check(code: string): CodeVerdict;
}

const MAX_KEPT_CODE_CHARS = 1000;

/**
 * Remembers verdicts: the same few codes (units, currencies, mime types) repeat across a large input. A long
 * code is not kept: real codes are short, and ten thousand kept long ones would hold gigabytes.
 */
export function memoized(check: (code: string) => CodeVerdict, limit = 10_000): (code: string) => CodeVerdict {
  const seen = new Map<string, CodeVerdict>();
  return (code) => {
    let verdict = seen.get(code);
    if (!verdict) {
      verdict = check(code);
      if (seen.size < limit && code.length <= MAX_KEPT_CODE_CHARS) seen.set(code, verdict);
    }
    return verdict;
  };
}
