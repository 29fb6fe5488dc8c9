// The browser entry: the package's main one loads the country names of every locale, which are not needed.
import countries = require('i18n-iso-countries/index');
import { memoized, type KnownCodeSystem } from './known-system';

let codes: Set<string> | undefined;

/**
 * ISO 3166-1 (urn:iso:std:iso:3166): the alpha-2, alpha-3 and numeric country codes
 * (i18n-iso-countries), each as the standard writes it (letters upper case, numbers with three digits).
 */
function check(code: string) {
  codes ??= new Set([...Object.keys(countries.getAlpha2Codes()), ...Object.keys(countries.getAlpha3Codes()), ...Object.keys(countries.getNumericCodes())]);
  if (codes.has(code)) return { valid: true as const };
  const hint = codes.has(code.toUpperCase()) ? ` (ISO 3166 codes are upper case: "${code.toUpperCase()}")` : '';
  return { valid: false as const, reason: `"${code}" is not an ISO 3166-1 country code${hint}` };
}

export const countryCodes: KnownCodeSystem = { url: 'urn:iso:std:iso:3166', title: 'ISO 3166-1 countries', check: memoized(check) };
