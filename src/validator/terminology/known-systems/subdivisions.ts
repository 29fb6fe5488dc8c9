import iso3166 = require('iso-3166-2');
import { memoized, type KnownCodeSystem } from './known-system';

/** ISO 3166-2 (urn:iso:std:iso:3166:-2): a country subdivision code `CC-XXX`, as iso-3166-2 lists it. */
function check(code: string) {
  const country = iso3166.data[code.slice(0, code.indexOf('-'))];
  if (country?.sub[code]) return { valid: true as const };
  return { valid: false as const, reason: `"${code}" is not an ISO 3166-2 subdivision code${country ? ` of ${country.name}` : ''}` };
}

export const subdivisionCodes: KnownCodeSystem = { url: 'urn:iso:std:iso:3166:-2', title: 'ISO 3166-2 subdivisions', check: memoized(check) };
