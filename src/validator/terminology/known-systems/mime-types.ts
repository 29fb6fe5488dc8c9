import db = require('mime-db');
import { memoized, type KnownCodeSystem } from './known-system';

/** The top-level media types registered with IANA (RFC 6838 section 4.2.1 and later registrations). */
const TOP_LEVEL = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);
/** RFC 6838 section 4.2: restricted-name, 1 to 127 characters, starting with a letter or digit. */
const RESTRICTED_NAME = /^[A-Za-z0-9][A-Za-z0-9!#$&\-^_.+]{0,126}$/;
/** RFC 9110 section 5.6.2: a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * BCP-13 (urn:ietf:bcp:13): a media type is `type/subtype` with optional `; name=value` parameters
 * (RFC 6838, RFC 9110 section 8.3.1). Its syntax and its top-level type decide validity; a
 * type/subtype that mime-db (the IANA, Apache and nginx registries) does not list is accepted with
 * a note, since vendor and private types are legal without registration, as terminology servers
 * accept them.
 */
function check(code: string) {
  const [essence, ...parameters] = code.split(';');
  const slash = essence.indexOf('/');
  const type = essence.slice(0, slash).trim();
  const subtype = essence.slice(slash + 1).trim();
  if (slash < 0 || !RESTRICTED_NAME.test(type) || !RESTRICTED_NAME.test(subtype)) {
    return { valid: false as const, reason: `"${code}" is not a media type (type/subtype, RFC 6838)` };
  }
  if (!TOP_LEVEL.has(type.toLowerCase())) return { valid: false as const, reason: `"${type}" is not a registered top-level media type (RFC 6838)` };
  for (const parameter of parameters) {
    if (!parameter.trim()) continue; // RFC 9110 allows empty parameters
    const eq = parameter.indexOf('=');
    if (eq < 0 || !TOKEN.test(parameter.slice(0, eq).trim()) || !parameter.slice(eq + 1).trim()) {
      return { valid: false as const, reason: `the parameter "${parameter.trim()}" of "${code}" is not name=value (RFC 9110)` };
    }
  }
  const known = db[`${type}/${subtype}`.toLowerCase()];
  return known ? { valid: true as const } : { valid: true as const, note: `${type}/${subtype} is not a registered media type (mime-db)` };
}

export const mimeTypes: KnownCodeSystem = { url: 'urn:ietf:bcp:13', title: 'BCP-13 mime types', check: memoized(check) };

