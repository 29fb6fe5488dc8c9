import type { IssueCollector, Site } from '../outcome/issue-collector';
import { readXml, XmlSyntaxError, type XmlElement, type XmlNode } from '../parse/xml-reader';
import { unsafeStyle } from './narrative-style';
import { unsafeUrl, URL_ATTRIBUTES } from './narrative-url';
import type { ValidatorRule, ValueEvent, Walk } from './rule';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The elements FHIR narrative may use (FHIR R5 §2.4.0.1 Narrative, "basic html"). */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  'a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img li ol p pre q samp small span strong sub sup table tbody td tfoot th thead tr tt ul var'.split(' '),
);
export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set(
  'abbr accesskey align alt axis bgcolor border cellhalign cellpadding cellspacing cellvalign char charoff charset cite class colspan compact coords dir frame headers height href hreflang hspace id lang longdesc name nowrap rel rev rowspan rules scope shape span src start style summary tabindex title type valign value vspace width xml:lang'.split(' '),
);

function narrative(e: ValueEvent, w: Walk): void {
  const obj = e.value as Record<string, unknown>;
  if (typeof obj.div === 'string') checkNarrativeDiv(obj.div, `${e.expression}.div`, { container: obj, key: 'div' }, w.out);
}

export const narrativeRule: ValidatorRule = {
  name: 'narrative',
  ids: ['txt-xhtml', 'txt-div', 'txt-1', 'txt-2'],
  checks: 'Narrative.div is a well-formed XHTML div with only the allowed elements and attributes, no script, no unsafe URL or style, and some content',
  spec: 'https://hl7.org/fhir/R5/narrative.html',
  hooks: { type: { Narrative: narrative } },
};

/**
 * Narrative.div is XHTML that viewers render: it must be a well-formed `div` in the XHTML
 * namespace, use only the allowed elements and attributes (so no script, no event handlers),
 * no script URLs, no CDATA or comments with markup, no style that places content over the page,
 * and carry some text or an image (txt-1, txt-2).
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
  // An HTML parser, which is what most viewers use, reads CDATA and some comments differently from
  // XML: `<![CDATA[ > <img onerror=…> ]]>` and `<!--><img onerror=…>-->` are text or a comment to
  // XML but an image with a handler to HTML. So CDATA is refused, and so is a comment with < or > in it.
  const hidden: string[] = [];
  try {
    root = readXml(div, {
      onCdata: () => hidden.push('CDATA section (not allowed in a narrative; an HTML viewer reads its content as markup)'),
      onComment: (text) => {
        if (/[<>]/.test(text)) hidden.push('comment with markup in it (an HTML viewer may read it as markup)');
      },
    });
    review = { notDiv: root.name !== 'div' || root.ns !== XHTML_NS, unsafe: hidden, empty: false };
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

function visit(e: XmlElement, problems: string[], root = true): void {
  if (!ALLOWED_ELEMENTS.has(e.name)) problems.push(`element <${e.name}> is not allowed`);
  // `<svg:a xmlns:svg="…">` is an SVG element to a browser, whatever its local name.
  else if (e.ns !== XHTML_NS && !root) problems.push(`element <${e.name}> is not in the XHTML namespace`);
  for (const [name, attr] of e.attributes) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) problems.push(`event-handler attribute ${name} on <${e.name}>`);
    else if (attr.ns && !(attr.ns === XML_NS && (name === 'lang' || name === 'xml:lang'))) problems.push(`attribute ${name} in namespace ${attr.ns} on <${e.name}> is not allowed`);
    // data-* attributes carry no behaviour; HL7's own generated narratives use data-fhir.
    else if (!ALLOWED_ATTRIBUTES.has(lower) && !lower.startsWith('data-')) problems.push(`attribute ${name} on <${e.name}> is not allowed`);
    const url = URL_ATTRIBUTES.has(lower) ? unsafeUrl(attr.value, e.name, lower) : undefined;
    if (url) problems.push(url);
    const style = lower === 'style' ? unsafeStyle(attr.value) : undefined;
    if (style) problems.push(`${style} on <${e.name}>`);
  }
  for (const c of e.children) if (!('text' in c)) visit(c, problems, false);
}

function hasContent(node: XmlNode): boolean {
  if ('text' in node) return node.text.trim().length > 0;
  if (node.name === 'img') return true;
  return node.children.some(hasContent);
}
