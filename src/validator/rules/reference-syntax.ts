import type { IssueCollector, Site } from '../outcome/issue-collector';
import type { ResourceFrame } from './resource-frame';
import { isAbsoluteUrl, restfulType } from './restful-url';

/**
 * The syntax of Reference.reference beyond its datatype: conditional references (`Type?query`,
 * https://hl7.org/fhir/R5/http.html#trules, "Conditional References": a search that the server
 * processing a transaction replaces with the reference it finds) and, inside a Bundle, the shapes a
 * relative reference may take. As the HL7 validator (6.10) checks them, with its message ids: a
 * conditional reference needs a well-formed query, and is valid only inside a transaction Bundle
 * (not a batch, not a resource on its own); elsewhere in a Bundle a relative reference is `Type/id`.
 */

/** A search parameter name, and a value without `=` or `&` once decoded (the HL7 validator's patterns). */
const PARAM_NAME = /^[_a-zA-Z][_a-zA-Z0-9.:-]*$/;
const PARAM_VALUE = /^[^=&]*$/;
const TRANSACTIONS = new Set(['transaction', 'batch']);

/** The resource type of a conditional reference (`Patient?identifier=x` -> Patient), else undefined. */
export function conditionalType(literal: string, isResourceType: (name: string) => boolean): string | undefined {
  const q = literal.indexOf('?');
  if (q <= 0) return undefined;
  const type = literal.slice(0, q);
  return isResourceType(type) ? type : undefined;
}

/**
 * Whether a query is `name=value{&name=value}` (`;` separates too, as in the HL7 validator's URL
 * parser): at least one parameter, each with a valid name and a value, empty items skipped.
 */
export function isSearchQuery(query: string): boolean {
  let parameters = 0;
  for (const item of query.split(/[&;]/)) {
    const eq = item.indexOf('=');
    const name = decodeFormField(eq < 0 ? item : item.slice(0, eq)).trim();
    if (name === '') continue;
    if (eq < 0 || !PARAM_NAME.test(name) || !PARAM_VALUE.test(decodeFormField(item.slice(eq + 1)))) return false;
    parameters++;
  }
  return parameters > 0;
}

/**
 * Checks the syntax of a literal reference that is neither `#id` nor absolute. Returns true when it
 * is a conditional reference (the caller then does not look it up as `Type/id`).
 */
export function checkRelativeSyntax(literal: string, frame: ResourceFrame, isResourceType: (name: string) => boolean, expression: string, site: Site, out: IssueCollector): boolean {
  const bundle = frame.bundle;
  if (conditionalType(literal, isResourceType) !== undefined) {
    if (!isSearchQuery(literal.slice(literal.indexOf('?') + 1))) {
      out.add('error', 'invalid', `The query part of the conditional reference is not a valid query string (${literal})`, expression, site, 'REFERENCE_REF_QUERY_INVALID');
    }
    if (bundle?.type !== 'transaction') {
      out.add('error', 'invalid', `The reference '${literal}' is a conditional reference, and conditional references are only valid inside a transaction Bundle`, expression, site, 'REFERENCE_REF_QUERY_NOT_TRANSACTION');
    }
    return true;
  }
  if (!bundle || isAbsoluteUrl(literal) || hasTypeIdSlashes(literal)) return false;
  if (TRANSACTIONS.has(bundle.type ?? '')) {
    out.add('error', 'invalid', `Relative URLs must be of the format [ResourceName]/[id], or a search URL is allowed ([type]?parameters. Encountered ${literal})`, expression, site, 'Reference_REF_Format1');
  } else if (restfulEntry(frame, isResourceType)) {
    // With a RESTful fullUrl, a relative reference resolves against its base (Bundle §3.3.1.4.1): it has to be Type/id.
    out.add('error', 'invalid', `Relative URLs must be of the format [ResourceName]/[id]. Encountered ${literal}`, expression, site, 'Reference_REF_Format2');
  }
  return false;
}

/** `Type/id` and `Type/id/_history/vid` have one or three slashes: the HL7 validator looks only at that count. */
function hasTypeIdSlashes(literal: string): boolean {
  let slashes = 0;
  for (let i = 0; i < literal.length; i++) if (literal.charCodeAt(i) === 0x2f) slashes++;
  return slashes === 1 || slashes === 3;
}

/** Whether the entry the reference is in has a RESTful fullUrl (a base that relative references resolve against). */
function restfulEntry(frame: ResourceFrame, isResourceType: (name: string) => boolean): boolean {
  const fullUrl = frame.bundle?.fullUrlOf.get(frame.container ?? frame.resource);
  return fullUrl !== undefined && restfulType(fullUrl, isResourceType) !== undefined;
}

/** application/x-www-form-urlencoded decoding: `+` is a space, `%XX` a UTF-8 byte (a malformed escape stays as it is). */
function decodeFormField(text: string): string {
  const plus = text.replace(/\+/g, ' ');
  if (!plus.includes('%')) return plus;
  return plus.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    return new TextDecoder().decode(bytes);
  });
}
