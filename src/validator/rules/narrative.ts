import type { IssueCollector, Site } from '../outcome/issue-collector';
import { readXml, XmlSyntaxError, type XmlElement, type XmlNode } from '../parse/xml-reader';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** The elements FHIR narrative may use (FHIR R5 §2.4.0.1 Narrative, "basic html"). */
const ALLOWED_ELEMENTS = new Set(
  'a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img li ol p pre q samp small span strong sub sup table tbody td tfoot th thead tr tt ul var'.split(' '),
);
const ALLOWED_ATTRIBUTES = new Set(
  'abbr accesskey align alt axis bgcolor border cellhalign cellpadding cellspacing cellvalign char charoff charset cite class colspan compact coords dir frame headers height href hreflang hspace id lang longdesc name nowrap rel rev rowspan rules scope shape span src start style summary tabindex title type valign value vspace width xml:lang'.split(' '),
);

/**
 * Narrative.div is XHTML that viewers render: it must be a well-formed `div` in the XHTML
 * namespace, use only the allowed elements and attributes (so no script, no event handlers),
 * no `javascript:` links, and carry some text or an image (txt-1, txt-2).
 */
export function checkNarrativeDiv(div: string, expression: string, site: Site, out: IssueCollector): void {
  const review = reviewXhtml(div);
  if (review.syntax) out.add('error', 'invalid', `the narrative is not well-formed XHTML: ${review.syntax}`, expression, site, 'txt-xhtml');
  if (review.notDiv) out.add('error', 'invalid', 'the narrative must be a <div> in the XHTML namespace (http://www.w3.org/1999/xhtml)', expression, site, 'txt-div');
  for (const p of review.unsafe) out.add('error', 'security', `unsafe narrative: ${p}`, expression, site, 'txt-1');
  if (review.empty) out.add('error', 'invariant', 'the narrative has no content (txt-2: some non-whitespace text or an image is required)', expression, site, 'txt-2');
}

export interface XhtmlReview {
  syntax?: string;
  notDiv: boolean;
  unsafe: string[];
  empty: boolean;
}

const reviews = new Map<string, XhtmlReview>();

/** What is wrong with a narrative div; the last results are kept, as the same div is asked about by txt-1 and txt-2. */
export function reviewXhtml(div: string): XhtmlReview {
  let review = reviews.get(div);
  if (review) return review;
  let root: XmlElement;
  try {
    root = readXml(div);
    review = { notDiv: root.name !== 'div' || root.ns !== XHTML_NS, unsafe: [], empty: false };
    visit(root, review.unsafe);
    review.empty = !hasContent(root);
  } catch (e) {
    review = { syntax: e instanceof XmlSyntaxError ? e.message : String(e), notDiv: false, unsafe: [], empty: false };
  }
  if (reviews.size > 64) reviews.clear();
  reviews.set(div, review);
  return review;
}

/** FHIRPath htmlChecks() (txt-1, txt-2): well-formed, a div, only safe elements and attributes, some content. */
export function htmlChecks(div: string): boolean {
  const r = reviewXhtml(div);
  return !r.syntax && !r.notDiv && r.unsafe.length === 0 && !r.empty;
}

function visit(e: XmlElement, problems: string[]): void {
  if (!ALLOWED_ELEMENTS.has(e.name)) problems.push(`element <${e.name}> is not allowed`);
  for (const [name, attr] of e.attributes) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) problems.push(`event-handler attribute ${name} on <${e.name}>`);
    // data-* attributes carry no behaviour; HL7's own generated narratives use data-fhir.
    else if (!ALLOWED_ATTRIBUTES.has(lower) && !lower.startsWith('data-') && !(attr.ns && name === 'lang')) problems.push(`attribute ${name} on <${e.name}> is not allowed`);
    if ((lower === 'href' || lower === 'src') && /^\s*(javascript|vbscript):/i.test(attr.value)) problems.push(`script URL in ${name} on <${e.name}>`);
  }
  for (const c of e.children) if (!('text' in c)) visit(c, problems);
}

function hasContent(node: XmlNode): boolean {
  if ('text' in node) return node.text.trim().length > 0;
  if (node.name === 'img') return true;
  return node.children.some(hasContent);
}
