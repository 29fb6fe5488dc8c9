/**
 * The shapes of URL that FHIR gives meaning to in references and fullUrls: a RESTful
 * `[base]/[type]/[id]{/_history/[vid]}` (https://hl7.org/fhir/R5/references.html#literal) and an
 * absolute URI. Both as the HL7 validator reads them, so that both agree on what is "RESTful".
 */

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** A path segment of the base: the characters of the HL7 validator's Constants.URI_REGEX. */
const BASE_SEGMENT = /^[A-Za-z0-9\\.:%$\-_]*$/;

/**
 * The resource type a RESTful URL names (`http://x.org/fhir/Patient/1` -> Patient; also relative
 * `Patient/1` and versioned `.../_history/2`), or undefined when the URL does not have that shape.
 */
export function restfulType(url: string, isResourceType: (name: string) => boolean): string | undefined {
  const scheme = /^https?:\/\//.exec(url);
  const segments = (scheme ? url.slice(scheme[0].length) : url).split('/');
  // [base segments..] type id [_history vid]: the versioned form, then the plain one.
  for (const tail of [4, 2]) {
    const at = segments.length - tail;
    if (at < 0 || (!scheme && at > 0)) continue; // a relative URL is exactly Type/id{/_history/vid}
    const [type, id, history, vid] = segments.slice(at);
    if (tail === 4 && (history !== '_history' || !ID.test(vid))) continue;
    if (ID.test(id) && isResourceType(type) && segments.slice(0, at).every((s) => BASE_SEGMENT.test(s))) return type;
  }
  return undefined;
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
