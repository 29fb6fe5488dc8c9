// Whether the links and image sources of a narrative are URLs at all (RFC 3986, RFC 2397 for data:),
// as the HL7 validator checks them (UrlUtil.checkValidUrl, message XHTML_URL_INVALID). Whether a
// valid URL is safe to follow is narrative-url.ts's question.

/**
 * The characters of RFC 3986 (unreserved, reserved and `%`), and `|`, which FHIR puts between a
 * canonical URL and its version (`url|version`) and the HL7 validator accepts in links.
 */
const URL_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%|]/;
/** Letters and digits beyond ASCII: an IRI (RFC 3987), which the HL7 validator accepts too. */
const IRI_CHAR = /[\p{L}\p{N}]/u;

/** A type/subtype and its parameters (RFC 2045 §5.1 tokens; RFC 2397 allows no type at all). */
const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN}/${TOKEN})?(;${TOKEN}=(${TOKEN}|%[0-9A-Fa-f]{2})+)*$`);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why `url` (from `a/@href` or `img/@src`) is not a valid URL, or undefined when it is. */
export function invalidUrl(url: string): string | undefined {
  if (url === '') return 'URL is empty';
  if (/^data:/i.test(url)) return invalidDataUrl(url);
  const bad = new Set<string>();
  for (const ch of url) if (!URL_CHAR.test(ch) && !(ch.charCodeAt(0) > 0x7f && IRI_CHAR.test(ch))) bad.add(`'${ch}'`);
  if (!bad.size) return undefined;
  return bad.size === 1 ? `URL contains Invalid Character: ${[...bad][0]}` : `URL contains ${bad.size} Invalid Characters: ${[...bad].sort().join(',')}`;
}

/** `data:[<mediatype>][;base64],<data>` (RFC 2397): one comma, some data, and base64 data that is base64. */
function invalidDataUrl(url: string): string | undefined {
  const body = url.slice('data:'.length);
  const comma = body.indexOf(',');
  if (comma < 0 || comma === body.length - 1) return 'No data found in data: URL';
  if (body.indexOf(',', comma + 1) >= 0) return 'Comma found in data portion of data URL';
  let mediaType = body.slice(0, comma).trim();
  const base64 = /;base64$/i.test(mediaType);
  if (base64) mediaType = mediaType.slice(0, -';base64'.length);
  if (!MEDIA_TYPE.test(mediaType)) return `The mimetype portion of the data: URL is not valid (${mediaType})`;
  if (base64) {
    // As a browser reads it: percent-escapes decoded, ASCII white space ignored.
    let data = body.slice(comma + 1);
    try {
      data = decodeURIComponent(data);
    } catch {
      return 'The data should be valid base64 content for a data: URL (a % escape is broken)';
    }
    if (!BASE64.test(data.replace(/[\t\n\f\r ]/g, ''))) return 'The data should be valid base64 content for a data: URL';
  }
  return undefined;
}
