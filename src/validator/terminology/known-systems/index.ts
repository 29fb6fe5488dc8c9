import type { KnownCodeSystem } from './known-system';

export type { CodeVerdict, KnownCodeSystem } from './known-system';

/**
 * The code systems the validator knows without a terminology server, each loaded on first use
 * (its library's data costs time at start-up that most inputs never need).
 */
const LOADERS: Record<string, () => KnownCodeSystem> = {
  'urn:ietf:bcp:13': () => (require('./mime-types') as typeof import('./mime-types')).mimeTypes,
  'urn:ietf:bcp:47': () => (require('./languages') as typeof import('./languages')).languages,
  'urn:iso:std:iso:4217': () => (require('./currencies') as typeof import('./currencies')).currencies,
  'urn:iso:std:iso:3166': () => (require('./countries') as typeof import('./countries')).countryCodes,
  'urn:iso:std:iso:3166:-2': () => (require('./subdivisions') as typeof import('./subdivisions')).subdivisionCodes,
  'http://unitsofmeasure.org': () => (require('./ucum') as typeof import('./ucum')).ucum,
};

const loaded = new Map<string, KnownCodeSystem>();

/** The known code system of this URL (loading it), or undefined. */
export function knownSystem(url: string): KnownCodeSystem | undefined {
  let system = loaded.get(url);
  if (!system && Object.hasOwn(LOADERS, url)) {
    system = LOADERS[url]();
    loaded.set(url, system);
  }
  return system;
}

/** Whether the URL names a known code system (without loading it). */
export function isKnownSystem(url: string): boolean {
  return Object.hasOwn(LOADERS, url);
}

export const KNOWN_SYSTEM_URLS = Object.keys(LOADERS);

/**
 * Codes a value set holds besides its known-system includes: FHIR R5 lets the mimetypes value set
 * also hold the format shorthands `xml`, `json` and `ttl` (CapabilityStatement.format: "xml | json |
 * ttl | mime type"), which are not media types (the HL7 validator allows them there too, before R6).
 */
export const VALUE_SET_EXTRA_CODES: Record<string, { system: string; codes: string[] }> = {
  'http://hl7.org/fhir/ValueSet/mimetypes': { system: 'urn:ietf:bcp:13', codes: ['xml', 'json', 'ttl'] },
};
