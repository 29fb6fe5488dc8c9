/**
 * The shapes of URL that FHIR gives meaning to in references and fullUrls: a RESTful
 * `[base]/[type]/[id]{/_history/[vid]}` (https://hl7.org/fhir/R5/references.html#literal) and an
 * absolute URI. Both as the HL7 validator reads them, so that both agree on what is "RESTful".
 */

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** The base before the type: path segments of the characters of the HL7 validator's Constants.URI_REGEX. */
const BASE = /^[A-Za-z0-9\\.:%$\-_/]*$/;

/**
 * The resource type a RESTful URL names (`http://x.org/fhir/Patient/1` -> Patient; also relative
 * `Patient/1` and versioned `.../_history/2`), or undefined when the URL does not have that shape.
 * Read from the end by the last slashes, without splitting the URL (every fullUrl of a Bundle is asked).
 */
export function restfulType(url: string, isResourceType: (name: string) => boolean): string | undefined {
  const scheme = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : 0;
  const s1 = url.lastIndexOf('/');
  const s2 = s1 > 0 ? url.lastIndexOf('/', s1 - 1) : -1;
  // type/id: the type starts after s2
  const plain = typeAt(url, scheme, s2, s1, url.length, isResourceType);
  if (plain) return plain;
  // type/id/_history/vid
  if (s2 < 0 || url.slice(s2 + 1, s1) !== '_history' || !ID.test(url.slice(s1 + 1))) return undefined;
  const s3 = s2 > 0 ? url.lastIndexOf('/', s2 - 1) : -1;
  const s4 = s3 > 0 ? url.lastIndexOf('/', s3 - 1) : -1;
  return s3 < 0 ? undefined : typeAt(url, scheme, s4, s3, s2, isResourceType);
}

/** The type between the slashes `before` and `after`, followed by an id up to `end`, with a valid base before it. */
function typeAt(url: string, scheme: number, before: number, after: number, end: number, isResourceType: (name: string) => boolean): string | undefined {
  if (after < 0 || before + 1 < scheme) return undefined;
  // A relative URL is exactly Type/id: nothing before the type.
  if (!scheme && before >= 0) return undefined;
  const type = url.slice(before + 1, after);
  if (!ID.test(url.slice(after + 1, end)) || !isResourceType(type)) return undefined;
  return BASE.test(url.slice(scheme, before + 1)) ? type : undefined;
}

/**
 * An absolute URI as the HL7 validator's Utilities.isAbsoluteUrl decides: a scheme (http, https,
 * urn, or a lower-case token) before the first ':', then something without spaces.
 */
export function isAbsoluteUrl(url: string): boolean {
  const colon = url.indexOf(':');
  if (colon < 0) return false;
  const scheme = url.slice(0, colon);
  const details = url.slice(colon + 1);
  const schemeOk = scheme === 'http' || scheme === 'https' || scheme === 'urn' || (/^[A-Za-z][A-Za-z0-9_[\]]*$/.test(scheme) && scheme === scheme.toLowerCase());
  return schemeOk && details.length > 0 && !details.includes(' ');
}
